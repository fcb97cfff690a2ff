import type { Db } from "@/db/client";
import { withTransaction } from "@/db/transaction";
import { syncWorkspaceAnalytics, workspacesToSync } from "@/lib/social/analytics";
import { requestAnalyticsSync, saveAnalyticsCsv } from "@/lib/social/analytics-tasks";
import { progressReporter } from "@/lib/tasks/reporter";
import { settleTask, startTask, subjects } from "@/lib/tasks/service";
import type { analyticsExportJob, analyticsSyncJob, JobPayload } from "../definitions";

/**
 * One workspace's sync. Idempotent: every row is an upsert on (scope, day), and a redelivered job
 * whose task has settled does nothing.
 */
export async function handleAnalyticsSync(db: Db, data: JobPayload<typeof analyticsSyncJob>, signal: AbortSignal): Promise<void> {
  const subject = subjects.analyticsSync(data.workspaceId);
  if (!(await startTask(db, subject, "syncing"))) return;
  const progress = progressReporter(db, subject);
  try {
    const outcome = await syncWorkspaceAnalytics(db, data.workspaceId, { signal, report: (f, step) => progress.report(f, step) });
    await progress.flush();
    await withTransaction((ctx) => settleTask(ctx, subject, { status: "succeeded", step: "done", result: { ...outcome } }));
  } finally {
    await progress.flush();
  }
}

export async function failAnalyticsSync(db: Db, data: JobPayload<typeof analyticsSyncJob>, reason: string): Promise<void> {
  await withTransaction((ctx) => settleTask(ctx, subjects.analyticsSync(data.workspaceId), { status: "failed", error: `Analytics sync failed: ${reason}` }));
}

/** The every-6-hours cron: one sync per workspace with something to sync (one already open is left alone). */
export async function handleAnalyticsSyncDue(db: Db): Promise<void> {
  let queued = 0;
  for (const workspaceId of await workspacesToSync(db)) if ((await requestAnalyticsSync(workspaceId)).created) queued++;
  if (queued) console.log(`[analytics] queued ${queued} sync(s)`);
}

/** Writes the CSV and settles the task with its signed download URL (valid one hour). */
export async function handleAnalyticsExport(db: Db, data: JobPayload<typeof analyticsExportJob>): Promise<void> {
  const subject = subjects.analyticsExport(data.exportId);
  if (!(await startTask(db, subject, "writing CSV"))) return;
  const file = await saveAnalyticsCsv(db, data.workspaceId, data);
  await withTransaction((ctx) =>
    settleTask(ctx, subject, {
      status: "succeeded",
      step: "done",
      result: {
        format: "csv",
        downloadUrl: file.downloadUrl,
        expiresAt: file.expiresAt,
        rows: file.rows,
        from: data.range.from,
        to: data.range.to,
        platform: data.platform,
      },
    }),
  );
}

export async function failAnalyticsExport(db: Db, data: JobPayload<typeof analyticsExportJob>, reason: string): Promise<void> {
  await withTransaction((ctx) => settleTask(ctx, subjects.analyticsExport(data.exportId), { status: "failed", error: `Export failed: ${reason}` }));
}
