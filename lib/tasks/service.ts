import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { tasks, type TaskStatus } from "@/db/schema/jobs";
import type { TxContext } from "@/db/transaction";
import type { EnqueueEventInput } from "@/lib/webhooks/service";
import { emitEventInTx } from "@/lib/webhooks/send";

export type TaskRow = typeof tasks.$inferSelect;

/** What kinds of long-running work there are: one task row per run of one of these. */
export const taskKinds = [
  "story-propose",
  "project-generate",
  "scene-regenerate",
  "project-recaption",
  "project-upscale",
  "timeline-render",
  "voice-clone",
  "caption-generate",
  "caption-burn-in",
  "bulk-reels",
  "social-publish",
  "analytics-sync",
  "analytics-export",
  "video-conform",
  "account-export",
] as const;
export type TaskKind = (typeof taskKinds)[number];

/** Subjects name the domain row a task is about. */
export const subjects = {
  project: (id: number) => `project:${id}`,
  upscale: (projectId: number) => `project:${projectId}:upscale`,
  videoJob: (id: string) => `video-job:${id}`,
  voice: (characterId: number) => `character:${characterId}:voice`,
  caption: (id: string) => `caption:${id}`,
  captionBurnIn: (id: string) => `caption:${id}:burn-in`,
  bulkBatch: (id: string) => `bulk-batch:${id}`,
  postTarget: (id: string) => `post-target:${id}`,
  analyticsSync: (workspaceId: string) => `analytics-sync:${workspaceId}`,
  analyticsExport: (id: string) => `analytics-export:${id}`,
  videoConform: (taskId: string) => `video-conform:${taskId}`,
  accountExport: (id: string) => `account-export:${id}`,
};

const OPEN = sql`${tasks.status} in ('queued', 'running')`;
/** The newest task of a subject: the current run of that work. */
const newest = (subject: string) => sql`${tasks.id} = (select id from ${tasks} where subject = ${subject} order by created_at desc limit 1)`;

/** Records a queued task; call it in the transaction that queues the job doing the work. */
export async function createTask(db: DbOrTx, args: { id?: string; workspaceId: string; kind: TaskKind; subject: string; step?: string }): Promise<TaskRow> {
  const [row] = await db
    .insert(tasks)
    .values({
      ...(args.id ? { id: args.id } : {}),
      workspaceId: args.workspaceId,
      kind: args.kind,
      subject: args.subject,
      status: "queued",
      step: args.step ?? "queued",
    })
    .returning();
  return row;
}

/** One task of the workspace; another workspace's task is not found (null). */
export async function getTask(db: DbOrTx, args: { taskId: string; workspaceId: string }): Promise<TaskRow | null> {
  const [row] = await db
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, args.taskId), eq(tasks.workspaceId, args.workspaceId)));
  return row ?? null;
}

/** The newest task of each subject (absent when a subject never had one). */
export async function latestTasks(db: DbOrTx, subjectList: string[]): Promise<Map<string, TaskRow>> {
  if (!subjectList.length) return new Map();
  const rows = await db
    .selectDistinctOn([tasks.subject])
    .from(tasks)
    .where(inArray(tasks.subject, [...new Set(subjectList)]))
    .orderBy(tasks.subject, desc(tasks.createdAt));
  return new Map(rows.map((r) => [r.subject, r]));
}

/** How many tasks of `kind` the workspace has queued or running: its backlog, for fair scheduling. */
export async function openTaskCount(db: DbOrTx, workspaceId: string, kind: TaskKind): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(tasks)
    .where(and(eq(tasks.workspaceId, workspaceId), eq(tasks.kind, kind), OPEN));
  return row?.n ?? 0;
}

export async function latestTask(db: DbOrTx, subject: string): Promise<TaskRow | null> {
  return (await latestTasks(db, [subject])).get(subject) ?? null;
}

/**
 * A job attempt begins: the subject's open task is running and counts one more attempt.
 * Returns false when there is no open task (it settled already: a redelivered job has nothing to do).
 */
export async function startTask(db: DbOrTx, subject: string, step?: string): Promise<boolean> {
  const rows = await db
    .update(tasks)
    .set({
      status: "running",
      attempts: sql`${tasks.attempts} + 1`,
      startedAt: sql`coalesce(${tasks.startedAt}, now())`,
      ...(step ? { step } : {}),
      updatedAt: new Date(),
    })
    .where(and(newest(subject), OPEN))
    .returning({ id: tasks.id });
  return rows.length > 0;
}

/** Moves an open task's progress forward (never back: parallel steps may report out of order). */
export async function updateTask(db: DbOrTx, subject: string, patch: { progress?: number; step?: string }): Promise<void> {
  const progress = patch.progress === undefined ? undefined : Math.max(0, Math.min(100, Math.floor(patch.progress)));
  await db
    .update(tasks)
    .set({
      ...(progress !== undefined ? { progress: sql`greatest(${tasks.progress}, ${progress})` } : {}),
      ...(patch.step ? { step: patch.step } : {}),
      updatedAt: new Date(),
    })
    .where(and(newest(subject), OPEN));
}

export type TaskOutcome =
  | { status: "succeeded"; result?: Record<string, unknown>; step?: string }
  | { status: Extract<TaskStatus, "failed" | "canceled">; error: string; step?: string };

/**
 * Ends the subject's open task inside the transaction that records the outcome; pass `event` to
 * record (and queue) the webhook that reports this transition in the same commit. Returns false
 * when no open task was there to settle (it had settled already), in which case no event is sent.
 */
export async function settleTask(ctx: TxContext, subject: string, outcome: TaskOutcome, event?: EnqueueEventInput): Promise<boolean> {
  const done = outcome.status === "succeeded";
  const rows = await ctx.tx
    .update(tasks)
    .set({
      status: outcome.status,
      ...(done ? { progress: 100, error: null, result: outcome.result ?? null } : { error: outcome.error }),
      step: outcome.step ?? outcome.status,
      finishedAt: new Date(),
      updatedAt: new Date(),
    })
    .where(and(newest(subject), OPEN))
    .returning({ id: tasks.id });
  if (!rows.length) return false;
  if (event) await emitEventInTx(ctx, event);
  return true;
}
