import { hasIntrinsicDuration, resolveTimings } from "@/lib/composition/resolve-timing";
import { applyTemplateVariables } from "@/lib/composition/template-variables";
import { parseTimeline, type Timeline, type TimelineInput } from "@/lib/composition/timeline";
import { avatarPrice, timelinePrice } from "@/lib/credits/prices";
import type { VideoJobKind } from "@/db/schema/videos";
import { estimateNarrationMs } from "@/lib/projects/cost";

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

/**
 * What an avatar render reserves before its speech exists: the script's estimated spoken length
 * at the voice's pace, with a fifth more and a second to spare, so the bill for the real length
 * (avatarPrice, at capture) seldom exceeds it.
 */
export function avatarReservation(script: string, wordsPerMinute?: number, opts: { draft?: boolean } = {}) {
  const estimatedMs = estimateNarrationMs(script, wordsPerMinute);
  return { estimatedMs, ...avatarPrice(estimatedMs * 1.2 + 1000, opts) };
}

type BilledJob = { kind: VideoJobKind; creditsReserved: number; creditsReservedHundredths?: number | null; draft?: boolean };

/**
 * What a finished render is billed, in hundredths of a credit: a timeline (and a studio render,
 * priced per scene) what it reserved; an avatar its rendered seconds.
 */
export function billedHundredths(job: BilledJob, renderedMs: number): number {
  if (job.kind === "avatar") return avatarPrice(renderedMs, { draft: job.draft }).credits * 100;
  return job.creditsReservedHundredths ?? job.creditsReserved * 100;
}

/** What a finished render is billed, in credits (fractional for a studio render). */
export const billedCredits = (job: BilledJob, renderedMs: number): number => billedHundredths(job, renderedMs) / 100;

/** What a render job reserved, in credits: fractional for a studio render. */
export const reservedCredits = (job: Pick<BilledJob, "creditsReserved" | "creditsReservedHundredths">): number =>
  job.creditsReservedHundredths != null ? job.creditsReservedHundredths / 100 : job.creditsReserved;
