import { TimelineValidationError, type Timeline, type TimelineInput } from "./timeline";

// {name}: letters, digits, _ . - ; anything else in braces is left alone (JSON, ASS overrides...).
const VARIABLE = /\{([A-Za-z_][A-Za-z0-9_.-]{0,63})\}/g;

type AnyTimeline = Timeline | TimelineInput;

// Variables are filled before the timeline is parsed (a filled text must meet its limits), so the
// input may have any shape: only arrays are walked and only string texts are read; parseTimeline
// then names whatever else is wrong.
const items = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const tracksOf = (scene: unknown) => items((scene as { tracks?: unknown } | null)?.tracks);
/** The text of an actor or text track, or null. */
function textOf(track: unknown): string | null {
  if (!track || typeof track !== "object") return null;
  const { type, text } = track as { type?: unknown; text?: unknown };
  return (type === "actor" || type === "text") && typeof text === "string" && text ? text : null;
}

function texts(timeline: AnyTimeline): string[] {
  return items(timeline.scenes).flatMap((s) => tracksOf(s).flatMap((t) => textOf(t) ?? []));
}

/** The distinct `{variable}` names used in actor scripts and text tracks, in order of first use. */
export function listTemplateVariables(timeline: AnyTimeline): string[] {
  const names = new Set<string>();
  for (const text of texts(timeline)) for (const m of text.matchAll(VARIABLE)) names.add(m[1]);
  return [...names];
}

/**
 * Fills the `{name}` placeholders of one text (a bulk reel's script from its row's other
 * columns). A placeholder whose value is absent or blank is left as it is and listed in `missing`.
 */
export function fillTextVariables(text: string, values: Record<string, string>): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const filled = text.replace(VARIABLE, (whole, n: string) => {
    const v = Object.hasOwn(values, n) ? values[n] : undefined;
    if (v === undefined || !v.trim()) {
      missing.add(n);
      return whole;
    }
    return v;
  });
  return { text: filled, missing: [...missing] };
}

/**
 * Replaces every `{name}` in actor `text` and text-track `text` with `dynamicVariables[name]`
 * (Colossyan's template variables). Values are inserted literally (never re-scanned). Every
 * missing variable is reported at once in a TimelineValidationError on `dynamicVariables.<name>`.
 * Returns a new timeline; the input is untouched.
 */
export function applyTemplateVariables<T extends AnyTimeline>(timeline: T, dynamicVariables: Record<string, string | number>): T {
  const missing = listTemplateVariables(timeline).filter((n) => !Object.hasOwn(dynamicVariables, n));
  if (missing.length) {
    throw new TimelineValidationError(
      missing.map((n) => ({ path: ["dynamicVariables", n], message: `missing value for template variable {${n}} (missing: ${missing.join(", ")})` })),
    );
  }
  const fill = (text: string) => text.replace(VARIABLE, (_, n: string) => String(dynamicVariables[n]));
  if (!Array.isArray(timeline.scenes)) return timeline;
  const scenes = items(timeline.scenes).map((s) => {
    if (!Array.isArray((s as { tracks?: unknown } | null)?.tracks)) return s;
    const tracks = tracksOf(s).map((t) => {
      const text = textOf(t);
      return text ? { ...(t as object), text: fill(text) } : t;
    });
    return { ...(s as object), tracks };
  });
  return { ...timeline, scenes };
}
