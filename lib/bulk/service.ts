import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { workspaces } from "@/db/schema/accounts";
import { bulkBatches, bulkRows } from "@/db/schema/bulk";
import { characters, type Platform } from "@/db/schema/characters";
import { tasks } from "@/db/schema/jobs";
import { generatedVideos } from "@/db/schema/videos";
import { withTransaction, type TxContext } from "@/db/transaction";
import type { Principal } from "@/lib/auth/tokens";
import { getCharacter, type CharacterRow } from "@/lib/characters/service";
import { captionPresetFor } from "@/lib/composition/caption-presets";
import { getBalance } from "@/lib/credits/ledger";
import { AppError, isAppError, notFound } from "@/lib/errors";
import { createTask, latestTask, latestTasks, subjects, updateTask, type TaskRow } from "@/lib/tasks/service";
import { BULK_MAX_ROWS, type BulkQuality, type BulkRow } from "@/lib/validation/bulk";
import { isUuid } from "@/lib/validation/ids";
import { planAvatarRender } from "@/lib/videos/avatar";
import { prepareVideoJob, queueVideoJob, type GeneratedVideoRow, type PreparedVideoJob } from "@/lib/videos/service";
import { batchProgress, bulkRowStates, type BulkRowState } from "./progress";

/** A reel is vertical full HD; a draft batch renders the same timeline as every draft, at most 540 rows high (304x540). */
export const REEL_SIZE = { width: 1080, height: 1920 } as const;

export type BulkBatchRow = typeof bulkBatches.$inferSelect;
export type BulkRowRecord = typeof bulkRows.$inferSelect;

export interface BulkBatchInput {
  characterId: number;
  platform: Platform;
  quality: BulkQuality;
  rows: BulkRow[];
}

export interface BulkBatchStarted {
  batch: BulkBatchRow;
  task: TaskRow;
  creditsReserved: number;
  /** The rows queued: all of them, or the failed ones a retry queued again. */
  queuedRows: number[];
}

/** The plan limit, before anything else is looked at: more than BULK_MAX_ROWS rows is refused whole. */
export function checkRowLimit(rowCount: number, field = "csv_file") {
  if (rowCount > BULK_MAX_ROWS) {
    throw new AppError("forbidden", `Plan limit: a batch has at most ${BULK_MAX_ROWS} rows and this one has ${rowCount}`, field);
  }
}

type RowSpec = Pick<BulkRowRecord, "rowNumber" | "script" | "platform" | "voiceId">;

/** A row's render job, checked like any render (nothing written); a refusal names the row. */
async function prepareRow(db: Db, p: Principal, character: CharacterRow, quality: BulkQuality, row: RowSpec): Promise<PreparedVideoJob> {
  const plan = planAvatarRender(
    character,
    character,
    { characterId: character.id, script: row.script, voiceId: row.voiceId },
    { size: REEL_SIZE, captionPreset: captionPresetFor(row.platform, character.platformDefaults), draft: quality === "draft" },
  );
  try {
    return await prepareVideoJob(db, p, plan.job);
  } catch (e) {
    if (isAppError(e) && e.code === "bad_request") throw new AppError("bad_request", `row ${row.rowNumber}, column script: ${e.message}`, "csv_file");
    throw e;
  }
}

/** Locks the workspace and refuses the whole batch (of reels, or a template's rows) when the balance cannot cover every row's reservation. */
export async function checkBalance(ctx: TxContext, workspaceId: string, needed: number) {
  await ctx.tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, workspaceId)).for("update");
  const balance = await getBalance(ctx.tx, workspaceId);
  if (balance < needed) throw new AppError("insufficient_credits", `Insufficient credits: this batch needs ${needed} credits and the balance is ${balance}`);
}

/**
 * A batch of reels: every row is checked and priced first, then, in one transaction, the batch
 * and its task are recorded, every row's credits reserved and every row's render queued (one
 * video job each, in the render queue's fair turns). A refusal queues nothing and takes nothing.
 */
export async function createBulkBatch(db: Db, p: Principal, input: BulkBatchInput): Promise<BulkBatchStarted> {
  checkRowLimit(input.rows.length);
  if (!input.rows.length) throw new AppError("bad_request", "The CSV has no rows below its header", "csv_file");
  const character = await getCharacter(db, { characterId: input.characterId, workspaceId: p.workspaceId });
  const specs = input.rows.map((r) => ({ rowNumber: r.row, script: r.script, platform: r.platform, voiceId: r.voiceId, variables: r.variables }));
  const prepared: PreparedVideoJob[] = [];
  for (const spec of specs) prepared.push(await prepareRow(db, p, character, input.quality, spec));
  const creditsReserved = prepared.reduce((n, j) => n + j.credits, 0);
  return withTransaction(async (ctx) => {
    await checkBalance(ctx, p.workspaceId, creditsReserved);
    // The seed answers batch_id = task_id: the batch takes its first task's id.
    const id = randomUUID();
    const task = await createTask(ctx.tx, { id, workspaceId: p.workspaceId, kind: "bulk-reels", subject: subjects.bulkBatch(id) });
    const [batch] = await ctx.tx
      .insert(bulkBatches)
      .values({ id: task.id, workspaceId: p.workspaceId, characterId: character.id, platform: input.platform, quality: input.quality, totalRows: specs.length })
      .returning();
    for (const [i, spec] of specs.entries()) {
      const job = await queueVideoJob(ctx, p, prepared[i]);
      await ctx.tx.insert(bulkRows).values({
        workspaceId: p.workspaceId,
        batchId: batch.id,
        ...spec,
        captionPreset: captionPresetFor(spec.platform, character.platformDefaults),
        videoJobId: job.id,
      });
    }
    return { batch, task, creditsReserved, queuedRows: specs.map((s) => s.rowNumber) };
  });
}

async function findBatch(db: DbOrTx, args: { workspaceId: string; batchId: string }): Promise<BulkBatchRow> {
  const [batch] = isUuid(args.batchId)
    ? await db
        .select()
        .from(bulkBatches)
        .where(and(eq(bulkBatches.id, args.batchId), eq(bulkBatches.workspaceId, args.workspaceId)))
    : [];
  if (!batch) throw notFound("Batch");
  return batch;
}

export interface BulkRowView extends BulkRowState {
  row: BulkRowRecord;
  video: GeneratedVideoRow | null;
}

export interface BulkBatchView {
  batch: BulkBatchRow;
  /** The batch's current run: its first, or the latest retry's. */
  task: TaskRow;
  character: { id: number; publicId: string; name: string };
  rows: BulkRowView[];
}

/** A batch of the workspace with each row's state and finished video; another workspace's is not found. */
export async function getBulkBatch(db: DbOrTx, args: { workspaceId: string; batchId: string }): Promise<BulkBatchView> {
  const batch = await findBatch(db, args);
  const [task, states, rows, [character]] = await Promise.all([
    latestTask(db, subjects.bulkBatch(batch.id)),
    bulkRowStates(db, batch.id),
    db.select().from(bulkRows).where(eq(bulkRows.batchId, batch.id)),
    db.select({ id: characters.id, publicId: characters.publicId, name: characters.name }).from(characters).where(eq(characters.id, batch.characterId)),
  ]);
  if (!task) throw notFound("Batch");
  const jobIds = rows.flatMap((r) => (r.videoJobId ? [r.videoJobId] : []));
  const videos = jobIds.length
    ? await db
        .select()
        .from(generatedVideos)
        .where(and(eq(generatedVideos.workspaceId, args.workspaceId), inArray(generatedVideos.jobId, jobIds)))
    : [];
  const byNumber = new Map(rows.map((r) => [r.rowNumber, r]));
  return {
    batch,
    task,
    character,
    rows: states.map((s) => ({
      ...s,
      row: byNumber.get(s.rowNumber)!,
      video: s.status === "succeeded" ? (videos.find((v) => v.jobId === s.videoJobId) ?? null) : null,
    })),
  };
}

export interface BulkBatchSummary {
  batch: BulkBatchRow;
  task: TaskRow | null;
  characterName: string;
}

/** The workspace's batches, newest first, with their current task. */
export async function listBulkBatches(db: DbOrTx, args: { workspaceId: string; limit?: number }): Promise<BulkBatchSummary[]> {
  const rows = await db
    .select({ batch: bulkBatches, characterName: characters.name })
    .from(bulkBatches)
    .innerJoin(characters, eq(characters.id, bulkBatches.characterId))
    .where(eq(bulkBatches.workspaceId, args.workspaceId))
    .orderBy(desc(bulkBatches.createdAt))
    .limit(args.limit ?? 20);
  const found = await latestTasks(
    db,
    rows.map((r) => subjects.bulkBatch(r.batch.id)),
  );
  return rows.map((r) => ({ ...r, task: found.get(subjects.bulkBatch(r.batch.id)) ?? null }));
}

/**
 * Queues the failed rows of a finished batch again, as a new run of the batch (a new task):
 * each a new render job with its own reservation. The rows that succeeded keep their reels.
 */
export async function retryFailedRows(db: Db, p: Principal, args: { batchId: string }): Promise<BulkBatchStarted> {
  const view = await getBulkBatch(db, { workspaceId: p.workspaceId, batchId: args.batchId });
  if (view.task.status === "queued" || view.task.status === "running") {
    throw new AppError("conflict", "The batch is still rendering; retry its failed rows once it has finished");
  }
  const failed = view.rows.filter((r) => r.status !== "succeeded");
  if (!failed.length) throw new AppError("conflict", "Every row of this batch succeeded; there is nothing to retry");
  const character = await getCharacter(db, { characterId: view.batch.characterId, workspaceId: p.workspaceId });
  const prepared: PreparedVideoJob[] = [];
  for (const r of failed) prepared.push(await prepareRow(db, p, character, view.batch.quality, r.row));
  const creditsReserved = prepared.reduce((n, j) => n + j.credits, 0);
  return withTransaction(async (ctx) => {
    await checkBalance(ctx, p.workspaceId, creditsReserved);
    const subject = subjects.bulkBatch(view.batch.id);
    const task = await createTask(ctx.tx, { workspaceId: p.workspaceId, kind: "bulk-reels", subject });
    for (const [i, r] of failed.entries()) {
      const job = await queueVideoJob(ctx, p, prepared[i]);
      await ctx.tx
        .update(bulkRows)
        .set({ videoJobId: job.id, attempts: r.row.attempts + 1 })
        .where(eq(bulkRows.id, r.row.id));
    }
    // The rows that succeeded already count toward the new run's progress.
    await updateTask(ctx.tx, subject, { progress: batchProgress(await bulkRowStates(ctx.tx, view.batch.id)) });
    const [fresh] = await ctx.tx.select().from(tasks).where(eq(tasks.id, task.id));
    return { batch: view.batch, task: fresh, creditsReserved, queuedRows: failed.map((r) => r.rowNumber) };
  });
}
