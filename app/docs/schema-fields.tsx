import type { JsonSchema } from "@/lib/api/openapi/registry";

/** A JSON Schema (as found in the OpenAPI document) rendered as a table of fields. */

export interface FieldRow {
  name: string;
  type: string;
  required: boolean;
  notes: string[];
}

const props = (s: JsonSchema) => (s.properties ?? {}) as Record<string, JsonSchema>;

const variantsOf = (s: JsonSchema) => (Array.isArray(s.oneOf) ? s.oneOf : Array.isArray(s.anyOf) ? s.anyOf : null) as JsonSchema[] | null;
/** The `type` value of each variant of a discriminated union (timeline tracks), else null. */
function discriminants(s: JsonSchema): string[] | null {
  const variants = variantsOf(s);
  const tags = variants?.map((v) => {
    const t = props(v).type;
    return (Array.isArray(t?.enum) && t.enum.length === 1 ? t.enum[0] : t?.const) as string | undefined;
  });
  return tags && tags.length > 1 && tags.every((t): t is string => typeof t === "string") ? tags : null;
}

export function typeLabel(s: JsonSchema): string {
  if (typeof s.$ref === "string") return s.$ref.split("/").pop() ?? "object";
  const tags = discriminants(s);
  if (tags) return `object by type: ${tags.join(" | ")}`;
  if (Array.isArray(s.oneOf)) return (s.oneOf as JsonSchema[]).map(typeLabel).join(" | ");
  if (Array.isArray(s.anyOf)) return (s.anyOf as JsonSchema[]).map(typeLabel).join(" | ");
  if (s.type === "array") return `array of ${typeLabel((s.items ?? {}) as JsonSchema)}`;
  if (Array.isArray(s.type)) return s.type.join(" | ");
  return typeof s.type === "string" ? s.type : "any";
}

export function notesOf(s: JsonSchema): string[] {
  const notes: string[] = [];
  if (typeof s.description === "string") notes.push(s.description);
  if (Array.isArray(s.anyOf)) for (const alt of s.anyOf as JsonSchema[]) notes.push(...notesOf({ ...alt, description: undefined }));
  if (s.const !== undefined) notes.push(`must be ${JSON.stringify(s.const)}`);
  if (Array.isArray(s.enum)) notes.push(`one of ${s.enum.map((v) => JSON.stringify(v)).join(", ")}`);
  const [minL, maxL] = [s.minLength, s.maxLength] as (number | undefined)[];
  if (minL !== undefined && maxL !== undefined) notes.push(`${minL}–${maxL} characters`);
  else if (minL !== undefined) notes.push(minL === 1 ? "not empty" : `at least ${minL} characters`);
  else if (maxL !== undefined) notes.push(`at most ${maxL} characters`);
  if (typeof s.minimum === "number") notes.push(`≥ ${s.minimum}`);
  if (typeof s.exclusiveMinimum === "number") notes.push(`> ${s.exclusiveMinimum}`);
  if (typeof s.maximum === "number") notes.push(`≤ ${s.maximum}`);
  if (typeof s.format === "string") notes.push(`format: ${s.format}`);
  if (s.default !== undefined) notes.push(`default ${JSON.stringify(s.default)}`);
  return notes;
}

/** Flattens an object schema into rows; nested objects and arrays of objects become `a.b` / `a[].b`. */
export function fieldRows(schema: JsonSchema, prefix = "", depth = 0): FieldRow[] {
  const target = schema.type === "array" ? ((schema.items ?? {}) as JsonSchema) : schema;
  const required = new Set((target.required as string[] | undefined) ?? []);
  const rows: FieldRow[] = [];
  for (const [name, s] of Object.entries(props(target))) {
    const full = `${prefix}${name}`;
    rows.push({ name: full, type: typeLabel(s), required: required.has(name), notes: notesOf(s) });
    const inner = s.type === "array" ? ((s.items ?? {}) as JsonSchema) : s;
    const list = s.type === "array" ? "[]" : "";
    const tags = depth < 3 ? discriminants(inner) : null;
    // A union by `type` (the timeline's tracks): the fields of each kind, as `tracks[type=actor].text`.
    if (tags) variantsOf(inner)!.forEach((v, i) => rows.push(...fieldRows(v, `${full}[type=${tags[i]}].`, depth + 1).filter((r) => !r.name.endsWith(".type"))));
    else if (depth < 3 && inner.properties) rows.push(...fieldRows(inner, `${full}${list}.`, depth + 1));
  }
  return rows;
}

export function FieldTable({ rows, caption }: { rows: FieldRow[]; caption: string }) {
  if (!rows.length) return null;
  return (
    <div className="overflow-x-auto rounded-lg border">
      <table className="w-full min-w-[32rem] text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-muted/50 text-xs text-muted-foreground">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Field
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Type
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Description and constraints
            </th>
          </tr>
        </thead>
        <tbody className="divide-y">
          {rows.map((r) => (
            <tr key={r.name} className="align-top">
              <td className="px-3 py-2">
                <code className="font-mono text-[13px] break-all">{r.name}</code>
                {r.required ? <span className="ml-2 text-xs font-medium text-destructive">required</span> : null}
              </td>
              <td className="px-3 py-2 font-mono text-xs whitespace-nowrap text-muted-foreground">{r.type}</td>
              <td className="px-3 py-2 text-muted-foreground">{r.notes.join(" · ") || "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
