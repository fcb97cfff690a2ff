import { z } from "zod";
import { getDb } from "@/db/client";
import { requireApiKey } from "@/lib/api/ainative/auth";
import { CORS_HEADERS, preflight, route } from "@/lib/api/ainative/errors";
import { bulkStartedOut } from "@/lib/api/ainative/mappers";
import { bulkReelsFields } from "@/lib/api/ainative/schemas";
import { twinIdOf } from "@/lib/api/ainative/twin-ref";
import { otherMethods } from "@/lib/api/methods";
import { readMultipart } from "@/lib/api/route";
import { checkRowLimit, createBulkBatch } from "@/lib/bulk/service";
import { AppError } from "@/lib/errors";
import { BULK_CSV_MAX_BYTES, parseBulkCsv, problemText, type BulkProblem } from "@/lib/validation/bulk";
import { textProblem } from "@/lib/validation/text";

export const dynamic = "force-dynamic";

export const OPTIONS = preflight;

const FORM_OVERHEAD_BYTES = 64 * 1024;
const field = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : v === null ? undefined : v.name;
};

/** Every refused cell in the shared error shape: the detail names the first by row and column, `errors` lists them all. */
const csvError = (problems: BulkProblem[]) =>
  new z.ZodError(problems.map((p) => ({ code: "custom" as const, path: ["csv_file"], message: problemText(p), input: undefined })));

async function csvOf(form: FormData): Promise<string> {
  const file = form.get("csv_file");
  if (!(file instanceof File)) throw new AppError("unprocessable", "csv_file is required: attach the CSV as a file", "csv_file");
  const csv = await file.text();
  const problem = textProblem(csv);
  if (problem) throw new AppError("bad_request", `csv_file ${problem}`, "csv_file");
  return csv;
}

/**
 * The seed's bulk reels: csv_file (script, platform, voice_id), twin_id and platform as
 * multipart/form-data. The whole CSV is checked first: more than 100 rows is the plan limit (403),
 * any refused cell a 400 naming its row and column; then every row is queued as its own render.
 */
export const POST = route(async (req) => {
  const p = await requireApiKey(req, { multipart: true });
  const form = await readMultipart(req, {
    maxBytes: BULK_CSV_MAX_BYTES + FORM_OVERHEAD_BYTES,
    field: "csv_file",
    tooLarge: `csv_file is too large (the limit is ${BULK_CSV_MAX_BYTES / 1048576} MB)`,
  });
  const fields = bulkReelsFields.parse({ twin_id: field(form, "twin_id"), platform: field(form, "platform"), quality: field(form, "quality") });
  const parsed = parseBulkCsv(await csvOf(form), { defaultPlatform: fields.platform });
  checkRowLimit(parsed.rowCount);
  if (parsed.problems.length) throw csvError(parsed.problems);
  const started = await createBulkBatch(getDb(), p, {
    characterId: await twinIdOf(fields.twin_id, p.workspaceId, "twin_id"),
    platform: fields.platform,
    quality: fields.quality,
    rows: parsed.rows,
  });
  return Response.json(bulkStartedOut(started), { status: 202 });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST }, CORS_HEADERS);
