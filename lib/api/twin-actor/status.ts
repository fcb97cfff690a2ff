import type { TaskStatus } from "@/db/schema/jobs";
import type { ProjectStatus, StepStatus } from "@/db/schema/projects";

/**
 * A task's status in this dialect's words for a step (a scene's image or clip, an upscale):
 * the seed's pending / generating / completed / failed. A canceled task did not produce its
 * output, which the seed can only call failed.
 */
export function stepStatusWord(status: TaskStatus): StepStatus {
  switch (status) {
    case "queued":
      return "pending";
    case "running":
      return "generating";
    case "succeeded":
      return "completed";
    case "failed":
    case "canceled":
      return "failed";
  }
}

/** The same for a whole project once approved: queued or running are both "generating". */
export function projectStatusWord(status: TaskStatus): Extract<ProjectStatus, "generating" | "completed" | "failed"> {
  const step = stepStatusWord(status);
  return step === "pending" ? "generating" : step;
}
