"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions/client";
import { checkRowLimit, createBulkBatch, retryFailedRows } from "@/lib/bulk/service";
import { AppError } from "@/lib/errors";
import { BULK_CSV_MAX_BYTES, bulkQualitySchema, parseBulkCsv, platformSchema, problemText } from "@/lib/validation/bulk";
import { serialIdSchema, uuidSchema } from "@/lib/validation/ids";
import { text } from "@/lib/validation/text";

const submitBulkInput = z.object({
  characterId: serialIdSchema("Pick a character"),
  platform: platformSchema,
  quality: bulkQualitySchema,
  csv: text({ label: "The CSV", max: BULK_CSV_MAX_BYTES, min: 1, tooShort: "Upload a CSV file or paste its text", untrimmed: true }),
});

/** Submits a batch from the page: the CSV is parsed again here with the preview's parser and schema. */
export const submitBulkAction = authedAction(submitBulkInput, async (input, { principal, db }) => {
  const parsed = parseBulkCsv(input.csv, { defaultPlatform: input.platform });
  checkRowLimit(parsed.rowCount, "csv");
  if (parsed.problems.length) throw new AppError("bad_request", problemText(parsed.problems[0]), "csv");
  const started = await createBulkBatch(db, principal, { characterId: input.characterId, platform: input.platform, quality: input.quality, rows: parsed.rows });
  revalidatePath("/bulk");
  return { batchId: started.batch.id };
});

/** Queues a finished batch's failed rows again. */
export const retryBulkAction = authedAction(z.object({ batchId: uuidSchema("Batch not found") }), async ({ batchId }, { principal, db }) => {
  const started = await retryFailedRows(db, principal, { batchId });
  revalidatePath("/bulk");
  return { taskId: started.task.id, rows: started.queuedRows.length };
});
