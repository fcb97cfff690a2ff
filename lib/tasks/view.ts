import type { TaskRow } from "./service";

/** A task as the studio's pages poll it (GET /api/tasks/{taskId}). */
export function toTaskView(t: TaskRow) {
  return {
    id: t.id,
    kind: t.kind,
    subject: t.subject,
    status: t.status,
    progress: t.progress,
    step: t.step,
    error: t.error,
    result: t.result,
    attempts: t.attempts,
    createdAt: t.createdAt.toISOString(),
    startedAt: t.startedAt?.toISOString() ?? null,
    finishedAt: t.finishedAt?.toISOString() ?? null,
  };
}

export type TaskView = ReturnType<typeof toTaskView>;
