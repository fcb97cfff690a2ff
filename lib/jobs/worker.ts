import { randomUUID } from "node:crypto";
import os from "node:os";
import { eq, inArray, sql } from "drizzle-orm";
import type PgBoss from "pg-boss";
import type { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { jobLeases, workers } from "@/db/schema/jobs";
import { isRetryable } from "@/lib/errors";
import { getBoss, stopBoss } from "./boss";
import { failPublishTarget, handlePublishDue, handlePublishSweep, handlePublishTarget } from "./handlers/publish";
import { failureReason } from "./failure-reason";
import { failConform, runConform } from "@/lib/social/conform";
import {
  captionBurnInJob,
  captionGenerateJob,
  projectGenerateJob,
  projectStitchJob,
  projectUpscaleJob,
  publishDueJob,
  publishSweepJob,
  publishTargetJob,
  renderVideoJob,
  videoConformJob,
  sceneGenerateJob,
  voiceCloneJob,
  type JobDefinition,
} from "./definitions";
import { failCaptionBurnIn, handleCaptionBurnIn } from "./handlers/caption-burn-in";
import { failCaptionGenerate, handleCaptionGenerate } from "./handlers/caption-generate";
import { failProjectRun } from "./handlers/fail-run";
import { handleProjectGenerate } from "./handlers/project-generate";
import { handleProjectStitch } from "./handlers/project-stitch";
import { failProjectUpscale, handleProjectUpscale } from "./handlers/project-upscale";
import { handleSceneGenerate } from "./handlers/scene-generate";
import { failRenderVideo, handleRenderVideo } from "./handlers/render-video";
import { failVoiceClone, handleVoiceClone } from "./handlers/voice-clone";
import { deliverWebhookJob, failWebhookDelivery, handleDeliverWebhook } from "@/lib/webhooks/job";
import { accountExportJob, analyticsExportJob, analyticsSyncDueJob, analyticsSyncJob, creditAllowanceJob } from "./definitions";
import { failAccountExport, handleAccountExport } from "./handlers/account-export";
import { handleCreditAllowance } from "./handlers/credit-allowance";
import { listenForQueuedJobs } from "./wake";
import { failAnalyticsExport, failAnalyticsSync, handleAnalyticsExport, handleAnalyticsSync, handleAnalyticsSyncDue } from "./handlers/analytics";

const HEARTBEAT_MS = 3_000;
/** A lease not refreshed for this long belongs to a dead worker. */
const LEASE_STALE_SECONDS = 15;
const REAP_MS = 5_000;

type Handler<S extends z.ZodType> = (db: Db, data: z.infer<S>, signal: AbortSignal) => Promise<void>;
/** Runs once when a job has used its last attempt: record the failure where users see it. */
type FinalFailure<S extends z.ZodType> = (db: Db, data: z.infer<S>, reason: string) => Promise<void>;

export interface RunningWorker {
  id: string;
  stop(): Promise<void>;
}

const g = globalThis as unknown as { cinetwinWorker?: Promise<RunningWorker> };

export interface WorkerOptions {
  /** Slots per queue instead of its definition's `concurrency` (bench/bulk.ts compares render slots). */
  concurrency?: Partial<Record<string, number>>;
}

/** Starts the job worker once per process (the web server's instrumentation or `npm run worker`). */
export function startWorker(opts: WorkerOptions = {}): Promise<RunningWorker> {
  g.cinetwinWorker ??= boot(opts).catch((e) => {
    g.cinetwinWorker = undefined;
    throw e;
  });
  return g.cinetwinWorker;
}

async function boot(opts: WorkerOptions): Promise<RunningWorker> {
  const db = getDb();
  const boss = await getBoss();
  const workerId = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const controllers = new Map<string, AbortController>();

  /** pg-boss's worker ids of each queue's slots: a job announced on a queue wakes its slots. */
  const slots = new Map<string, string[]>();

  async function register<S extends z.ZodType>(def: JobDefinition<S>, handler: Handler<S>, onFinalFailure?: FinalFailure<S>) {
    for (let i = 0; i < (opts.concurrency?.[def.name] ?? def.concurrency); i++) {
      const slot = { id: "" };
      slot.id = await boss.work<object>(def.name, { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
        try {
          await runJob(def, handler, onFinalFailure, job);
        } finally {
          // The slot fetches its next job at once: pg-boss would otherwise wait out the rest of the
          // polling second after a short job, which made a queue of short jobs one a second.
          boss.notifyWorker(slot.id);
        }
      });
      slots.set(def.name, [...(slots.get(def.name) ?? []), slot.id]);
    }
  }

  async function runJob<S extends z.ZodType>(
    def: JobDefinition<S>,
    handler: Handler<S>,
    onFinalFailure: FinalFailure<S> | undefined,
    job: PgBoss.JobWithMetadata<object>,
  ) {
    const parsed = def.schema.safeParse(job.data);
    // A malformed payload will never succeed: log it and drop it rather than retrying.
    if (!parsed.success) {
      console.error(`[worker] ${def.name} ${job.id}: invalid payload`, parsed.error.issues);
      return;
    }
    const controller = new AbortController();
    controllers.set(job.id, controller);
    await db
      .insert(jobLeases)
      .values({ jobId: job.id, queue: def.name, workerId })
      .onConflictDoUpdate({
        target: jobLeases.jobId,
        set: { workerId, heartbeatAt: new Date() },
      });
    try {
      await handler(db, parsed.data, controller.signal);
    } catch (e) {
      // A failure another attempt cannot fix (a refused URL, a 404, a bad input) ends the job now.
      const retryable = isRetryable(e);
      const last = !retryable || job.retryCount >= job.retryLimit;
      console.error(`[worker] ${def.name} ${job.id} attempt ${job.retryCount + 1}/${job.retryLimit + 1} failed${retryable ? "" : " for good"}`, e);
      if (last && onFinalFailure) {
        await onFinalFailure(db, parsed.data, failureReason(e)).catch((err) => console.error("[worker] could not record failure", err));
      }
      if (!retryable) await noMoreRetries(db, def.name, job.id);
      throw e;
    } finally {
      controllers.delete(job.id);
      await db
        .delete(jobLeases)
        .where(eq(jobLeases.jobId, job.id))
        .catch(() => {});
    }
  }

  await register(
    projectGenerateJob,
    (db, data) => handleProjectGenerate(db, data),
    (db, data, reason) => failProjectRun(db, data, `Generation failed: ${reason}`),
  );
  await register(sceneGenerateJob, handleSceneGenerate, (db, data, reason) => failProjectRun(db, data, `Scene generation failed: ${reason}`));
  await register(projectStitchJob, handleProjectStitch, (db, data, reason) => failProjectRun(db, data, `Stitching failed: ${reason}`));
  await register(deliverWebhookJob, handleDeliverWebhook, failWebhookDelivery);
  await register(projectUpscaleJob, handleProjectUpscale, (db, data, reason) => failProjectUpscale(db, data, `Upscaling failed: ${reason}`));
  await register(renderVideoJob, handleRenderVideo, (db, data, reason) => failRenderVideo(db, data, `Rendering failed: ${reason}`));
  // The raw reason is logged above; users get a message that does not leak internals.
  await register(voiceCloneJob, handleVoiceClone, (db, data) => failVoiceClone(db, data));
  await register(captionGenerateJob, handleCaptionGenerate, (db, data, reason) => failCaptionGenerate(db, data, `Captioning failed: ${reason}`));
  await register(captionBurnInJob, handleCaptionBurnIn, (db, data, reason) => failCaptionBurnIn(db, data, `Burning in failed: ${reason}`));

  await register(publishTargetJob, handlePublishTarget, failPublishTarget);
  await register(publishDueJob, (db) => handlePublishDue(db));
  await register(publishSweepJob, (db) => handlePublishSweep(db));
  await register(videoConformJob, runConform, (db, data, reason) => failConform(db, data.taskId, `Re-rendering failed: ${reason}`));

  await register(analyticsSyncJob, handleAnalyticsSync, failAnalyticsSync);
  await register(analyticsSyncDueJob, (db) => handleAnalyticsSyncDue(db));
  await register(analyticsExportJob, (db, data) => handleAnalyticsExport(db, data), failAnalyticsExport);
  await register(accountExportJob, handleAccountExport, failAccountExport);
  await register(creditAllowanceJob, (db) => handleCreditAllowance(db));

  const listener = listenForQueuedJobs(process.env.DATABASE_URL!, (queue) => {
    for (const id of slots.get(queue) ?? []) boss.notifyWorker(id);
  });
  await db.insert(workers).values({ id: workerId });
  const heartbeat = setInterval(() => {
    const now = new Date();
    void Promise.all([
      db.update(jobLeases).set({ heartbeatAt: now }).where(eq(jobLeases.workerId, workerId)),
      db.update(workers).set({ heartbeatAt: now }).where(eq(workers.id, workerId)),
    ]).catch(() => {});
  }, HEARTBEAT_MS);
  const reaper = setInterval(() => void reapOrphans(db, boss).catch((e) => console.error("[worker] reaper", e)), REAP_MS);
  void reapOrphans(db, boss).catch(() => {});

  console.log(`[worker] ${workerId} started`);
  return {
    id: workerId,
    async stop() {
      clearInterval(heartbeat);
      clearInterval(reaper);
      for (const c of controllers.values()) c.abort();
      await listener.close();
      await stopBoss();
      await db
        .delete(workers)
        .where(eq(workers.id, workerId))
        .catch(() => {});
      g.cinetwinWorker = undefined;
    },
  };
}

/**
 * Hands the active jobs of a dead worker back to the queue: pg-boss 10 would otherwise wait
 * for the job's expiry (minutes) before retrying them.
 */
export async function reapOrphans(db: Db, boss: PgBoss): Promise<number> {
  const res = await db.execute<{ id: string; name: string }>(sql`
    select j.id, j.name from pgboss.job j
    left join job_leases l on l.job_id = j.id
    where j.state = 'active'
      and j.started_on < now() - make_interval(secs => ${LEASE_STALE_SECONDS})
      and (l.job_id is null or l.heartbeat_at < now() - make_interval(secs => ${LEASE_STALE_SECONDS}))`);
  for (const row of res.rows) {
    console.warn(`[worker] returning orphaned job ${row.name} ${row.id} to the queue`);
    await boss.fail(row.name, row.id, { message: "worker lost" });
  }
  if (res.rows.length)
    await db.delete(jobLeases).where(
      inArray(
        jobLeases.jobId,
        res.rows.map((r) => r.id),
      ),
    );
  return res.rows.length;
}

/**
 * pg-boss 10 retries every failed job while retry_count < retry_limit and has no "fail for
 * good": lowering this job's limit to the attempts made lets its fail() settle it as failed.
 */
async function noMoreRetries(db: Db, queue: string, jobId: string): Promise<void> {
  await db
    .execute(sql`update pgboss.job set retry_limit = retry_count where name = ${queue} and id = ${jobId} and state = 'active'`)
    .catch((err) => console.error(`[worker] could not stop the retries of ${queue} ${jobId}`, err));
}
