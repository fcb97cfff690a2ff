import { and, asc, between, desc, eq, inArray, like, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { characters } from "@/db/schema/characters";
import { analyticsDaily, channelVideos, postTargets, posts, socialAccounts, type PublishPlatform } from "@/db/schema/social";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/validation/ids";
import { addDays, dayOf, rangeLength, type DayRange } from "./analytics-days";

export { rangeLength, type DayRange };

/** Reads of the analytics rows (lib/social/analytics.ts writes them): series, summaries, top posts, one post. */

export interface AnalyticsFilter {
  range: DayRange;
  platform?: PublishPlatform | null;
  characterId?: number | null;
}

export interface Metrics {
  views: number;
  likes: number;
  comments: number;
  shares: number;
  followersGained: number;
}
export const metricKeys = ["views", "likes", "comments", "shares", "followersGained"] as const satisfies ReadonlyArray<keyof Metrics>;

export interface SeriesRow extends Metrics {
  platform: PublishPlatform;
  date: string;
}

const ZERO: Metrics = { views: 0, likes: 0, comments: 0, shares: 0, followersGained: 0 };

/** The `days` days ending today (UTC), today included. */
export const lastDays = (days: number, now = new Date()): DayRange => ({ from: addDays(dayOf(now), -(days - 1)), to: dayOf(now) });

/** The period of the same length just before `r`. */
export const previousRange = (r: DayRange): DayRange => ({ from: addDays(r.from, -rangeLength(r)), to: addDays(r.from, -1) });

export function daysOf(r: DayRange): string[] {
  const out: string[] = [];
  for (let d = r.from; d <= r.to; d = addDays(d, 1)) out.push(d);
  return out;
}

const d = analyticsDaily;
/** Engagement comes from post rows and followers from account and channel rows: nothing counts twice. */
const metricColumns = {
  views: sql<number>`coalesce(sum(${d.views}) filter (where ${d.scope} like 'post:%'), 0)::int`,
  likes: sql<number>`coalesce(sum(${d.likes}) filter (where ${d.scope} like 'post:%'), 0)::int`,
  comments: sql<number>`coalesce(sum(${d.comments}) filter (where ${d.scope} like 'post:%'), 0)::int`,
  shares: sql<number>`coalesce(sum(${d.shares}) filter (where ${d.scope} like 'post:%'), 0)::int`,
  followersGained: sql<number>`coalesce(sum(${d.followersGained}) filter (where ${d.scope} not like 'post:%'), 0)::int`,
};

function where(workspaceId: string, f: Omit<AnalyticsFilter, "range">, range: DayRange): SQL {
  return and(
    eq(d.workspaceId, workspaceId),
    between(d.day, range.from, range.to),
    f.platform ? eq(d.platform, f.platform) : undefined,
    f.characterId ? eq(d.characterId, f.characterId) : undefined,
  )!;
}

/**
 * The platforms the workspace publishes to: those with rows, connected accounts, and the channel
 * once it has a video. A platform filter names its one platform, whatever it has.
 */
export async function platformsInUse(db: DbOrTx, workspaceId: string, f: Pick<AnalyticsFilter, "platform" | "characterId"> = {}): Promise<PublishPlatform[]> {
  if (f.platform) return [f.platform];
  const character = f.characterId ? sql`and character_id = ${f.characterId}` : sql``;
  const rows = await db.execute<{ platform: PublishPlatform }>(sql`
    select distinct platform from ${analyticsDaily} where workspace_id = ${workspaceId} ${character}
    union select platform from ${socialAccounts} where workspace_id = ${workspaceId} and status = 'active'
    union select 'channel' where exists (select 1 from ${channelVideos} where workspace_id = ${workspaceId} ${character})`);
  return rows.rows.map((r) => r.platform).sort();
}

/**
 * One row per platform per day of the range, zero-filled so a chart is continuous, sorted by
 * date then platform: the content-workflow seed's Recharts-ready shape.
 */
export async function analyticsSeries(db: DbOrTx, workspaceId: string, f: AnalyticsFilter): Promise<SeriesRow[]> {
  const [platforms, rows] = await Promise.all([
    platformsInUse(db, workspaceId, f),
    db
      .select({ platform: d.platform, day: d.day, ...metricColumns })
      .from(d)
      .where(where(workspaceId, f, f.range))
      .groupBy(d.platform, d.day),
  ]);
  const byKey = new Map(rows.map((r) => [`${r.day}|${r.platform}`, r]));
  return daysOf(f.range).flatMap((date) =>
    platforms.map((platform) => {
      const r = byKey.get(`${date}|${platform}`);
      return { platform, date, ...ZERO, ...(r ? pick(r) : {}) };
    }),
  );
}

const pick = (r: Metrics): Metrics => ({ views: r.views, likes: r.likes, comments: r.comments, shares: r.shares, followersGained: r.followersGained });

export interface Delta {
  change: number;
  /** Percent change against the previous period; null when it had none (nothing to compare with). */
  percent: number | null;
}
export type Deltas = Record<keyof Metrics, Delta>;

export interface PeriodTotals {
  totals: Metrics;
  previous: Metrics;
  deltas: Deltas;
}

function deltasOf(now: Metrics, before: Metrics): Deltas {
  return Object.fromEntries(
    metricKeys.map((k) => [k, { change: now[k] - before[k], percent: before[k] ? Math.round(((now[k] - before[k]) / before[k]) * 1000) / 10 : null }]),
  ) as Deltas;
}

const add = (a: Metrics, b: Metrics): Metrics => Object.fromEntries(metricKeys.map((k) => [k, a[k] + b[k]])) as unknown as Metrics;

export interface TopPost extends Omit<Metrics, "followersGained"> {
  targetId: string;
  postId: string;
  title: string;
  platform: PublishPlatform;
  characterId: number;
  characterPublicId: string;
  characterName: string;
  publishedAt: Date | null;
  url: string | null;
}

export interface AnalyticsSummary extends PeriodTotals {
  range: DayRange;
  previousRange: DayRange;
  platforms: Array<PeriodTotals & { platform: PublishPlatform }>;
  topPosts: TopPost[];
}

/** Totals of the range and of the period of the same length before it, overall and per platform, with the top posts. */
export async function analyticsSummary(db: DbOrTx, workspaceId: string, f: AnalyticsFilter & { topPosts?: number }): Promise<AnalyticsSummary> {
  const prev = previousRange(f.range);
  const inRange = sql<boolean>`${d.day} >= ${f.range.from}`;
  const [platforms, rows, topPosts] = await Promise.all([
    platformsInUse(db, workspaceId, f),
    db
      .select({ platform: d.platform, current: inRange, ...metricColumns })
      .from(d)
      .where(where(workspaceId, f, { from: prev.from, to: f.range.to }))
      // By position: the same expression written twice would be two parameters Postgres cannot match.
      .groupBy(sql`1`, sql`2`),
    topPostsOf(db, workspaceId, f, f.topPosts ?? 10),
  ]);
  const per = platforms.map((platform) => {
    const now = rows.find((r) => r.platform === platform && r.current);
    const before = rows.find((r) => r.platform === platform && !r.current);
    const totals = now ? pick(now) : ZERO;
    const previous = before ? pick(before) : ZERO;
    return { platform, totals, previous, deltas: deltasOf(totals, previous) };
  });
  const totals = per.reduce((s, p) => add(s, p.totals), ZERO);
  const previous = per.reduce((s, p) => add(s, p.previous), ZERO);
  return { range: f.range, previousRange: prev, totals, previous, deltas: deltasOf(totals, previous), platforms: per, topPosts };
}

const postColumns = {
  targetId: postTargets.id,
  postId: posts.id,
  title: posts.title,
  platform: postTargets.platform,
  characterId: posts.characterId,
  characterPublicId: characters.publicId,
  characterName: characters.name,
  publishedAt: postTargets.publishedAt,
  url: postTargets.externalUrl,
};

/** The posts with the most views in the range (then likes), with their totals there. */
export async function topPostsOf(db: DbOrTx, workspaceId: string, f: AnalyticsFilter, limit = 10): Promise<TopPost[]> {
  const sums = {
    views: sql<number>`sum(${d.views})::int`,
    likes: sql<number>`sum(${d.likes})::int`,
    comments: sql<number>`sum(${d.comments})::int`,
    shares: sql<number>`sum(${d.shares})::int`,
  };
  return db
    .select({ ...postColumns, ...sums })
    .from(d)
    .innerJoin(postTargets, eq(postTargets.id, d.targetId))
    .innerJoin(posts, eq(posts.id, postTargets.postId))
    .innerJoin(characters, eq(characters.id, posts.characterId))
    .where(and(where(workspaceId, f, f.range), like(d.scope, "post:%"), eq(postTargets.workspaceId, workspaceId)))
    .groupBy(postTargets.id, posts.id, characters.id)
    .orderBy(desc(sums.views), desc(sums.likes), asc(posts.title))
    .limit(limit);
}

export interface PostAnalytics {
  post: Omit<TopPost, keyof Omit<Metrics, "followersGained">>;
  totals: Omit<Metrics, "followersGained">;
  series: Array<{ date: string } & Omit<Metrics, "followersGained">>;
}

/** One published post (a target) of the workspace: its daily numbers over the range, zero-filled; another workspace's is not found. */
export async function postAnalytics(db: DbOrTx, workspaceId: string, targetId: string, range: DayRange): Promise<PostAnalytics> {
  if (!isUuid(targetId)) throw notFound("Post");
  const [post] = await db
    .select(postColumns)
    .from(postTargets)
    .innerJoin(posts, eq(posts.id, postTargets.postId))
    .innerJoin(characters, eq(characters.id, posts.characterId))
    .where(and(eq(postTargets.id, targetId), eq(postTargets.workspaceId, workspaceId)));
  if (!post) throw notFound("Post");
  const rows = await db
    .select({ day: d.day, views: d.views, likes: d.likes, comments: d.comments, shares: d.shares })
    .from(d)
    .where(and(eq(d.workspaceId, workspaceId), inArray(d.scope, [`post:${targetId}`]), between(d.day, range.from, range.to)));
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const series = daysOf(range).map((date) => {
    const r = byDay.get(date);
    return { date, views: r?.views ?? 0, likes: r?.likes ?? 0, comments: r?.comments ?? 0, shares: r?.shares ?? 0 };
  });
  const totals = series.reduce(
    (s, r) => ({ views: s.views + r.views, likes: s.likes + r.likes, comments: s.comments + r.comments, shares: s.shares + r.shares }),
    {
      views: 0,
      likes: 0,
      comments: 0,
      shares: 0,
    },
  );
  return { post, totals, series };
}
