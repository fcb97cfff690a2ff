import type { TaskStatus } from "@/db/schema/jobs";

/** A video-generation job's status in the seed's words. */
export const videoJobStatuses = ["in_queue", "rendering", "finished", "failed"] as const;
export type VideoJobStatus = (typeof videoJobStatuses)[number];

/**
 * A task's status in this dialect's words (the seed: in_queue, rendering, finished, failed).
 * The seed has no word for canceled: a canceled render produced no video, so it is failed,
 * which is also what ends a client's polling loop.
 */
export function jobStatusWord(status: TaskStatus): VideoJobStatus {
  switch (status) {
    case "queued":
      return "in_queue";
    case "running":
      return "rendering";
    case "succeeded":
      return "finished";
    case "failed":
    case "canceled":
      return "failed";
  }
}
