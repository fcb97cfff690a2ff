import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { bulkBatches, bulkRows } from "@/db/schema/bulk";
import type { TaskStatus } from "@/db/schema/jobs";
import type { TxContext } from "@/db/transaction";
import { latestTask, latestTasks, settleTask, startTask, subjects, updateTask, type TaskRow } from "@/lib/tasks/service";

/**
 * A bulk batch's task follows its rows' renders: running once the first starts, its progress the
 * rows' mean, settled when the last one settles (done; done but partial, naming the failed rows;
 * or failed when none succeeded). Called from the render job's own transactions, so a batch can
 * never miss the settling of its last row.
 */

export interface BulkRowState {
  rowNumber: number;
  videoJobId: string | null;
  task: TaskRow | null;
  /** A row whose job was deleted reads as canceled. */
  status: TaskStatus;
  progress: number;
}

const OPEN: ReadonlySet<TaskStatus> = new Set(["queued", "running"]);

/** Each row of a batch with the task of its latest render, in CSV order. */
export async function bulkRowStates(db: DbOrTx, batchId: string): Promise<BulkRowState[]> {
  const rows = await db
    .select({ rowNumber: bulkRows.rowNumber, videoJobId: bulkRows.videoJobId })
    .from(bulkRows)
    .where(eq(bulkRows.batchId, batchId))
    .orderBy(asc(bulkRows.rowNumber));
  const found = await latestTasks(
    db,
    rows.flatMap((r) => (r.videoJobId ? [subjects.videoJob(r.videoJobId)] : [])),
  );
  return rows.map((r) => {
    const task = r.videoJobId ? (found.get(subjects.videoJob(r.videoJobId)) ?? null) : null;
    const status = task?.status ?? "canceled";
    return { rowNumber: r.rowNumber, videoJobId: r.videoJobId, task, status, progress: OPEN.has(status) ? (task?.progress ?? 0) : 100 };
  });
}

/** The batch's progress: the mean of its rows' (a settled row counts 100), below 100 until it settles. */
export function batchProgress(states: Array<Pick<BulkRowState, "progress">>): number {
  if (!states.length) return 0;
  return Math.min(99, Math.floor(states.reduce((n, s) => n + s.progress, 0) / states.length));
}

async function batchOfJob(db: DbOrTx, videoJobId: string) {
  const [row] = await db.select({ batchId: bulkRows.batchId }).from(bulkRows).where(eq(bulkRows.videoJobId, videoJobId));
  return row?.batchId ?? null;
}

/** A row's render began: its batch is running (from queued; a retry's new task too). */
export async function bulkRowStarted(db: DbOrTx, videoJobId: string): Promise<void> {
  const batchId = await batchOfJob(db, videoJobId);
  if (!batchId) return;
  const subject = subjects.bulkBatch(batchId);
  if ((await latestTask(db, subject))?.status === "queued") await startTask(db, subject, "rendering");
}

/** A row's render settled (in `ctx`, the transaction that settled it): move its batch on, or settle it. */
export async function bulkRowSettled(ctx: TxContext, videoJobId: string): Promise<void> {
  const batchId = await batchOfJob(ctx.tx, videoJobId);
  if (!batchId) return;
  // One row at a time per batch: whoever takes the lock last sees every other row settled.
  const [batch] = await ctx.tx.select().from(bulkBatches).where(eq(bulkBatches.id, batchId)).for("update");
  if (!batch) return;
  const states = await bulkRowStates(ctx.tx, batchId);
  const subject = subjects.bulkBatch(batchId);
  if (states.some((s) => OPEN.has(s.status))) {
    await updateTask(ctx.tx, subject, { progress: batchProgress(states) });
    return;
  }
  const failedRows = states.filter((s) => s.status !== "succeeded").map((s) => s.rowNumber);
  if (failedRows.length === states.length) {
    await settleTask(ctx, subject, { status: "failed", error: `All ${states.length} reels failed; retry them once the cause is fixed`, step: "failed" });
    return;
  }
  await settleTask(ctx, subject, {
    status: "succeeded",
    step: failedRows.length ? "partial" : "done",
    result: { batchId, totalRows: states.length, succeededRows: states.length - failedRows.length, failedRows, partial: failedRows.length > 0 },
  });
}
