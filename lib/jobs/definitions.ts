import type PgBoss from "pg-boss";
import { z } from "zod";
import { publishPlatforms } from "@/db/schema/social";
import { burnStyleSchema } from "@/lib/validation/captions";
import { voiceCloneProviderIds } from "@/lib/validation/voice";
import { deliverWebhookJob } from "@/lib/webhooks/job";
import { scaledRetryDelay } from "./retry-scale";

export interface JobDefinition<S extends z.ZodType> {
  name: string;
  schema: S;
  options: PgBoss.Queue extends infer Q ? Omit<Q & object, "name"> : never;
  /** How many of these one worker process runs at once. */
  concurrency: number;
}

/** Every retryDelay goes through scaledRetryDelay (JOB_RETRY_DELAY_SCALE): tests do not wait out production backoff. */
const define = <S extends z.ZodType>(d: JobDefinition<S>): JobDefinition<S> =>
  d.options.retryDelay === undefined ? d : { ...d, options: { ...d.options, retryDelay: scaledRetryDelay(d.options.retryDelay) } };

const projectRun = z.object({
  projectId: z.number().int().positive(),
  workspaceId: z.string().uuid(),
  generation: z.number().int().positive(),
});

export const projectGenerateJob = define({
  name: "project-generate",
  schema: projectRun,
  options: { policy: "stately", retryLimit: 3, retryDelay: 2, retryBackoff: true, expireInSeconds: 600 },
  concurrency: 1,
});

export const sceneGenerateJob = define({
  name: "scene-generate",
  schema: projectRun.extend({ sceneId: z.number().int().positive() }),
  options: { policy: "stately", retryLimit: 3, retryDelay: 2, retryBackoff: true, expireInSeconds: 1800 },
  concurrency: 2,
});

export const projectStitchJob = define({
  name: "project-stitch",
  schema: projectRun,
  options: { policy: "stately", retryLimit: 3, retryDelay: 2, retryBackoff: true, expireInSeconds: 3600 },
  concurrency: 1,
});

export type JobPayload<D> = D extends JobDefinition<infer S> ? z.infer<S> : never;

/**
 * Two render slots per worker, and jobs queued by priority (a workspace's backlog makes its later
 * jobs wait behind other workspaces' first ones): one workspace's long render never holds
 * another workspace's short one behind it.
 */
export const renderVideoJob = define({
  name: "render-video",
  schema: z.object({ jobId: z.string().uuid(), workspaceId: z.string().uuid() }),
  options: { policy: "stately", retryLimit: 2, retryDelay: 3, retryBackoff: true, expireInSeconds: 3600 },
  concurrency: 2,
});

/** Upscales a completed project's final video; `sourceMediaId` pins which cut it upscales. */
export const projectUpscaleJob = define({
  name: "project-upscale",
  schema: z.object({ projectId: z.number().int().positive(), workspaceId: z.string().uuid(), sourceMediaId: z.string().uuid() }),
  options: { policy: "stately", retryLimit: 2, retryDelay: 3, retryBackoff: true, expireInSeconds: 3600 },
  concurrency: 1,
});

/**
 * Analyses one voice sample. "standard" with no singleton key: a newer sample must always get
 * its own job, and the handler skips any job whose sample has been replaced.
 */
export const voiceCloneJob = define({
  name: "voice-clone",
  schema: z.object({
    characterId: z.number().int().positive(),
    workspaceId: z.string().uuid(),
    sampleMediaId: z.string().uuid(),
    provider: z.enum(voiceCloneProviderIds),
  }),
  options: { policy: "standard", retryLimit: 2, retryDelay: 2, retryBackoff: true, expireInSeconds: 300 },
  concurrency: 1,
});

const burnStyle = burnStyleSchema;

/** Transcribes one caption's media (or takes a render's known narration); `burnIn` chains a burn-in with that style. */
export const captionGenerateJob = define({
  name: "caption-generate",
  schema: z.object({ captionId: z.string().uuid(), workspaceId: z.string().uuid(), burnIn: burnStyle.nullable() }),
  options: { policy: "stately", retryLimit: 2, retryDelay: 3, retryBackoff: true, expireInSeconds: 1800 },
  concurrency: 1,
});

/** Renders a caption's media with the captions burned in; `taskId` names the run (its credits' reservation). */
export const captionBurnInJob = define({
  name: "caption-burn-in",
  schema: z.object({ captionId: z.string().uuid(), workspaceId: z.string().uuid(), taskId: z.string().uuid(), style: burnStyle }),
  options: { policy: "stately", retryLimit: 2, retryDelay: 3, retryBackoff: true, expireInSeconds: 3600 },
  concurrency: 1,
});

/** Drives one post target (a post on one account) through its platform's steps; one job per target at a time. */
export const publishTargetJob = define({
  name: "publish-target",
  schema: z.object({ targetId: z.string().uuid(), workspaceId: z.string().uuid() }),
  options: { policy: "stately", retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 900 },
  concurrency: 2,
});

/** Every minute (pg-boss cron): dispatches the scheduled posts whose time has come. */
export const publishDueJob = define({
  name: "publish-due",
  schema: z.object({}).passthrough(),
  options: { policy: "singleton", retryLimit: 0, expireInSeconds: 120 },
  concurrency: 1,
});

/** Every hour: re-drives post targets stuck in a non-final state with no job on them. */
export const publishSweepJob = define({
  name: "publish-sweep",
  schema: z.object({}).passthrough(),
  options: { policy: "singleton", retryLimit: 0, expireInSeconds: 600 },
  concurrency: 1,
});

/** Makes a copy of a video that fits a platform's limits (the pre-flight's one-click fix). */
export const videoConformJob = define({
  name: "video-conform",
  schema: z.object({ taskId: z.string().uuid(), workspaceId: z.string().uuid(), videoId: z.string().uuid(), platform: z.enum(publishPlatforms) }),
  options: { policy: "standard", retryLimit: 1, retryDelay: 3, expireInSeconds: 1800 },
  concurrency: 1,
});

/** Syncs one workspace's analytics (its channel's views, its accounts' insights); one run per workspace at a time. */
export const analyticsSyncJob = define({
  name: "analytics-sync",
  schema: z.object({ workspaceId: z.string().uuid() }),
  options: { policy: "stately", retryLimit: 2, retryDelay: 30, retryBackoff: true, expireInSeconds: 900 },
  concurrency: 1,
});

/** Every 6 hours: queues an analytics sync for each workspace with connected accounts or channel videos. */
export const analyticsSyncDueJob = define({
  name: "analytics-sync-due",
  schema: z.object({}).passthrough(),
  options: { policy: "singleton", retryLimit: 0, expireInSeconds: 600 },
  concurrency: 1,
});

const analyticsRange = z.object({ from: z.iso.date(), to: z.iso.date() });

/** Writes a CSV of the daily analytics rows and settles its task with a signed download URL. */
export const analyticsExportJob = define({
  name: "analytics-export",
  schema: z.object({
    exportId: z.string().uuid(),
    workspaceId: z.string().uuid(),
    range: analyticsRange,
    platform: z.enum(publishPlatforms).nullable(),
    characterId: z.number().int().positive().nullable(),
    origin: z.string().url().max(2000),
  }),
  options: { policy: "stately", retryLimit: 2, retryDelay: 5, retryBackoff: true, expireInSeconds: 300 },
  concurrency: 1,
});

/** Writes a zip of every row and file of the account's workspace and settles its task with a signed download URL. */
export const accountExportJob = define({
  name: "account-export",
  schema: z.object({
    exportId: z.string().uuid(),
    workspaceId: z.string().uuid(),
    userId: z.string().uuid(),
    origin: z.string().url().max(2000),
  }),
  options: { policy: "stately", retryLimit: 2, retryDelay: 5, retryBackoff: true, expireInSeconds: 3600 },
  concurrency: 1,
});

/**
 * Every hour: grants each workspace this month's allowance if it has not had it. Idempotent by its
 * ledger key (allowance:<workspace>:<yyyy-mm>), so a retry, a second run or two workers grant once;
 * hourly rather than on the 1st alone, so a studio that was down at midnight on the 1st catches up
 * within an hour of starting.
 */
export const creditAllowanceJob = define({
  name: "credit-allowance",
  schema: z.object({}).passthrough(),
  options: { policy: "singleton", retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 900 },
  concurrency: 1,
});

/** The cron schedules (pg-boss keeps one schedule per queue, whatever the number of workers). */
export const schedules = [
  { job: publishDueJob, cron: "* * * * *" },
  { job: publishSweepJob, cron: "17 * * * *" },
  { job: analyticsSyncDueJob, cron: "23 */6 * * *" },
  { job: creditAllowanceJob, cron: "5 * * * *" },
] as const;

export const allJobs = [
  projectGenerateJob,
  sceneGenerateJob,
  projectStitchJob,
  renderVideoJob,
  deliverWebhookJob,
  projectUpscaleJob,
  voiceCloneJob,
  captionGenerateJob,
  captionBurnInJob,
  publishTargetJob,
  publishDueJob,
  publishSweepJob,
  videoConformJob,
  analyticsSyncJob,
  analyticsSyncDueJob,
  analyticsExportJob,
  accountExportJob,
  creditAllowanceJob,
] as const;
