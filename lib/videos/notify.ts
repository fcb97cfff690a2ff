import type { GeneratedVideoRow } from "./service";
import type { EnqueueEventInput } from "@/lib/webhooks/service";
import { shareFileUrl, sharePageUrl } from "./urls";

interface SettledJob {
  id: string;
  workspaceId: string;
  videoId: string;
  callbackUrl: string | null;
  callbackPayload: Record<string, unknown> | null;
  dynamicVariables: Record<string, string> | null;
}

/**
 * The event that tells a job's callback URL (and the workspace's webhook endpoints) that a video
 * job finished or failed, with the seed's callback body: url (the file), videoUrl and shareUrl
 * (the share page), status, then the job's callbackPayload and dynamicVariables. Recorded by
 * settleTask in the transaction that settles the job's task.
 */
export function videoJobEvent(job: SettledJob, outcome: { video: GeneratedVideoRow } | { error: string }): EnqueueEventInput {
  const video = "video" in outcome ? outcome.video : null;
  return {
    workspaceId: job.workspaceId,
    event: video ? "video.finished" : "video.failed",
    subject: `video-job:${job.id}`,
    callbackUrl: job.callbackUrl,
    payload: {
      ...(job.callbackPayload ?? {}),
      dynamicVariables: job.dynamicVariables ?? {},
      id: job.id,
      videoId: job.videoId,
      status: video ? "finished" : "failed",
      url: video ? shareFileUrl(video.shareToken) : null,
      videoUrl: video ? sharePageUrl(video.shareToken) : null,
      shareUrl: video ? sharePageUrl(video.shareToken) : null,
      ...("error" in outcome ? { error: outcome.error } : {}),
    },
  };
}
