import type { Db } from "@/db/client";
import { withTransaction } from "@/db/transaction";
import { saveAccountExport } from "@/lib/accounts/export";
import { progressReporter } from "@/lib/tasks/reporter";
import { settleTask, startTask, subjects } from "@/lib/tasks/service";
import type { accountExportJob, JobPayload } from "../definitions";

/**
 * Writes the account's zip and settles the task with its signed download URL. A redelivered job
 * whose task has settled does nothing; an attempt cut short leaves only its temp dir, which it removes.
 */
export async function handleAccountExport(db: Db, data: JobPayload<typeof accountExportJob>, signal: AbortSignal): Promise<void> {
  const subject = subjects.accountExport(data.exportId);
  if (!(await startTask(db, subject, "collecting rows"))) return;
  const progress = progressReporter(db, subject);
  try {
    const file = await saveAccountExport(db, { workspaceId: data.workspaceId, userId: data.userId }, data.origin, {
      signal,
      report: (f, step) => progress.report(f, step),
    });
    await progress.flush();
    await withTransaction((ctx) =>
      settleTask(ctx, subject, {
        status: "succeeded",
        step: "done",
        result: {
          format: "zip",
          mediaId: file.mediaId,
          sizeBytes: file.sizeBytes,
          downloadUrl: file.downloadUrl,
          expiresAt: file.expiresAt,
          tables: file.tables,
          files: file.files,
        },
      }),
    );
  } finally {
    await progress.flush();
  }
}

export async function failAccountExport(db: Db, data: JobPayload<typeof accountExportJob>, reason: string): Promise<void> {
  await withTransaction((ctx) => settleTask(ctx, subjects.accountExport(data.exportId), { status: "failed", error: `Export failed: ${reason}` }));
}
