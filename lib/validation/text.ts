import { z } from "zod";

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why a string cannot be saved, or null. Postgres refuses U+0000 in text and jsonb (a 500 if it
 * gets that far), and refuses an unpaired surrogate in jsonb (JSON.stringify writes it as \ud800).
 */
export function textProblem(s: string): string | null {
  // Worded without "character": the twin.actor dialect says "person" for that word.
  if (s.includes("\u0000")) return "must not contain NUL (\\u0000)";
  if (LONE_SURROGATE.test(s)) return "must be valid Unicode text (it has an unpaired surrogate)";
  return null;
}

export interface TextOptions {
  /** How messages name the field, in the caller's words: "name", "story_idea", "The story idea". */
  label: string;
  /** At most this many characters (after trimming). */
  max: number;
  /** At least this many characters after trimming; 1 means it cannot be empty. */
  min?: number;
  /** The message for a missing value or one that is not a string (default: "<label> must be a string"); a function tells them apart by the input. */
  required?: string | ((input: unknown) => string);
  /** The message under `min`. */
  tooShort?: string;
  /** Keep surrounding whitespace (a password is what was typed). */
  untrimmed?: boolean;
}

/**
 * A string that can be saved: trimmed, within `min`..`max` characters, and without what Postgres
 * refuses (see textProblem). Every message names the field by `label`. Every string that enters
 * through a form, an action or an API body goes through this (a URL through publicHttpUrl of
 * ./urls.ts, which builds on it), never a bare z.string().
 */
export function text(o: TextOptions) {
  const required = o.required;
  const base = z.string({ error: typeof required === "function" ? (issue) => required(issue.input) : (required ?? `${o.label} must be a string`) });
  const trimmed = o.untrimmed ? base : base.trim();
  const short = o.tooShort ?? (o.min === 1 ? `${o.label} cannot be empty` : `${o.label} must be at least ${o.min} characters`);
  const bounded = (o.min ? trimmed.min(o.min, short) : trimmed).max(o.max, `${o.label} must be at most ${o.max} characters`);
  return bounded.superRefine((s, ctx) => {
    const problem = textProblem(s);
    if (problem) ctx.addIssue({ code: "custom", message: `${o.label} ${problem}` });
  });
}
