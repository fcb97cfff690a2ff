import type { TaskStatus } from "@/db/schema/jobs";

/** The seed's task statuses: poll until done or error. */
export const ainativeStatuses = ["queued", "processing", "done", "error"] as const;
export type AinativeStatus = (typeof ainativeStatuses)[number];

/**
 * A task's status in this dialect's words. A canceled task (a deleted render) produced nothing,
 * so it is an error, which also ends a client's polling loop.
 */
export function taskStatusWord(status: TaskStatus): AinativeStatus {
  switch (status) {
    case "queued":
      return "queued";
    case "running":
      return "processing";
    case "succeeded":
      return "done";
    case "failed":
    case "canceled":
      return "error";
  }
}

/** A bulk batch's statuses: as a task's, and "partial" when it finished with some rows failed. */
export const bulkStatuses = [...ainativeStatuses, "partial"] as const;
export type BulkStatus = (typeof bulkStatuses)[number];

export function bulkStatusWord(task: { status: TaskStatus; result: Record<string, unknown> | null }): BulkStatus {
  return task.status === "succeeded" && task.result?.partial === true ? "partial" : taskStatusWord(task.status);
}
