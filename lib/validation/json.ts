import { z } from "zod";
import { textProblem } from "./text";

/**
 * How deep a free-form JSON value (callbackPayload, a videoCreative and its unknown keys) may nest.
 * JSON.parse copes with thousands of levels; what reads it afterwards recurses (JSON.stringify when
 * drizzle writes jsonb, Postgres's jsonb parser, zod), so depth is bounded where it enters.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * The deepest nesting of arrays and objects in JSON text, counted in one pass without parsing it,
 * so a body can be refused before anything recurses into it. Brackets inside strings do not count.
 */
export function jsonTextDepth(textIn: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < textIn.length; i++) {
    const c = textIn.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

export interface JsonLimits {
  maxDepth: number;
  /** Roughly: characters of the value written as JSON. */
  maxBytes: number;
}

export interface JsonProblem {
  path: Array<string | number>;
  message: string;
}

/**
 * The first thing in a parsed JSON value that could not be stored as jsonb or read back without
 * deep recursion: nesting past `maxDepth`, a size past `maxBytes`, a string or key Postgres refuses
 * (textProblem), a value JSON has no form for. Walked with an explicit stack, never recursively.
 */
export function jsonProblem(value: unknown, limits: JsonLimits): JsonProblem | null {
  const stack: Array<{ v: unknown; depth: number; path: Array<string | number> }> = [{ v: value, depth: 0, path: [] }];
  let size = 0;
  while (stack.length) {
    const { v, depth, path } = stack.pop()!;
    if (typeof v === "string") {
      size += v.length + 2;
      const problem = textProblem(v);
      if (problem) return { path, message: problem };
    } else if (typeof v === "number") {
      size += 8;
      if (!Number.isFinite(v)) return { path, message: "must be a finite number" };
    } else if (typeof v === "boolean" || v === null || v === undefined) {
      // undefined is what JSON.stringify leaves out (in an object) or writes as null (in an array).
      size += 5;
    } else if (typeof v === "object") {
      if (depth >= limits.maxDepth) return { path, message: `is nested too deeply (at most ${limits.maxDepth} levels of arrays and objects)` };
      const entries: Array<[string | number, unknown]> = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
      if (!Array.isArray(v) && Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null) {
        return { path, message: "must be plain JSON" };
      }
      size += 2;
      for (const [k, x] of entries) {
        if (typeof k === "string") {
          size += k.length + 3;
          const problem = textProblem(k);
          if (problem) return { path: [...path, k], message: `has a key that ${problem}` };
        }
        stack.push({ v: x, depth: depth + 1, path: [...path, k] });
      }
    } else {
      return { path, message: "must be plain JSON" };
    }
    if (size > limits.maxBytes) return { path: [], message: `must be at most ${Math.round(limits.maxBytes / 1024)} KiB as JSON` };
  }
  return null;
}

export interface JsonObjectOptions extends Partial<JsonLimits> {
  /** How messages name the field: "callbackPayload", "videoCreative". */
  label: string;
  /** The message for a value that is not an object. */
  required?: string;
}

/**
 * A free-form JSON object (a callback's payload, a creative with keys of the caller's own) that
 * can be stored as jsonb and read back: see jsonProblem. The default size fits any body readJson
 * accepts; a field that is echoed back (callbackPayload) sets its own.
 */
export function jsonObject(o: JsonObjectOptions) {
  const limits: JsonLimits = { maxDepth: o.maxDepth ?? MAX_JSON_DEPTH, maxBytes: o.maxBytes ?? 2 * 1024 * 1024 };
  return z.record(z.string(), z.unknown(), { error: o.required ?? `${o.label} must be an object` }).superRefine((value, ctx) => {
    const problem = jsonProblem(value, limits);
    if (!problem) return;
    const where = problem.path.length ? `${o.label}.${problem.path.join(".")}` : o.label;
    ctx.addIssue({ code: "custom", path: problem.path, message: `${where} ${problem.message}` });
  });
}
