import { z } from "zod";
import { publishPlatforms, type PublishPlatform } from "@/db/schema/social";
import { addDays, dayOf, rangeLength, type DayRange } from "@/lib/social/analytics-days";

/** What the analytics page shows, from its URL: a preset window or a custom one, a platform, a post. */

export const PRESETS = [7, 30, 90] as const;
export const MAX_RANGE_DAYS = 366;

export const platformLabels: Record<PublishPlatform, string> = {
  channel: "Channel",
  instagram: "Instagram",
  tiktok: "TikTok",
  linkedin: "LinkedIn",
  youtube: "YouTube",
};

const day = z.iso.date();

/** A window of days the page and its actions accept: a preset, or from..to within a year, ending today at the latest. */
export const rangeInput = z
  .object({
    days: z.enum(["7", "30", "90"]).optional(),
    from: day.optional(),
    to: day.optional(),
  })
  .transform((v, ctx): DayRange & { preset: number | null } => {
    const today = dayOf(new Date());
    if (!v.from || !v.to) {
      const days = Number(v.days ?? 30);
      return { from: addDays(today, -(days - 1)), to: today, preset: days };
    }
    const range = { from: v.from, to: v.to };
    if (range.from > range.to) ctx.addIssue({ code: "custom", path: ["from"], message: "The start date must be on or before the end date" });
    else if (range.to > today) ctx.addIssue({ code: "custom", path: ["to"], message: "The end date cannot be in the future" });
    else if (rangeLength(range) > MAX_RANGE_DAYS) ctx.addIssue({ code: "custom", path: ["from"], message: "Pick at most a year" });
    return { ...range, preset: null };
  });

export const platformInput = z.enum(publishPlatforms).optional();

export interface AnalyticsView {
  range: DayRange;
  preset: number | null;
  platform: PublishPlatform | null;
  post: string | null;
  /** Why the custom dates were not used, when they were refused. */
  rangeProblem: string | null;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The page's view from its search params; anything unreadable falls back to the last 30 days, every platform. */
export function viewOf(sp: Record<string, string | string[] | undefined>): AnalyticsView {
  const parsed = rangeInput.safeParse({ days: one(sp.days), from: one(sp.from), to: one(sp.to) });
  const fallback = rangeInput.parse({});
  const platform = platformInput.safeParse(one(sp.platform));
  const post = one(sp.post);
  return {
    range: parsed.success ? { from: parsed.data.from, to: parsed.data.to } : fallback,
    preset: parsed.success ? parsed.data.preset : 30,
    platform: (platform.success && platform.data) || null,
    post: post && /^[0-9a-f-]{36}$/i.test(post) ? post : null,
    rangeProblem: parsed.success ? null : (parsed.error.issues[0]?.message ?? "Those dates could not be read"),
  };
}

/** The search params of a view (for links that keep the filters). */
export function searchOf(view: Pick<AnalyticsView, "range" | "preset" | "platform">, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  if (view.preset) {
    if (view.preset !== 30) q.set("days", String(view.preset));
  } else {
    q.set("from", view.range.from);
    q.set("to", view.range.to);
  }
  if (view.platform) q.set("platform", view.platform);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}
