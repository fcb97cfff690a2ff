import Papa from "papaparse";
import { BULK_MAX_ROWS, BULK_SCRIPT_MAX, parseErrors, type BulkProblem } from "./bulk";
import { text } from "./text";

/**
 * Filling a template from a CSV: one column per {variable}, one video per row. Parsed the same
 * way by the gallery's preview (in the browser) and by the server, as the bulk reels' CSV is, so
 * every refusal names its row and column before anything is queued.
 */

export interface TemplateCsvRow {
  /** Data rows count from 1 (the header is row 0). */
  row: number;
  values: Record<string, string>;
}

export interface ParsedTemplateCsv {
  columns: string[];
  rows: TemplateCsvRow[];
  /** Data rows found, valid or not: above BULK_MAX_ROWS the fill is refused whole. */
  rowCount: number;
  problems: BulkProblem[];
}

/** A CSV with just the header a template needs, for the creator to fill in a spreadsheet. */
export const templateCsvHeader = (variables: string[]) => `${Papa.unparse([variables])}\n`;

/**
 * Parses a CSV whose header names the template's variables (in any order); every row must give
 * every variable a value. A column that is not one of the variables is refused rather than
 * ignored: it is usually a misspelt variable whose value would silently go missing.
 */
export function parseTemplateCsv(csv: string, variables: string[]): ParsedTemplateCsv {
  const parsed = Papa.parse<Record<string, unknown>>(csv.replace(/^\uFEFF/, ""), {
    header: true,
    delimiter: ",",
    skipEmptyLines: "greedy",
    transformHeader: (h) => h.trim(),
  });
  const columns = (parsed.meta.fields ?? []).filter((c) => c !== "");
  const problems: BulkProblem[] = [];
  const header = (column: string, message: string) => problems.push({ row: 0, column, message });
  const known = variables.length ? `this template's variables are ${variables.map((v) => `{${v}}`).join(", ")}` : "this template has no variables";
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c)) header(c, "this column appears twice");
    else if (!variables.includes(c)) header(c, `not a variable of this template (${known})`);
    seen.add(c);
  }
  for (const v of variables) if (!columns.includes(v)) header(v, `the {${v}} column is missing (the header needs ${variables.join(", ")})`);
  const rowCount = parsed.data.length;
  if (problems.length) return { columns, rows: [], rowCount, problems };

  problems.push(...parseErrors(parsed.errors, columns, parsed.data, columns[0]));
  const broken = new Set(problems.map((p) => p.row));
  const rows: TemplateCsvRow[] = [];
  parsed.data.forEach((record, i) => {
    const row = i + 1;
    if (broken.has(row)) return;
    const values: Record<string, string> = {};
    let ok = true;
    for (const v of variables) {
      const cell = typeof record[v] === "string" ? (record[v]).trim() : "";
      const checked = text({ label: v, max: BULK_SCRIPT_MAX, min: 1, tooShort: `{${v}} needs a value` }).safeParse(cell);
      if (checked.success) values[v] = checked.data;
      else {
        ok = false;
        problems.push({ row, column: v, message: checked.error.issues[0].message });
      }
    }
    if (ok) rows.push({ row, values });
  });
  if (rowCount === 0) problems.push({ row: 1, column: columns[0] ?? variables[0] ?? "", message: "the CSV has no rows below its header" });
  if (rowCount > BULK_MAX_ROWS) problems.unshift({ row: 0, column: columns[0] ?? "", message: `${rowCount} rows; a fill has at most ${BULK_MAX_ROWS}` });
  problems.sort((a, b) => a.row - b.row);
  return { columns, rows, rowCount, problems };
}
