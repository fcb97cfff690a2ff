import { hasIntrinsicDuration, resolveTimings } from "@/lib/composition/resolve-timing";
import { applyTemplateVariables } from "@/lib/composition/template-variables";
import { parseTimeline, type Timeline, type TimelineInput } from "@/lib/composition/timeline";
import { timelinePrice } from "@/lib/credits/prices";

/**
 * A timeline's length as submission prices and limits it: media whose own length is only known
 * after download (a remote video, an audio file) counts as one second.
 */
export function estimatedDurationMs(timeline: Timeline): number {
  return resolveTimings(timeline, (track) => (hasIntrinsicDuration(track) ? 1000 : null)).durationMs;
}

/**
 * The price of rendering a videoCreative, as submission will reserve it: its length resolved with
 * the same stand-in (1 s) for media whose own length is only known after download. Pure, so the
 * editor quotes it before rendering. Null while the creative is not valid yet.
 */
export function quoteRender(raw: unknown, dynamicVariables: Record<string, string>, opts: { draft?: boolean } = {}) {
  try {
    const timeline = parseTimeline(applyTemplateVariables(raw as TimelineInput, dynamicVariables));
    const durationMs = estimatedDurationMs(timeline);
    return { durationMs, ...timelinePrice(durationMs, opts) };
  } catch {
    return null;
  }
}
