import { and, desc, eq, isNotNull, lt, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { analyticsDaily, analyticsSnapshots, channelEvents, channelVideos, postTargets, posts, socialAccounts, type PublishPlatform } from "@/db/schema/social";
import { credentialsFor } from "./accounts";
import { addDays, dayOf } from "./analytics-days";
import { PlatformError, type Metrics } from "./platforms/adapter";
import { socialAdapter } from "./registry";

/**
 * The analytics sync: daily rows per scope in analytics_daily ("account:<id>", "post:<targetId>",
 * "channel:<characterId>"), upserted on (scope, day), so a sync run twice a day (or redelivered)
 * writes the same rows again.
 *
 * - The built-in channel counts its own viewers per day (channel_events): true daily numbers.
 * - A social platform reports lifetime totals (insights): each sync keeps the day's snapshot (the
 *   last sync of a day wins) and the day's row is that snapshot minus the one of the day before it
 *   (`derived`). Never negative: a platform that corrects its counts downward gives 0 that day.
 *   A post's first snapshot puts its whole total on its publish day, so the daily rows always add
 *   up to the platform's lifetime total (exact when the first sync comes the day it was published,
 *   the usual case with a sync every 6 hours; a spike on the publish day for an older post). An
 *   account's first snapshot makes no followers row: its followers came before Cinetwin knew it.
 *   A missed day's growth lands on the day of the next sync.
 *
 * Accounts carry followers (followers_gained); posts carry views, likes, comments and shares:
 * readers sum each from its own scopes, so nothing is counted twice.
 */

export type AnalyticsScope = `account:${string}` | `post:${string}` | `channel:${number}`;
export const scopes = {
  account: (id: string): AnalyticsScope => `account:${id}`,
  post: (targetId: string): AnalyticsScope => `post:${targetId}`,
  channel: (characterId: number): AnalyticsScope => `channel:${characterId}`,
};

export { addDays, dayOf };

/** How far back the channel's days are recounted on every sync (the API looks back at most 365 days). */
const CHANNEL_RECOUNT_DAYS = 366;

export interface SyncOptions {
  now?: Date;
  signal?: AbortSignal;
  /** Progress as a fraction 0..1, with the step in words. */
  report?: (fraction: number, step: string) => void;
}

export interface SyncOutcome {
  day: string;
  /** Daily rows written (upserted). */
  rows: number;
  channelVideos: number;
  accounts: number;
  /** Accounts whose platform refused or failed the insights call, in words; the others synced. */
  skipped: Array<{ accountId: string; platform: string; reason: string }>;
}

type DailyRow = typeof analyticsDaily.$inferInsert;
const ZERO = { views: 0, likes: 0, comments: 0, shares: 0, followersGained: 0 };

async function upsertDaily(db: DbOrTx, rows: DailyRow[]): Promise<number> {
  if (!rows.length) return 0;
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insert(analyticsDaily)
      .values(rows.slice(i, i + 500))
      .onConflictDoUpdate({
        target: [analyticsDaily.scope, analyticsDaily.day],
        set: {
          views: sql`excluded.views`,
          likes: sql`excluded.likes`,
          comments: sql`excluded.comments`,
          shares: sql`excluded.shares`,
          followersGained: sql`excluded.followers_gained`,
          derived: sql`excluded.derived`,
          characterId: sql`excluded.character_id`,
        },
      });
  }
  return rows.length;
}

/**
 * The channel's viewers per day (kind "view", one per viewer per day), per video ("post:<targetId>")
 * and per character ("channel:<characterId>").
 */
export async function syncChannel(db: DbOrTx, workspaceId: string, now: Date): Promise<{ rows: number; videos: number }> {
  const since = addDays(dayOf(now), -CHANNEL_RECOUNT_DAYS);
  const counts = await db
    .select({
      targetId: channelVideos.targetId,
      characterId: channelVideos.characterId,
      day: channelEvents.day,
      views: sql<number>`count(*)::int`,
    })
    .from(channelEvents)
    .innerJoin(channelVideos, eq(channelVideos.id, channelEvents.channelVideoId))
    .where(and(eq(channelVideos.workspaceId, workspaceId), eq(channelEvents.kind, "view"), sql`${channelEvents.day} >= ${since}`))
    .groupBy(channelVideos.targetId, channelVideos.characterId, channelEvents.day);
  const perCharacter = new Map<string, DailyRow>();
  const rows: DailyRow[] = counts.map((c) => {
    const key = `${c.characterId}|${c.day}`;
    const ch = perCharacter.get(key);
    if (ch) ch.views = (ch.views ?? 0) + c.views;
    else
      perCharacter.set(key, {
        workspaceId,
        scope: scopes.channel(c.characterId),
        platform: "channel",
        characterId: c.characterId,
        day: c.day,
        ...ZERO,
        views: c.views,
        derived: false,
      });
    return {
      workspaceId,
      scope: scopes.post(c.targetId),
      platform: "channel",
      characterId: c.characterId,
      targetId: c.targetId,
      day: c.day,
      ...ZERO,
      views: c.views,
      derived: false,
    };
  });
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(channelVideos)
    .where(eq(channelVideos.workspaceId, workspaceId));
  return { rows: await upsertDaily(db, [...rows, ...perCharacter.values()]), videos: n };
}

type Totals = { views: number; likes: number; comments: number; shares: number; followers: number | null };

/** Saves the day's snapshot and returns the latest one before that day (null on the first). */
async function snapshot(db: DbOrTx, workspaceId: string, scope: string, day: string, totals: Totals): Promise<Totals | null> {
  await db
    .insert(analyticsSnapshots)
    .values({ workspaceId, scope, day, totals })
    .onConflictDoUpdate({ target: [analyticsSnapshots.scope, analyticsSnapshots.day], set: { totals, takenAt: new Date() } });
  const [prev] = await db
    .select({ totals: analyticsSnapshots.totals })
    .from(analyticsSnapshots)
    .where(and(eq(analyticsSnapshots.workspaceId, workspaceId), eq(analyticsSnapshots.scope, scope), lt(analyticsSnapshots.day, day)))
    .orderBy(desc(analyticsSnapshots.day))
    .limit(1);
  return prev?.totals ?? null;
}

/** A lifetime count's growth since the previous snapshot, clamped at 0 (platforms correct downward). */
const growth = (now: number, before: number) => Math.max(0, Math.round(now) - Math.round(before));

/** The account's platform insights: the day's snapshots and the derived daily rows of the account and its published posts. */
async function syncAccount(db: Db, account: typeof socialAccounts.$inferSelect, day: string, signal?: AbortSignal): Promise<number> {
  const adapter = socialAdapter(account.platform);
  if (!adapter?.insights) return 0;
  const targets = await db
    .select({ id: postTargets.id, externalId: postTargets.externalId, publishedAt: postTargets.publishedAt, characterId: posts.characterId })
    .from(postTargets)
    .innerJoin(posts, eq(posts.id, postTargets.postId))
    .where(
      and(
        eq(postTargets.workspaceId, account.workspaceId),
        eq(postTargets.accountId, account.id),
        eq(postTargets.status, "published"),
        isNotNull(postTargets.externalId),
      ),
    );
  const insights = await adapter.insights({
    account: await credentialsFor(db, account.id, { signal }),
    postIds: targets.map((t) => t.externalId!),
    signal,
  });
  const rows: DailyRow[] = [];
  const base = { workspaceId: account.workspaceId, platform: account.platform as PublishPlatform, derived: true };
  if (insights.followers !== null) {
    const scope = scopes.account(account.id);
    const prev = await snapshot(db, account.workspaceId, scope, day, { views: 0, likes: 0, comments: 0, shares: 0, followers: insights.followers });
    if (prev?.followers != null) rows.push({ ...base, scope, day, ...ZERO, followersGained: growth(insights.followers, prev.followers) });
  }
  for (const t of targets) {
    const m: Metrics | undefined = insights.posts[t.externalId!];
    if (!m) continue;
    const scope = scopes.post(t.id);
    const prev = await snapshot(db, account.workspaceId, scope, day, { ...m, followers: null });
    const row = { ...base, scope, characterId: t.characterId, targetId: t.id, followersGained: 0 };
    if (prev) {
      rows.push({
        ...row,
        day,
        views: growth(m.views, prev.views),
        likes: growth(m.likes, prev.likes),
        comments: growth(m.comments, prev.comments),
        shares: growth(m.shares, prev.shares),
      });
    } else {
      // The first snapshot: its whole total on the publish day (see the module's comment).
      const first = t.publishedAt && dayOf(t.publishedAt) < day ? dayOf(t.publishedAt) : day;
      rows.push({ ...row, day: first, views: growth(m.views, 0), likes: growth(m.likes, 0), comments: growth(m.comments, 0), shares: growth(m.shares, 0) });
    }
  }
  return upsertDaily(db, rows);
}

/**
 * Syncs one workspace's analytics: its channel's daily viewers, then each active social account's
 * insights. An account whose platform fails (expired authorization, a refusal, an outage) is
 * skipped and named in the outcome; the others still sync.
 */
export async function syncWorkspaceAnalytics(db: Db, workspaceId: string, opts: SyncOptions = {}): Promise<SyncOutcome> {
  const now = opts.now ?? new Date();
  const day = dayOf(now);
  const report = opts.report ?? (() => {});
  report(0, "counting channel views");
  const channel = await syncChannel(db, workspaceId, now);
  const accounts = (
    await db
      .select()
      .from(socialAccounts)
      .where(and(eq(socialAccounts.workspaceId, workspaceId), eq(socialAccounts.status, "active")))
  ).filter((a) => !!socialAdapter(a.platform)?.insights);
  const outcome: SyncOutcome = { day, rows: channel.rows, channelVideos: channel.videos, accounts: accounts.length, skipped: [] };
  for (const [i, account] of accounts.entries()) {
    opts.signal?.throwIfAborted();
    report((i + 1) / (accounts.length + 1), `reading ${account.platform} insights (${account.handle})`);
    try {
      outcome.rows += await syncAccount(db, account, day, opts.signal);
    } catch (e) {
      if (!(e instanceof PlatformError)) throw e;
      outcome.skipped.push({ accountId: account.id, platform: account.platform, reason: e.message });
    }
  }
  report(1, "done");
  return outcome;
}

/** Workspaces with something to sync: a connected account or a video on the channel. */
export async function workspacesToSync(db: DbOrTx): Promise<string[]> {
  const rows = await db.execute<{ id: string }>(sql`
    select workspace_id as id from ${socialAccounts} where status = 'active'
    union
    select workspace_id as id from ${channelVideos}`);
  return rows.rows.map((r) => r.id);
}

/** Whether the workspace has anything analytics could show (rows, channel videos or connected accounts). */
export async function hasAnalyticsSources(db: DbOrTx, workspaceId: string): Promise<boolean> {
  const rows = await db.execute<{ any: boolean }>(sql`
    select exists (select 1 from ${analyticsDaily} where workspace_id = ${workspaceId})
        or exists (select 1 from ${channelVideos} where workspace_id = ${workspaceId})
        or exists (select 1 from ${socialAccounts} where workspace_id = ${workspaceId} and status = 'active') as any`);
  return !!rows.rows[0]?.any;
}
