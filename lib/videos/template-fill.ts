import type { Db } from "@/db/client";
import { withTransaction } from "@/db/transaction";
import type { Principal } from "@/lib/auth/tokens";
import { checkBalance, checkRowLimit } from "@/lib/bulk/service";
import { listTemplateVariables } from "@/lib/composition/template-variables";
import type { TimelineInput } from "@/lib/composition/timeline";
import { AppError, isAppError } from "@/lib/errors";
import type { TemplateCsvRow } from "@/lib/validation/template-csv";
import { getTemplate, prepareVideoJob, queueVideoJob, type PreparedVideoJob, type VideoJobRow } from "./service";

export interface TemplateFillQuote {
  rows: number;
  credits: number;
}

/**
 * Every row of a fill checked and priced as its own render job (nothing written); a refusal names
 * the row, as the bulk reels' does.
 */
async function prepareRows(db: Db, p: Principal, templateId: string, rows: TemplateCsvRow[]): Promise<PreparedVideoJob[]> {
  checkRowLimit(rows.length, "csv");
  if (!rows.length) throw new AppError("bad_request", "The CSV has no rows below its header", "csv");
  const template = await getTemplate(db, { workspaceId: p.workspaceId, templateId });
  const variables = listTemplateVariables(template.videoCreative as TimelineInput);
  const prepared: PreparedVideoJob[] = [];
  for (const r of rows) {
    const missing = variables.filter((v) => !r.values[v]?.trim());
    if (missing.length) throw new AppError("bad_request", `row ${r.row}: {${missing[0]}} needs a value`, "csv");
    try {
      const job = await prepareVideoJob(db, p, { videoCreative: template.videoCreative, dynamicVariables: r.values, templateId: template.id });
      // Each row's video is told apart in Videos by its first value: "Welcome · Ana".
      const first = variables.length ? r.values[variables[0]] : `row ${r.row}`;
      job.timeline.settings.name = `${job.timeline.settings.name} · ${first}`.slice(0, 200);
      prepared.push(job);
    } catch (e) {
      if (isAppError(e) && e.code === "bad_request") throw new AppError("bad_request", `row ${r.row}: ${e.message}`, "csv");
      throw e;
    }
  }
  return prepared;
}

/** What filling a template from these rows would cost, each row checked as a render: nothing is queued. */
export async function quoteTemplateFill(db: Db, p: Principal, args: { templateId: string; rows: TemplateCsvRow[] }): Promise<TemplateFillQuote> {
  const prepared = await prepareRows(db, p, args.templateId, args.rows);
  return { rows: prepared.length, credits: prepared.reduce((n, j) => n + j.credits, 0) };
}

/**
 * Renders a template once per row: every row is checked and priced first, then, in one
 * transaction, the balance is checked for all of them and each row's render job queued (with its
 * own task and reservation, in the render queue's fair turns). A refusal queues nothing.
 */
export async function fillTemplate(
  db: Db,
  p: Principal,
  args: { templateId: string; rows: TemplateCsvRow[] },
): Promise<{ jobs: VideoJobRow[]; credits: number }> {
  const prepared = await prepareRows(db, p, args.templateId, args.rows);
  const credits = prepared.reduce((n, j) => n + j.credits, 0);
  return withTransaction(async (ctx) => {
    await checkBalance(ctx, p.workspaceId, credits);
    const jobs: VideoJobRow[] = [];
    for (const job of prepared) jobs.push(await queueVideoJob(ctx, p, job));
    return { jobs, credits };
  });
}
