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
