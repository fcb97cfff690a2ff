import { randomBytes } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import type { TaskStatus } from "@/db/schema/jobs";
import { generatedVideos, videoJobs, videoTemplates, type VideoJobKind } from "@/db/schema/videos";
import { withTransaction, type TxContext } from "@/db/transaction";
import type { Principal } from "@/lib/auth/tokens";
import { refundCredits, reserveCreditHundredths, reserveCredits } from "@/lib/credits/ledger";
import { timelinePrice } from "@/lib/credits/prices";
import { AppError, notFound } from "@/lib/errors";
import { sendJob } from "@/lib/jobs/boss";
import { renderVideoJob } from "@/lib/jobs/definitions";
import { storage } from "@/lib/storage/local";
import { getMedia } from "@/lib/storage/media";
import { URL_REFUSED } from "@/lib/validation/urls";
import { urlProblem } from "@/lib/net/address";
import { createTask, latestTasks, openTaskCount, settleTask, subjects, type TaskRow } from "@/lib/tasks/service";
import { isUuid } from "@/lib/validation/ids";
import { checkCast } from "./cast";
import { checkMediaRefs, validateCreative } from "./engine";
import type { Timeline } from "@/lib/composition/timeline";
import { bulkRowSettled } from "@/lib/bulk/progress";

/** A render job with its task's state: status, progress and error live on the task. */
export type VideoJobRow = typeof videoJobs.$inferSelect & { taskId: string | null; status: TaskStatus; progress: number; errorMessage: string | null };
export type GeneratedVideoRow = typeof generatedVideos.$inferSelect;

export interface CreateVideoJobInput {
  videoCreative: unknown;
  dynamicVariables?: Record<string, string> | null;
  callbackUrl?: string | null;
  callbackPayload?: Record<string, unknown> | null;
  templateId?: string | null;
  draft?: boolean;
  /** An avatar render is priced by its rendered seconds: it reserves `creditsToReserve` (lib/videos/avatar.ts) and is billed at capture. */
  kind?: VideoJobKind;
  creditsToReserve?: number;
  /** A fractional price (a studio render's per-scene price), in hundredths of a credit: reserved and captured exactly. */
  creditHundredthsToReserve?: number;
}

/** A job that passed every check and is ready to be queued (prepareVideoJob). */
export interface PreparedVideoJob {
  input: CreateVideoJobInput;
  timeline: Timeline;
  /** Whole credits to reserve; 0 when the price is fractional (`hundredths`). */
  credits: number;
  hundredths?: number;
}

/**
 * Validates a videoCreative completely (variables, schema, timing, remote URLs) before anything
 * is written, and that its actors and voices exist in the workspace; then records the job and
 * enqueues its render in one transaction.
 */
export async function createVideoJob(db: Db, p: Principal, input: CreateVideoJobInput): Promise<VideoJobRow> {
  const prepared = await prepareVideoJob(db, p, input);
  return withTransaction((ctx) => queueVideoJob(ctx, p, prepared));
}

/** Every check of createVideoJob, with nothing written: a batch prepares all its jobs before queueing any. */
export async function prepareVideoJob(db: Db, p: Principal, input: CreateVideoJobInput): Promise<PreparedVideoJob> {
  // The dialects refuse these already (lib/validation/urls.ts); a caller that skipped that is refused here too.
  if (input.callbackUrl && urlProblem(input.callbackUrl)) throw new AppError("bad_request", `callbackUrl ${URL_REFUSED}`, "callbackUrl");
  const { timeline, durationMs } = await validateCreative(input.videoCreative, input.dynamicVariables ?? {});
  const hundredths = input.creditHundredthsToReserve;
  const credits = hundredths !== undefined ? 0 : (input.creditsToReserve ?? timelinePrice(durationMs, { draft: input.draft }).credits);
  await checkCast(db, p.workspaceId, timeline);
  await checkMediaRefs(db, p.workspaceId, timeline);
  return { input, timeline, credits, ...(hundredths !== undefined ? { hundredths } : {}) };
}

/** Records a prepared job, reserves its credits and enqueues its render, inside the caller's transaction. */
export async function queueVideoJob(
  { tx, executeSql }: TxContext,
  p: Principal,
  { input, timeline, credits, hundredths }: PreparedVideoJob,
): Promise<VideoJobRow> {
  const [job] = await tx
    .insert(videoJobs)
    .values({
      workspaceId: p.workspaceId,
      name: timeline.settings.name,
      videoCreative: timeline,
      sourceCreative: input.videoCreative as Record<string, unknown>,
      dynamicVariables: input.dynamicVariables ?? null,
      callbackUrl: input.callbackUrl ?? null,
      callbackPayload: input.callbackPayload ?? null,
      templateId: input.templateId ?? null,
      draft: input.draft ?? false,
      kind: input.kind ?? "timeline",
      creditsReserved: credits,
      creditsReservedHundredths: hundredths ?? null,
    })
    .returning();
  const reserve = { workspaceId: p.workspaceId, reference: subjects.videoJob(job.id), idempotencyKey: renderReserveKey(job.id) };
  if (hundredths) await reserveCreditHundredths(tx, { ...reserve, hundredths });
  else if (credits > 0) await reserveCredits(tx, { ...reserve, amount: credits });
  const backlog = await openTaskCount(tx, p.workspaceId, "timeline-render");
  const task = await createTask(tx, { workspaceId: p.workspaceId, kind: "timeline-render", subject: subjects.videoJob(job.id) });
  // Fair turns: a workspace's Nth waiting render queues behind every other workspace's first.
  await sendJob(renderVideoJob, { jobId: job.id, workspaceId: p.workspaceId }, { executeSql, singletonKey: `render:${job.id}`, priority: -backlog });
  return { ...job, taskId: task.id, status: task.status, progress: task.progress, errorMessage: null };
}

/** The ledger key of a render job's reservation. */
export const renderReserveKey = (jobId: string) => `reserve:video-job:${jobId}`;

/** Joins each job with its task (a job from before tasks existed reads as queued). */
async function withTasks(db: DbOrTx, jobs: Array<typeof videoJobs.$inferSelect>): Promise<VideoJobRow[]> {
  const found = await latestTasks(
    db,
    jobs.map((j) => subjects.videoJob(j.id)),
  );
  return jobs.map((j) => {
    const t = found.get(subjects.videoJob(j.id));
    return { ...j, taskId: t?.id ?? null, status: t?.status ?? "queued", progress: t?.progress ?? 0, errorMessage: t?.error ?? null };
  });
}

export async function getVideoJob(db: Db, args: { workspaceId: string; jobId: string }): Promise<VideoJobRow> {
  if (!isUuid(args.jobId)) throw new AppError("bad_request", "The video generation job id must be a UUID", "jobId");
  const [job] = await db
    .select()
    .from(videoJobs)
    .where(and(eq(videoJobs.id, args.jobId), eq(videoJobs.workspaceId, args.workspaceId)));
  if (!job) throw notFound("Video generation job");
  return (await withTasks(db, [job]))[0];
}

/** Removes the job: its task is canceled and unspent credits come back; a render in progress notices and stops. */
export async function deleteVideoJob(db: Db, args: { workspaceId: string; jobId: string }) {
  const job = await getVideoJob(db, args);
  await withTransaction(async (ctx) => {
    // The job's row first, then (for a bulk reel) its batch's: the order a render's publish takes them in.
    await ctx.tx.select({ id: videoJobs.id }).from(videoJobs).where(eq(videoJobs.id, job.id)).for("update");
    await settleTask(ctx, subjects.videoJob(job.id), { status: "canceled", error: "The job was deleted" });
    await refundCredits(ctx.tx, { workspaceId: job.workspaceId, reference: subjects.videoJob(job.id), reserveKey: renderReserveKey(job.id) });
    // A bulk reel's row counts as failed (and can be retried) rather than holding its batch open.
    await bulkRowSettled(ctx, job.id);
    await ctx.tx.delete(videoJobs).where(eq(videoJobs.id, job.id));
  });
}

export async function createJobFromTemplate(
  db: Db,
  p: Principal,
  input: { templateJobId: string; dynamicVariables: Record<string, string>; callbackUrl?: string | null; callbackPayload?: Record<string, unknown> | null },
) {
  const template = await getTemplate(db, { workspaceId: p.workspaceId, templateId: input.templateJobId });
  return createVideoJob(db, p, {
    videoCreative: template.videoCreative,
    dynamicVariables: input.dynamicVariables,
    callbackUrl: input.callbackUrl,
    callbackPayload: input.callbackPayload,
    templateId: template.id,
  });
}

export async function getTemplate(db: Db, args: { workspaceId: string; templateId: string }) {
  if (!isUuid(args.templateId)) throw new AppError("not_found", "Template job not found", "templateJobId");
  const [row] = await db
    .select()
    .from(videoTemplates)
    .where(and(eq(videoTemplates.id, args.templateId), eq(videoTemplates.workspaceId, args.workspaceId)));
  if (!row) throw new AppError("not_found", "Template job not found", "templateJobId");
  return row;
}

/** The workspace's templates, newest first (the studio's gallery). */
export async function listTemplates(db: Db, workspaceId: string, limit = 200) {
  return db.select().from(videoTemplates).where(eq(videoTemplates.workspaceId, workspaceId)).orderBy(desc(videoTemplates.createdAt)).limit(limit);
}

/** Saves a job's videoCreative (variables still as {placeholders}) as a reusable template. */
export async function saveTemplate(db: Db, p: Principal, args: { name: string; source: string; videoCreative: Record<string, unknown> }) {
  const [row] = await db
    .insert(videoTemplates)
    .values({ workspaceId: p.workspaceId, name: args.name, source: args.source, videoCreative: args.videoCreative })
    .returning();
  return row;
}

/**
 * Saves a job as a template. The job keeps its original videoCreative, with {placeholders},
 * so the template is re-rendered with new dynamicVariables each time.
 */
export async function saveJobAsTemplate(db: Db, p: Principal, args: { jobId: string; name?: string }) {
  const job = await getVideoJob(db, { workspaceId: p.workspaceId, jobId: args.jobId });
  return saveTemplate(db, p, { name: args.name ?? job.name, source: `video-job:${job.id}`, videoCreative: job.sourceCreative ?? job.videoCreative });
}

export async function listVideoJobs(db: Db, args: { workspaceId: string; limit?: number; offset?: number }): Promise<VideoJobRow[]> {
  const jobs = await db
    .select()
    .from(videoJobs)
    .where(eq(videoJobs.workspaceId, args.workspaceId))
    .orderBy(desc(videoJobs.createdAt))
    .limit(args.limit ?? 50)
    .offset(args.offset ?? 0);
  return withTasks(db, jobs);
}

export async function listGeneratedVideos(db: Db, args: { workspaceId: string; limit?: number; offset?: number }) {
  return db
    .select()
    .from(generatedVideos)
    .where(eq(generatedVideos.workspaceId, args.workspaceId))
    .orderBy(desc(generatedVideos.createdAt))
    .limit(args.limit ?? 50)
    .offset(args.offset ?? 0);
}

export async function getGeneratedVideo(db: Db, args: { workspaceId: string; videoId: string }) {
  if (!isUuid(args.videoId)) throw new AppError("bad_request", "The generated video id must be a UUID", "videoId");
  const [row] = await db
    .select()
    .from(generatedVideos)
    .where(and(eq(generatedVideos.id, args.videoId), eq(generatedVideos.workspaceId, args.workspaceId)));
  if (!row) throw notFound("Generated video");
  return row;
}

export async function deleteGeneratedVideo(db: Db, args: { workspaceId: string; videoId: string }) {
  const row = await getGeneratedVideo(db, args);
  const video = await getMedia(db, { mediaId: row.mediaId, workspaceId: args.workspaceId });
  await db.delete(generatedVideos).where(eq(generatedVideos.id, row.id));
  if (video) await storage().remove(video.storageKey);
}

/**
 * The video a finished task made: a render job's, or a story project's (a run or a scene
 * regeneration). Null while it is not done, and for tasks that make no video.
 */
export async function generatedVideoOfTask(db: DbOrTx, task: Pick<TaskRow, "status" | "subject" | "workspaceId">): Promise<GeneratedVideoRow | null> {
  if (task.status !== "succeeded") return null;
  const job = /^video-job:([0-9a-f-]{36})$/.exec(task.subject);
  const project = /^project:(\d{1,9})$/.exec(task.subject);
  const which = job ? eq(generatedVideos.jobId, job[1]) : project ? eq(generatedVideos.projectId, Number(project[1])) : null;
  if (!which) return null;
  const [row] = await db
    .select()
    .from(generatedVideos)
    .where(and(which, eq(generatedVideos.workspaceId, task.workspaceId)));
  return row ?? null;
}

export async function findByShareToken(db: Db, token: string) {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null;
  const [row] = await db.select().from(generatedVideos).where(eq(generatedVideos.shareToken, token));
  return row ?? null;
}

export const newShareToken = () => randomBytes(18).toString("base64url");
