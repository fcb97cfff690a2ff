import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { captions, type CaptionSegmentRow } from "@/db/schema/captions";
import type { TxContext } from "@/db/transaction";
import { withTransaction } from "@/db/transaction";
import type { Principal } from "@/lib/auth/tokens";
import { getBalance, reserveCredits } from "@/lib/credits/ledger";
import { burnInPrice } from "@/lib/credits/prices";
import { AppError, isAppError, notFound } from "@/lib/errors";
import { sendJob } from "@/lib/jobs/boss";
import { captionBurnInJob, captionGenerateJob } from "@/lib/jobs/definitions";
import { providerFor } from "@/lib/providers/settings";
import { getMedia } from "@/lib/storage/media";
import { createTask, latestTasks, settleTask, subjects, type TaskRow } from "@/lib/tasks/service";
import type { BurnStyle, CaptionEdit } from "@/lib/validation/captions";
import { isUuid } from "@/lib/validation/ids";
import type { ResolvedSource } from "./source";

export type CaptionRow = typeof captions.$inferSelect;

/** A caption with the tasks that made it and last burned it in. */
export interface CaptionView {
  caption: CaptionRow;
  task: TaskRow | null;
  burnIn: TaskRow | null;
}

/** The ledger key of one burn-in run's reservation. */
export const burnInReserveKey = (taskId: string) => `reserve:caption-burn-in:${taskId}`;

/**
 * Records captions of `source` and queues their transcription in one transaction. A Cinetwin
 * render's known narration needs no transcriber, so a language the transcriber cannot hear is
 * refused (400 `language`) only when the source is something else. With `burnIn`, the burn-in is
 * chained when the captions are ready; when the length is known, the balance must cover it now.
 */
export async function createCaptions(
  db: Db,
  p: Principal,
  input: { source: ResolvedSource; language: string; burnIn: BurnStyle | null },
): Promise<{ caption: CaptionRow; task: TaskRow }> {
  const { source } = input;
  const known = source.kind === "media" && source.generatedVideoId !== null;
  if (!known && !(await providerFor(db, p.workspaceId, "transcription")).provider.supports(input.language)) {
    throw new AppError("bad_request", `language: the configured transcriber cannot hear "${input.language}" (the offline one knows English, en)`, "language");
  }
  if (input.burnIn && source.kind === "media" && source.media.durationMs) {
    const needed = burnInPrice(source.media.durationMs).credits;
    const balance = await getBalance(db, p.workspaceId);
    if (balance < needed)
      throw new AppError("insufficient_credits", `Insufficient credits: burning captions in needs ${needed} credits and the balance is ${balance}`);
  }
  return withTransaction(async ({ tx, executeSql }) => {
    const [caption] = await tx
      .insert(captions)
      .values({
        workspaceId: p.workspaceId,
        language: input.language,
        sourceMediaId: source.kind === "media" ? source.media.id : null,
        sourceUrl: source.kind === "url" ? source.url : null,
        generatedVideoId: source.kind === "media" ? source.generatedVideoId : null,
      })
      .returning();
    const task = await createTask(tx, { workspaceId: p.workspaceId, kind: "caption-generate", subject: subjects.caption(caption.id) });
    await sendJob(
      captionGenerateJob,
      { captionId: caption.id, workspaceId: p.workspaceId, burnIn: input.burnIn },
      { executeSql, singletonKey: `caption:${caption.id}` },
    );
    return { caption, task };
  });
}

/** One caption of the workspace with its tasks; another workspace's, or a malformed id, is not found (404). */
export async function getCaption(db: DbOrTx, args: { workspaceId: string; captionId: string }): Promise<CaptionView> {
  if (!isUuid(args.captionId)) throw notFound("Caption");
  const [caption] = await db
    .select()
    .from(captions)
    .where(and(eq(captions.id, args.captionId), eq(captions.workspaceId, args.workspaceId)));
  if (!caption) throw notFound("Caption");
  return withCaptionTasks(db, caption);
}

async function withCaptionTasks(db: DbOrTx, caption: CaptionRow): Promise<CaptionView> {
  const found = await latestTasks(db, [subjects.caption(caption.id), subjects.captionBurnIn(caption.id)]);
  return { caption, task: found.get(subjects.caption(caption.id)) ?? null, burnIn: found.get(subjects.captionBurnIn(caption.id)) ?? null };
}

/** The newest captions of a studio video (what its caption editor shows), or null. */
export async function latestCaptionOfVideo(db: DbOrTx, args: { workspaceId: string; videoId: string }): Promise<CaptionView | null> {
  if (!isUuid(args.videoId)) return null;
  const [caption] = await db
    .select()
    .from(captions)
    .where(and(eq(captions.generatedVideoId, args.videoId), eq(captions.workspaceId, args.workspaceId)))
    .orderBy(desc(captions.createdAt))
    .limit(1);
  return caption ? withCaptionTasks(db, caption) : null;
}

/**
 * Queues a burn-in of the caption's segments in `style`: a new task of the caption's burn-in
 * subject, its price (a render of the whole video) reserved in the same transaction. The
 * captions must be ready (400 otherwise) and the balance must cover it (403).
 */
export async function startBurnIn(db: Db, p: Principal, args: { captionId: string; style: BurnStyle }): Promise<TaskRow> {
  const { caption } = await getCaption(db, { workspaceId: p.workspaceId, captionId: args.captionId });
  if (!caption.segments) throw new AppError("bad_request", "The captions are not ready yet: burn them in once their task is done", "caption");
  return withTransaction((ctx) => queueBurnIn(ctx, db, caption, args.style));
}

/** Creates the burn-in task, reserves its price and queues the job, inside the caller's transaction. */
export async function queueBurnIn(ctx: TxContext, db: DbOrTx, caption: CaptionRow, style: BurnStyle): Promise<TaskRow> {
  const source = caption.sourceMediaId ? await getMedia(db, { mediaId: caption.sourceMediaId, workspaceId: caption.workspaceId }) : null;
  if (!source) throw new AppError("bad_request", "The captioned media is gone, so there is nothing to burn the captions into", "caption");
  // One burn-in at a time: a task's run starts the newest open task of its subject, so a second
  // one queued behind a running one would leave the first waiting for ever.
  await ctx.tx.select({ id: captions.id }).from(captions).where(eq(captions.id, caption.id)).for("update");
  const open = (await latestTasks(ctx.tx, [subjects.captionBurnIn(caption.id)])).get(subjects.captionBurnIn(caption.id));
  if (open && (open.status === "queued" || open.status === "running")) {
    throw new AppError("conflict", "These captions are already being burned in: wait for that to finish, then burn them in again", "caption");
  }
  const task = await createTask(ctx.tx, { workspaceId: caption.workspaceId, kind: "caption-burn-in", subject: subjects.captionBurnIn(caption.id) });
  const credits = burnInPrice(source.durationMs ?? 0).credits;
  if (credits > 0) {
    await reserveCredits(ctx.tx, {
      workspaceId: caption.workspaceId,
      amount: credits,
      reference: subjects.captionBurnIn(caption.id),
      idempotencyKey: burnInReserveKey(task.id),
    });
  }
  await sendJob(
    captionBurnInJob,
    { captionId: caption.id, workspaceId: caption.workspaceId, taskId: task.id, style },
    { executeSql: ctx.executeSql, singletonKey: `burn-in:${task.id}` },
  );
  return task;
}

/**
 * A chained burn-in that cannot start (too few credits now) is recorded as a failed burn-in task,
 * so whoever polls sees why; the captions themselves are done.
 */
export async function queueChainedBurnIn(ctx: TxContext, db: DbOrTx, caption: CaptionRow, style: BurnStyle): Promise<string> {
  await ctx.tx.execute("savepoint chained_burn_in");
  try {
    const task = await queueBurnIn(ctx, db, caption, style);
    await ctx.tx.execute("release savepoint chained_burn_in");
    return task.id;
  } catch (e) {
    if (!isAppError(e)) throw e;
    await ctx.tx.execute("rollback to savepoint chained_burn_in");
    const task = await createTask(ctx.tx, { workspaceId: caption.workspaceId, kind: "caption-burn-in", subject: subjects.captionBurnIn(caption.id) });
    await settleTask(ctx, subjects.captionBurnIn(caption.id), { status: "failed", error: e.message });
    return task.id;
  }
}

/**
 * The creator's edit of the lines, sorted by start. A line keeps its word timings only while its
 * text and times are unchanged (they would no longer match); the highlight look then spreads it.
 */
export async function saveCaptionSegments(db: Db, args: { workspaceId: string; captionId: string; segments: CaptionEdit }): Promise<CaptionRow> {
  const { caption } = await getCaption(db, args);
  if (!caption.segments) throw new AppError("bad_request", "The captions are not ready yet", "segments");
  const before = new Map(caption.segments.map((s) => [`${s.startMs}:${s.endMs}:${s.text}`, s.words]));
  const segments: CaptionSegmentRow[] = [...args.segments]
    .sort((a, b) => a.startMs - b.startMs)
    .map((s) => {
      const words = before.get(`${s.startMs}:${s.endMs}:${s.text}`);
      return { text: s.text, startMs: s.startMs, endMs: s.endMs, ...(words ? { words } : {}) };
    });
  const [row] = await db
    .update(captions)
    .set({ segments, updatedAt: new Date() })
    .where(and(eq(captions.id, caption.id), eq(captions.workspaceId, args.workspaceId)))
    .returning();
  return row;
}

/** What the captions overview says of one video's newest captions. */
export interface VideoCaptionSummary {
  captionId: string;
  lines: number | null;
  method: CaptionRow["method"];
  burned: boolean;
  updatedAt: Date;
}

/** The newest captions of each of the given studio videos (the Captions page's overview). */
export async function captionSummariesOfVideos(db: DbOrTx, args: { workspaceId: string; videoIds: string[] }): Promise<Map<string, VideoCaptionSummary>> {
  if (args.videoIds.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([captions.generatedVideoId], {
      videoId: captions.generatedVideoId,
      captionId: captions.id,
      segments: captions.segments,
      method: captions.method,
      burnedMediaId: captions.burnedMediaId,
      updatedAt: captions.updatedAt,
    })
    .from(captions)
    .where(and(eq(captions.workspaceId, args.workspaceId), inArray(captions.generatedVideoId, args.videoIds)))
    .orderBy(captions.generatedVideoId, desc(captions.createdAt));
  return new Map(
    rows.map((r) => [
      r.videoId!,
      { captionId: r.captionId, lines: r.segments?.length ?? null, method: r.method, burned: r.burnedMediaId !== null, updatedAt: r.updatedAt },
    ]),
  );
}
