import { TimelineValidationError, type Timeline, type TimelineInput } from "./timeline";

// {name}: letters, digits, _ . - ; anything else in braces is left alone (JSON, ASS overrides...).
const VARIABLE = /\{([A-Za-z_][A-Za-z0-9_.-]{0,63})\}/g;

type AnyTimeline = Timeline | TimelineInput;

function texts(timeline: AnyTimeline): string[] {
  return timeline.scenes.flatMap((s) => s.tracks.flatMap((t) => ((t.type === "actor" || t.type === "text") && t.text ? [t.text] : [])));
}

/** The distinct `{variable}` names used in actor scripts and text tracks, in order of first use. */
export function listTemplateVariables(timeline: AnyTimeline): string[] {
  const names = new Set<string>();
  for (const text of texts(timeline)) for (const m of text.matchAll(VARIABLE)) names.add(m[1]);
  return [...names];
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
  return {
    ...timeline,
    scenes: timeline.scenes.map((s) => ({
      ...s,
      tracks: s.tracks.map((t) => ((t.type === "actor" || t.type === "text") && t.text ? { ...t, text: fill(t.text) } : t)),
    })),
  };
}
