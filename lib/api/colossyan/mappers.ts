import type { CharacterRow } from "@/lib/characters/service";
import type { VoiceInfo } from "@/lib/providers/speech/voices";
import { actorIdOf } from "@/lib/videos/engine";
import { reservedCredits } from "@/lib/videos/quote";
import type { GeneratedVideoRow, VideoJobRow } from "@/lib/videos/service";
import { shareFileUrl, sharePageUrl, shareThumbnailUrl } from "@/lib/videos/urls";
import { requestOrigin } from "../route";
import { jobStatusWord } from "./status";

/** Response mappers of the video-generation (Colossyan) dialect. */

/** POST /video-generation-jobs and /template-jobs: the seed's `{ id, videoId }`. */
export const jobCreatedOut = (job: VideoJobRow) => ({ id: job.id, videoId: job.videoId });

export function jobOut(job: VideoJobRow) {
  return {
    id: job.id,
    videoId: job.videoId,
    status: jobStatusWord(job.status),
    progress: job.progress,
    maximumProgress: 100,
    draft: job.draft,
    /** Cinetwin extension: the credits this render reserved (per started minute of output; drafts are free; a studio render's per-scene price may be fractional). */
    creditsReserved: reservedCredits(job),
    name: job.name,
    errorMessage: job.errorMessage,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    videoCreative: job.videoCreative,
    dynamicVariables: job.dynamicVariables ?? {},
    callbackPayload: job.callbackPayload ?? null,
  };
}

/**
 * The seed: `publicUrl` is the public URL of the video file (its callback's `url`); the share
 * page is `shareUrl`, as the callback's `videoUrl`/`shareUrl` are.
 */
export function generatedVideoOut(req: Request, v: GeneratedVideoRow) {
  const origin = requestOrigin(req);
  return {
    id: v.id,
    jobId: v.jobId,
    publicUrl: shareFileUrl(v.shareToken, origin),
    shareUrl: sharePageUrl(v.shareToken, origin),
    thumbnailUrl: v.thumbnailMediaId ? shareThumbnailUrl(v.shareToken, origin) : null,
    name: v.name,
    createdAt: v.createdAt.toISOString(),
    videoSizeBytes: v.sizeBytes,
    videoDurationSeconds: Math.round(v.durationMs / 100) / 10,
  };
}

export const templateSavedOut = (t: { id: string; name: string; createdAt: Date }) => ({ id: t.id, name: t.name, createdAt: t.createdAt.toISOString() });

/** A character as an actor of GET /assets/actors; its `name` is what actor tracks use. */
export function actorOut(c: CharacterRow, photoUrl: string | null) {
  return {
    name: actorIdOf(c.id),
    display_name: c.name,
    preview_url: photoUrl,
    version: "v1",
    type: "Instant",
    gender: null,
    quality: "lite",
    emotions: [],
    default_voice: c.voiceStatus === "ready" ? actorIdOf(c.id) : "local-en-us",
    views: [
      {
        viewVariantType: "front",
        aspectRatio: { width: 1, height: 1, ratio: 1 },
        supportedActorTrackVariants: ["full_body", "bubble", "shoulder"],
        supportedInferenceModels: ["local-talking-head"],
        images: { thumbnail: photoUrl, editor: photoUrl },
      },
    ],
    features: { side_view: false, emotions: false, hand_gesture: false },
  };
}

/** What every voice here shares, in the assets/voices dialect's terms. */
const voiceCommon = {
  ages: ["adult"],
  scenarios: ["narration"],
  style: "neutral",
  sample: null,
  features: { pitch: true, emphasize: false, pause: true, speed: true },
};

/** A character's cloned voice: speakerId `character-<id>`. */
export function clonedVoiceOut(c: CharacterRow, gender: "female" | "male") {
  return {
    name: actorIdOf(c.id),
    displayName: `${c.name} (cloned voice)`,
    languages: ["en-US"],
    genders: [gender],
    ...voiceCommon,
    characters: [actorIdOf(c.id)],
    isClonedVoice: true,
  };
}

export function engineVoiceOut(v: VoiceInfo) {
  return { name: v.name, displayName: v.displayName, languages: v.languages, genders: v.genders, ...voiceCommon, characters: [], isClonedVoice: false };
}
