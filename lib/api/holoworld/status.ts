import type { TaskStatus } from "@/db/schema/jobs";

/** A render's status in the seed's words. */
export const renderStatuses = ["queued", "processing", "completed", "failed"] as const;
export type RenderStatus = (typeof renderStatuses)[number];

/**
 * A task's status in this dialect's words (the seed: queued, processing, completed, failed). A
 * canceled render (its job deleted) produced no video, so it is failed, which also ends the
 * seed's polling loop.
 */
export function renderStatusWord(status: TaskStatus): RenderStatus {
  switch (status) {
    case "queued":
      return "queued";
    case "running":
      return "processing";
    case "succeeded":
      return "completed";
    case "failed":
    case "canceled":
      return "failed";
  }
}
