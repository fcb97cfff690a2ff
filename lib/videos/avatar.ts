import { sliceText } from "@/lib/format";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { videoJobs } from "@/db/schema/videos";
import type { Principal } from "@/lib/auth/tokens";
import { getCharacter, type CharacterRow } from "@/lib/characters/service";
import { checkCatalogueVoice } from "@/lib/characters/voices";
import { compileAvatarRender } from "@/lib/composition/recipes/avatar-render";
import { env } from "@/lib/env";
import { DEFAULT_VOICE } from "@/lib/providers/speech/voices";
import { providerFor } from "@/lib/providers/settings";
import { actorIdOf } from "./engine";
import { avatarReservation } from "./quote";
import { getTask, type TaskRow } from "@/lib/tasks/service";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/validation/ids";
import { createVideoJob, generatedVideoOfTask, type CreateVideoJobInput, type GeneratedVideoRow, type VideoJobRow } from "./service";
import type { CaptionPreset } from "@/lib/composition/timeline";

export interface AvatarRenderInput {
  characterId: number;
  script: string;
  /** A catalogue voice instead of the character's own. */
  voiceId?: string | null;
  /** Another character whose photo appears, speaking with this character's voice. */
  avatarCharacterId?: number | null;
}

export interface AvatarRenderStarted {
  job: VideoJobRow;
  /** Who draws the talking head: "local" (the photo animated by the speech's loudness, not lip-sync), "heygen" or "fal" (lip-synced). */
  provider: string;
  /** Rough wall-clock time until it is done, with an idle queue. */
  estimatedSeconds: number;
}

/**
 * Who speaks: a voice asked for, else the character's cloned voice once ready, else its catalogue
 * voice. Left unset when the character appears as itself, the actor's own voice is used, which
 * is the same choice; another character's photo must not lend its voice.
 */
function speakerOf(character: CharacterRow, input: AvatarRenderInput, avatar: CharacterRow): string | undefined {
  if (input.voiceId) return input.voiceId;
  if (character.voiceStatus === "ready") return actorIdOf(character.id);
  if (character.voiceId) return character.voiceId;
  return avatar.id === character.id ? undefined : DEFAULT_VOICE;
}

/** The render's portrait size: the configured video size turned upright (1280x720 becomes 720x1280). */
function portraitSize() {
  const { VIDEO_WIDTH: w, VIDEO_HEIGHT: h } = env();
  const even = (n: number) => 2 * Math.round(n / 2);
  return { width: even(Math.min(w, h)), height: even(Math.max(w, h)) };
}

const titleOf = (name: string, script: string) => {
  const words = script.trim().split(/\s+/).slice(0, 6).join(" ");
  return sliceText(`${name}: ${words.length < script.trim().length ? `${words}…` : words}`, 200);
};

/** What a render of a character speaking looks like, beyond the script: a bulk reel sets all three. */
export interface AvatarRenderLook {
  /** Output size; default: the configured video size turned upright. */
  size?: { width: number; height: number };
  captionPreset?: CaptionPreset;
  /** A 540p draft, priced as drafts are (lib/credits/prices.ts). */
  draft?: boolean;
}

/**
 * The render job of a character speaking a script (not yet validated or queued): its timeline
 * and the price it reserves, with the speech's estimated length.
 */
export function planAvatarRender(character: CharacterRow, avatar: CharacterRow, input: AvatarRenderInput, look: AvatarRenderLook = {}) {
  const speakerId = speakerOf(character, input, avatar);
  const timeline = compileAvatarRender({
    name: titleOf(character.name, input.script),
    ...(look.size ?? portraitSize()),
    actor: actorIdOf(avatar.id),
    script: input.script,
    speakerId,
    captionPreset: look.captionPreset,
  });
  const wordsPerMinute = speakerId === actorIdOf(character.id) ? character.voice?.rate : undefined;
  const reservation = avatarReservation(input.script, wordsPerMinute, { draft: look.draft });
  const job: CreateVideoJobInput = { videoCreative: timeline, kind: "avatar", creditsToReserve: reservation.credits, draft: look.draft };
  return { job, estimatedMs: reservation.estimatedMs };
}

/**
 * An avatar render: the character speaks the script, as one timeline render of the one render
 * path (a task of kind timeline-render, listed with the other videos, its webhook on completion).
 * It reserves the estimated price now and is billed 10 credits per rendered second on success
 * (the difference comes back), or refunded if it fails.
 */
export async function createAvatarRender(db: Db, p: Principal, input: AvatarRenderInput): Promise<AvatarRenderStarted> {
  const character = await getCharacter(db, { characterId: input.characterId, workspaceId: p.workspaceId });
  const avatar = input.avatarCharacterId ? await getCharacter(db, { characterId: input.avatarCharacterId, workspaceId: p.workspaceId }) : character;
  checkCatalogueVoice(input.voiceId);
  const plan = planAvatarRender(character, avatar, input);
  const job = await createVideoJob(db, p, plan.job);
  const { provider } = await providerFor(db, p.workspaceId, "talking-head");
  return { job, provider: provider.id, estimatedSeconds: estimatedRenderSeconds(plan.estimatedMs) };
}

/**
 * How long the render takes, roughly: speech synthesis and the encode run at about real time on
 * two cores (measured on the tests' machine), plus a few seconds of start-up.
 */
export function estimatedRenderSeconds(speechMs: number): number {
  return Math.ceil(speechMs / 1000 + 5);
}

/** An avatar render by its task id, with its video once done; any other task (or another workspace's) is not found. */
export async function getAvatarRender(db: Db, args: { workspaceId: string; taskId: string }): Promise<{ task: TaskRow; video: GeneratedVideoRow | null }> {
  const task = isUuid(args.taskId) ? await getTask(db, args) : null;
  const jobId = task?.kind === "timeline-render" ? /^video-job:(.+)$/.exec(task.subject)?.[1] : undefined;
  const [job] = jobId
    ? await db
        .select({ id: videoJobs.id })
        .from(videoJobs)
        .where(and(eq(videoJobs.id, jobId), eq(videoJobs.workspaceId, args.workspaceId), eq(videoJobs.kind, "avatar")))
    : [];
  if (!task || !job) throw notFound("Avatar render");
  return { task, video: await generatedVideoOfTask(db, task) };
}
