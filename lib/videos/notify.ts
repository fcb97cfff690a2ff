import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { generatedVideos, videoJobs } from "@/db/schema/videos";
import { emitEvent } from "@/lib/webhooks/send";
import { shareFileUrl, sharePageUrl } from "./urls";

/**
 * Tells the job's callback URL (and the workspace's webhook endpoints) that a video job
 * finished or failed, with the seed's callback body: url (the file), videoUrl and shareUrl
 * (the share page), status, then the job's callbackPayload and dynamicVariables.
 */
export async function notifyVideoJob(db: Db, jobId: string): Promise<void> {
  const [job] = await db.select().from(videoJobs).where(eq(videoJobs.id, jobId));
  if (!job || (job.status !== "finished" && job.status !== "failed")) return;
  const [video] = await db.select().from(generatedVideos).where(eq(generatedVideos.id, job.videoId));
  const payload = {
    ...(job.callbackPayload ?? {}),
    dynamicVariables: job.dynamicVariables ?? {},
    id: job.id,
    videoId: job.videoId,
    status: job.status,
    url: video ? shareFileUrl(video.shareToken) : null,
    videoUrl: video ? sharePageUrl(video.shareToken) : null,
    shareUrl: video ? sharePageUrl(video.shareToken) : null,
    ...(job.status === "failed" ? { error: job.errorMessage } : {}),
  };
  await emitEvent(db, {
    workspaceId: job.workspaceId,
    event: job.status === "finished" ? "video.finished" : "video.failed",
    subject: `video-job:${job.id}`,
    payload,
    callbackUrl: job.callbackUrl,
  });
}
