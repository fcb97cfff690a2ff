"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions/client";
import { checkRowLimit } from "@/lib/bulk/service";
import { listTemplateVariables } from "@/lib/composition/template-variables";
import type { TimelineInput } from "@/lib/composition/timeline";
import { AppError } from "@/lib/errors";
import { BULK_CSV_MAX_BYTES, problemText } from "@/lib/validation/bulk";
import { uuidSchema } from "@/lib/validation/ids";
import { parseTemplateCsv } from "@/lib/validation/template-csv";
import { text } from "@/lib/validation/text";
import { getTemplate } from "@/lib/videos/service";
import { fillTemplate, quoteTemplateFill } from "@/lib/videos/template-fill";

const fillInput = z.object({
  templateId: uuidSchema("Template not found"),
  csv: text({ label: "The CSV", max: BULK_CSV_MAX_BYTES, min: 1, tooShort: "Upload a CSV file or paste its text", untrimmed: true }),
});

/** The CSV parsed again here with the preview's parser, against the template's own variables. */
async function rowsOf(db: Parameters<typeof getTemplate>[0], workspaceId: string, input: z.infer<typeof fillInput>) {
  const template = await getTemplate(db, { workspaceId, templateId: input.templateId });
  const parsed = parseTemplateCsv(input.csv, listTemplateVariables(template.videoCreative as TimelineInput));
  checkRowLimit(parsed.rowCount, "csv");
  if (parsed.problems.length) throw new AppError("bad_request", problemText(parsed.problems[0]), "csv");
  return parsed.rows;
}

/** Checks every row as a render and prices the fill; nothing is queued. */
export const quoteTemplateFillAction = authedAction(fillInput, async (input, { principal, db }) => {
  const rows = await rowsOf(db, principal.workspaceId, input);
  return quoteTemplateFill(db, principal, { templateId: input.templateId, rows });
});

/** Renders the template once per row, all or nothing. */
export const fillTemplateAction = authedAction(fillInput, async (input, { principal, db }) => {
  const rows = await rowsOf(db, principal.workspaceId, input);
  const { jobs, credits } = await fillTemplate(db, principal, { templateId: input.templateId, rows });
  revalidatePath("/videos");
  return { jobs: jobs.length, credits };
});
