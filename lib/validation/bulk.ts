import Papa from "papaparse";
import { z } from "zod";
import { platforms, type Platform } from "@/db/schema/characters";
import { fillTextVariables } from "@/lib/composition/template-variables";
import { voiceBySpeakerId } from "@/lib/providers/speech/voices";
import { text } from "./text";

/**
 * Bulk reels from a CSV, parsed and checked the same way by the studio's preview (in the
 * browser) and by the server: one parser (papaparse) and one row schema, so a row the preview
 * accepts is a row the server accepts, and every refusal names its row and column.
 */

/** The seed's plan limit: at most 100 rows per batch (more is a 403). */
export const BULK_MAX_ROWS = 100;
/** The columns every CSV has (the seed's format); any other column fills `{column}` placeholders in the script. */
export const BULK_COLUMNS = ["script", "platform", "voice_id"] as const;
export const BULK_SCRIPT_MAX = 5000;
/** Far more than 100 rows of 5000-character scripts need. */
export const BULK_CSV_MAX_BYTES = 1024 * 1024;

export const bulkQualities = ["final", "draft"] as const;
export type BulkQuality = (typeof bulkQualities)[number];

export const platformSchema = z
  .string({ error: "platform must be a string" })
  .trim()
  .toLowerCase()
  .refine((p): p is Platform => (platforms as readonly string[]).includes(p), {
    error: (i) => `${String(i.input)} is not a platform; use ${platforms.join(", ")}`,
  })
  .transform((p) => p);

export const bulkQualitySchema = z.enum(bulkQualities, { error: "quality must be final or draft" });

/** A refused cell: `row` counts data rows from 1 (the header is row 0). */
export interface BulkProblem {
  row: number;
  column: string;
  message: string;
}

export interface BulkRow {
  row: number;
  /** The script with its placeholders filled. */
  script: string;
  /** The row's platform, or the batch's when the cell is blank. */
  platform: Platform;
  /** The row's voice, or null to use the character's own. */
  voiceId: string | null;
  /** The other columns' values, as the placeholders read them. */
  variables: Record<string, string>;
}

export interface ParsedBulkCsv {
  columns: string[];
  rows: BulkRow[];
  /** Data rows found, valid or not: above BULK_MAX_ROWS the batch is refused whole. */
  rowCount: number;
  problems: BulkProblem[];
}

/** "row 3, column voice_id: ..." (row 0 is the header). */
export const problemText = (p: BulkProblem) => `${p.row === 0 ? "header row" : `row ${p.row}`}, column ${p.column}: ${p.message}`;

/**
 * What a CSV preview lists: the header's problems, and every data row in order (valid or not)
 * with its problems' texts.
 */
export function previewRows(
  rows: Array<{ row: number }>,
  problems: BulkProblem[],
): { header: string[] | undefined; numbers: number[]; problemsByRow: Map<number, string[]> } {
  const problemsByRow = new Map<number, string[]>();
  for (const p of problems) problemsByRow.set(p.row, [...(problemsByRow.get(p.row) ?? []), problemText(p)]);
  const numbers = [...new Set([...rows.map((r) => r.row), ...[...problemsByRow.keys()].filter((n) => n > 0)])].sort((a, b) => a - b);
  return { header: problemsByRow.get(0), numbers, problemsByRow };
}

const scriptSchema = text({ label: "script", max: BULK_SCRIPT_MAX, min: 1, tooShort: "the script is empty" });
const cell = (v: unknown) => (typeof v === "string" ? v : "");

/** One row's cells as a BulkRow, or the problems of its cells. */
function checkRow(n: number, record: Record<string, unknown>, columns: string[], defaultPlatform: Platform | null): BulkRow | BulkProblem[] {
  const problems: BulkProblem[] = [];
  const at = (column: string, message: string) => problems.push({ row: n, column, message });
  const variables = Object.fromEntries(columns.filter((c) => !(BULK_COLUMNS as readonly string[]).includes(c)).map((c) => [c, cell(record[c]).trim()]));

  const raw = cell(record.script).trim();
  let script = raw;
  if (!raw) at("script", "the script is empty");
  else {
    const filled = fillTextVariables(raw, variables);
    for (const name of filled.missing) {
      at(name, columns.includes(name) ? `the script's {${name}} needs a value in this column` : `the script uses {${name}} but there is no ${name} column`);
    }
    const checked = scriptSchema.safeParse(filled.text);
    if (!checked.success) at("script", checked.error.issues[0].message);
    else script = checked.data;
  }

  const platformCell = cell(record.platform).trim();
  let platform: Platform | null = defaultPlatform;
  if (platformCell) {
    const p = platformSchema.safeParse(platformCell);
    if (p.success) platform = p.data;
    else at("platform", p.error.issues[0].message);
  } else if (!defaultPlatform) at("platform", `empty, and the batch has no platform; use ${platforms.join(", ")}`);

  const voiceCell = cell(record.voice_id).trim();
  const voice = text({ label: "voice_id", max: 100 }).safeParse(voiceCell);
  if (!voice.success) at("voice_id", voice.error.issues[0].message);
  else if (voiceCell && !voiceBySpeakerId(voiceCell))
    at("voice_id", `there is no voice "${voiceCell}"; use a voice such as local-en-us or a locale id such as en-US-Neural2-A`);

  for (const [column, value] of Object.entries(variables)) {
    const problem = text({ label: column, max: BULK_SCRIPT_MAX }).safeParse(value);
    if (!problem.success) at(column, problem.error.issues[0].message);
  }
  if (problems.length || !platform) return problems;
  return { row: n, script, platform, voiceId: voiceCell || null, variables };
}

/**
 * Papaparse's own complaints (an unterminated quote, a row with too few or too many cells), one
 * per row and column. An unterminated quote swallows the rest of the file into its row, which
 * then also looks short: the quote is the problem to report. (Papaparse may count the quote's row
 * one past the last; it is the last.)
 */
export function parseErrors(errors: Papa.ParseError[], columns: string[], data: Array<Record<string, unknown>>, quoteColumn = "script"): BulkProblem[] {
  const byRow = new Map<number, BulkProblem>();
  for (const e of errors) {
    const quote = e.type === "Quotes";
    const row = Math.min((e.row ?? 0) + 1, Math.max(1, data.length));
    if (byRow.has(row) && !quote) continue;
    if (quote) byRow.set(row, { row, column: quoteColumn, message: `malformed CSV: ${e.message.toLowerCase()} (a " opens a quoted cell that never closes)` });
    else if (e.code === "TooFewFields") {
      const missing = columns.find((c) => data[row - 1]?.[c] === undefined) ?? columns[columns.length - 1];
      byRow.set(row, { row, column: missing, message: `this row has fewer values than the header has columns (no ${missing})` });
    } else if (e.code === "TooManyFields")
      byRow.set(row, { row, column: `#${columns.length + 1}`, message: "this row has more values than the header has columns" });
    else byRow.set(row, { row, column: quoteColumn, message: `malformed CSV: ${e.message}` });
  }
  return [...byRow.values()];
}

/**
 * Parses a bulk-reels CSV: a header with script, platform and voice_id (and any variable
 * columns), then one reel per row. Blank lines are skipped; a blank platform cell takes
 * `defaultPlatform`, a blank voice_id the character's voice.
 */
export function parseBulkCsv(csv: string, opts: { defaultPlatform?: Platform | null } = {}): ParsedBulkCsv {
  const parsed = Papa.parse<Record<string, unknown>>(csv.replace(/^\uFEFF/, ""), {
    header: true,
    delimiter: ",",
    skipEmptyLines: "greedy",
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const columns = (parsed.meta.fields ?? []).filter((c) => c !== "");
  const problems: BulkProblem[] = [];
  for (const c of BULK_COLUMNS)
    if (!columns.includes(c)) problems.push({ row: 0, column: c, message: `the ${c} column is missing (the header needs ${BULK_COLUMNS.join(", ")})` });
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c)) problems.push({ row: 0, column: c, message: "this column appears twice" });
    seen.add(c);
  }
  const rowCount = parsed.data.length;
  if (problems.length) return { columns, rows: [], rowCount, problems };
  problems.push(...parseErrors(parsed.errors, columns, parsed.data));
  const broken = new Set(problems.map((p) => p.row));
  const rows: BulkRow[] = [];
  parsed.data.forEach((record, i) => {
    if (broken.has(i + 1)) return;
    const checked = checkRow(i + 1, record, columns, opts.defaultPlatform ?? null);
    if (Array.isArray(checked)) problems.push(...checked);
    else rows.push(checked);
  });
  if (rowCount === 0) problems.push({ row: 1, column: "script", message: "the CSV has no rows below its header" });
  problems.sort((a, b) => a.row - b.row);
  return { columns, rows, rowCount, problems };
}
