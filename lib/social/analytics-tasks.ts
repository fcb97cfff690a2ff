import { randomUUID } from "node:crypto";
import Papa from "papaparse";
import { sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import type { PublishPlatform } from "@/db/schema/social";
import { withTransaction } from "@/db/transaction";
import { sendJob } from "@/lib/jobs/boss";
import { analyticsExportJob, analyticsSyncJob } from "@/lib/jobs/definitions";
import { saveMedia, signedDownloadUrl } from "@/lib/storage/media";
import { createTask, latestTask, subjects, type TaskRow } from "@/lib/tasks/service";
import { analyticsSeries, type DayRange } from "./analytics-report";

/** The long analytics work as tasks: a workspace's sync (one at a time) and CSV exports. */

const OPEN = new Set(["queued", "running"]);

/**
 * Queues a sync of the workspace, or returns the one already queued or running (`created` false):
 * "sync now" twice, or the cron while a manual sync runs, make one run.
 */
export async function requestAnalyticsSync(workspaceId: string): Promise<{ task: TaskRow; created: boolean }> {
  const subject = subjects.analyticsSync(workspaceId);
  return withTransaction(async ({ tx, executeSql }) => {
    // Two requests at once: the second waits here, then finds the first's task.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${subject}))`);
    const open = await latestTask(tx, subject);
    if (open && OPEN.has(open.status)) return { task: open, created: false };
    const task = await createTask(tx, { workspaceId, kind: "analytics-sync", subject });
    await sendJob(analyticsSyncJob, { workspaceId }, { executeSql, singletonKey: workspaceId });
    return { task, created: true };
  });
}

export interface ExportRequest {
  range: DayRange;
  platform: PublishPlatform | null;
  characterId: number | null;
  /** The origin the download URL is made for: the caller's (its request), else the server's public one. */
  origin: string;
}

/** Queues a CSV export of the daily rows; its task's result has the signed download URL once done. */
export async function startAnalyticsExport(workspaceId: string, req: ExportRequest): Promise<TaskRow> {
  const exportId = randomUUID();
  return withTransaction(async ({ tx, executeSql }) => {
    const task = await createTask(tx, { workspaceId, kind: "analytics-export", subject: subjects.analyticsExport(exportId) });
    await sendJob(analyticsExportJob, { exportId, workspaceId, ...req }, { executeSql, singletonKey: exportId });
    return task;
  });
}

/** How long an export's download link works. */
export const EXPORT_URL_TTL_SECONDS = 3600;

export const CSV_COLUMNS = ["platform", "date", "views", "likes", "comments", "shares", "followers_gained"] as const;

/** The export's CSV: the API's daily rows (one per platform per day, zero-filled), with a header. */
export async function analyticsCsv(db: DbOrTx, workspaceId: string, req: Omit<ExportRequest, "origin">): Promise<{ csv: string; rows: number }> {
  const rows = await analyticsSeries(db, workspaceId, req);
  const csv = Papa.unparse(
    {
      fields: [...CSV_COLUMNS],
      data: rows.map((r) => [r.platform, r.date, r.views, r.likes, r.comments, r.shares, r.followersGained]),
    },
    { newline: "\n" },
  );
  return { csv: `${csv}\n`, rows: rows.length };
}

/**
 * Stores the CSV and makes its download link. media has no kind for a document: it is stored as
 * "captions" (the one text kind) with its own mime type, text/csv, which is what serving uses.
 */
export async function saveAnalyticsCsv(db: Db, workspaceId: string, req: ExportRequest) {
  const { csv, rows } = await analyticsCsv(db, workspaceId, req);
  const media = await saveMedia(db, { workspaceId, kind: "captions", mime: "text/csv", source: { buffer: Buffer.from(csv, "utf8") } });
  return { mediaId: media.id, rows, ...signedDownloadUrl(media.id, req.origin, EXPORT_URL_TTL_SECONDS) };
}
