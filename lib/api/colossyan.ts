import { z } from "zod";
import type { TaskStatus } from "@/db/schema/jobs";
import type { GeneratedVideoRow, VideoJobRow } from "@/lib/videos/service";
import { sharePageUrl, shareThumbnailUrl } from "@/lib/videos/urls";
import { requestOrigin } from "./route";

/** Mappers between the video-generation (Colossyan) dialect and the studio's services. */

const variables = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String));
const callbackUrl = z.string().url("callback must be an absolute URL").max(2000);

export const videoJobIn = z.object({
  videoCreative: z.unknown().refine((v) => typeof v === "object" && v !== null, "videoCreative is required"),
  dynamicVariables: variables.nullish(),
  /** The seed's job body calls it `callback`; its template-jobs body calls it `callbackUrl`: both work. */
  callback: callbackUrl.nullish(),
  callbackUrl: callbackUrl.nullish(),
  callbackPayload: z.record(z.string(), z.unknown()).nullish(),
  /** Cinetwin extension: a fast preview render (at most 540p). */
  draft: z.boolean().optional(),
});

export const templateJobIn = z.object({
  templateJobId: z.string({ error: "templateJobId is required" }).min(1, "templateJobId is required"),
  dynamicVariables: variables.default({}),
  callbackUrl: callbackUrl.nullish(),
  callback: callbackUrl.nullish(),
  callbackPayload: z.record(z.string(), z.unknown()).nullish(),
});

/** The dialect's words for a render task's state. */
const STATUS_WORDS = {
  queued: "in_queue",
  running: "rendering",
  succeeded: "finished",
  failed: "failed",
  canceled: "failed",
} as const satisfies Record<TaskStatus, string>;
export type VideoJobStatusWord = (typeof STATUS_WORDS)[TaskStatus];

export function jobOut(job: VideoJobRow) {
  return {
    id: job.id,
    videoId: job.videoId,
    status: STATUS_WORDS[job.status],
    progress: job.progress,
    maximumProgress: 100,
    draft: job.draft,
    /** Cinetwin extension: the credits this render reserved (per started minute of output; drafts are free). */
    creditsReserved: job.creditsReserved,
    name: job.name,
    errorMessage: job.errorMessage,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    videoCreative: job.videoCreative,
    dynamicVariables: job.dynamicVariables ?? {},
    callbackPayload: job.callbackPayload ?? null,
  };
}

export function generatedVideoOut(req: Request, v: GeneratedVideoRow) {
  const origin = requestOrigin(req);
  return {
    id: v.id,
    jobId: v.jobId,
    publicUrl: sharePageUrl(v.shareToken, origin),
    thumbnailUrl: v.thumbnailMediaId ? shareThumbnailUrl(v.shareToken, origin) : null,
    name: v.name,
    createdAt: v.createdAt.toISOString(),
    videoSizeBytes: v.sizeBytes,
    videoDurationSeconds: Math.round(v.durationMs / 100) / 10,
  };
}
