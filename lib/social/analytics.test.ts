import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getMedia } from "@/app/api/media/[mediaId]/route";
import { POST as exportRoute } from "@/app/api/v1/public/analytics/social/export/route";
import { GET as listRoute } from "@/app/api/v1/public/analytics/social/route";
import { GET as summaryRoute } from "@/app/api/v1/public/analytics/social/summary/route";
import { POST as syncRoute } from "@/app/api/v1/public/analytics/social/sync/route";
import { GET as getTaskRoute } from "@/app/api/v1/tasks/[taskId]/route";
import { getDb } from "@/db/client";
import { analyticsDaily, analyticsSnapshots, channelEvents, channelVideos, postTargets, posts, socialAccounts, type PublishPlatform } from "@/db/schema/social";
import { analyticsRowSchema, analyticsSummarySchema, analyticsTaskSchema } from "@/lib/api/ainative/responses";
import { apiClient, twinWithPhoto, type ApiClient } from "@/lib/api/ainative/test-client";
import { handleAnalyticsSyncDue } from "@/lib/jobs/handlers/analytics";
import { verifyMediaSignature } from "@/lib/storage/media";
import { getTask, latestTask, subjects } from "@/lib/tasks/service";
import { makeAccount, makeCharacter, makeFinishedVideo } from "@/lib/test/factories";
import { waitUntil } from "@/lib/test/wait";
import { useJobWorker } from "@/lib/test/worker";
import { addDays, dayOf, syncWorkspaceAnalytics } from "./analytics";
import { requestAnalyticsSync } from "./analytics-tasks";
import { PlatformError, type InsightsResult, type Metrics, type PlatformAdapter } from "./platforms/adapter";
import { CHANNEL_LIMITS } from "./platforms/channel";
import { overrideAdapter } from "./registry";
import { sealToken } from "./tokens";

// Auth.js's Next.js entry does not load outside Next.js; these routes take API keys, never the session.
vi.mock("@/lib/auth/auth", () => ({ auth: async () => null }));

useJobWorker();

type Account = { userId: string; workspaceId: string };
const today = dayOf(new Date());
const at = (day: string, hour = 12) => new Date(`${day}T${String(hour).padStart(2, "0")}:00:00Z`);
const D0 = today;
const D1 = addDays(today, -1);
const D2 = addDays(today, -2);

/** A published post on one platform, as the publishing engine leaves it (a channel video too, for the channel). */
async function publishedTarget(
  account: Account,
  characterId: number,
  videoId: string,
  opts: { platform: PublishPlatform; title: string; accountId?: string; externalId?: string; publishedAt?: Date },
) {
  const db = getDb();
  const [post] = await db
    .insert(posts)
    .values({ workspaceId: account.workspaceId, characterId, title: opts.title, videoId, scheduledAt: opts.publishedAt ?? new Date(), status: "published" })
    .returning();
  const [target] = await db
    .insert(postTargets)
    .values({
      workspaceId: account.workspaceId,
      postId: post.id,
      platform: opts.platform,
      accountId: opts.accountId ?? null,
      status: "published",
      commitState: "done",
      externalId: opts.externalId ?? null,
      externalUrl: `https://example.test/${opts.platform}/${post.id}`,
      publishedAt: opts.publishedAt ?? new Date(),
    })
    .returning();
  if (opts.platform !== "channel") return { post, target, channelVideoId: null };
  const [cv] = await db
    .insert(channelVideos)
    .values({ workspaceId: account.workspaceId, characterId, targetId: target.id, videoId, title: opts.title })
    .returning();
  return { post, target, channelVideoId: cv.id };
}

/** `n` distinct viewers' events of `kind` on `day`. */
async function events(channelVideoId: string, day: string, n: number, kind: "view" | "play" | "complete" = "view") {
  if (!n) return;
  await getDb()
    .insert(channelEvents)
    .values(Array.from({ length: n }, () => ({ channelVideoId, kind, day, viewerKey: `viewer-${randomUUID()}` })));
}

async function dailyRows(scope: string) {
  return getDb().select().from(analyticsDaily).where(eq(analyticsDaily.scope, scope)).orderBy(analyticsDaily.day);
}

/** A connected YouTube account whose access token is sealed as the OAuth callback leaves it. */
async function connectYoutube(account: Account, externalId = "UC-alex") {
  const [row] = await getDb()
    .insert(socialAccounts)
    .values({ workspaceId: account.workspaceId, platform: "youtube", externalId, handle: "Alex's channel" })
    .returning();
  await getDb()
    .update(socialAccounts)
    .set({ accessTokenSealed: sealToken("token-1", row.id), tokenExpiresAt: new Date(Date.now() + 3_600_000) })
    .where(eq(socialAccounts.id, row.id));
  return row;
}

/** A platform whose insights report what the test says: lifetime totals per post id and a follower count. */
function scriptedInsights() {
  const s = {
    followers: 0 as number | null,
    posts: {} as Record<string, Metrics>,
    calls: [] as Array<{ token: string; postIds: string[] }>,
    fail: null as PlatformError | null,
  };
  const adapter: PlatformAdapter = {
    platform: "youtube",
    limits: CHANNEL_LIMITS,
    oauth: null,
    start: async () => {},
    check: async () => ({ state: "ready" }),
    commit: async () => ({ state: "pending" }),
    reconcile: async () => ({ state: "absent" }),
    async insights({ account, postIds }): Promise<InsightsResult> {
      s.calls.push({ token: account.accessToken, postIds });
      if (s.fail) throw s.fail;
      return { followers: s.followers, posts: Object.fromEntries(postIds.filter((id) => s.posts[id]).map((id) => [id, s.posts[id]])) };
    },
  };
  return { s, adapter };
}

const metrics = (views: number, likes: number, comments: number, shares: number): Metrics => ({ views, likes, comments, shares });

describe("the sync", () => {
  let account: Account;
  let characterId: number;
  let videoId: string;
  beforeAll(async () => {
    account = await makeAccount();
    characterId = (await makeCharacter(account)).id;
    videoId = (await makeFinishedVideo(account)).id;
  });
  afterEach(() => overrideAdapter("youtube", null));

  it("counts the channel's viewers per day from its events: true daily numbers, per video and per character", async () => {
    const a = await publishedTarget(account, characterId, videoId, { platform: "channel", title: "Lisbon at dawn", publishedAt: at(D2, 8) });
    const b = await publishedTarget(account, characterId, videoId, { platform: "channel", title: "Porto by night", publishedAt: at(D1, 8) });
    await events(a.channelVideoId!, D2, 3);
    await events(a.channelVideoId!, D2, 2, "play"); // plays and completions are not views
    await events(a.channelVideoId!, D1, 1);
    await events(b.channelVideoId!, D1, 4);
    await events(b.channelVideoId!, D1, 4, "complete");
    const outcome = await syncWorkspaceAnalytics(getDb(), account.workspaceId, { now: at(D1, 18) });
    expect(outcome).toMatchObject({ day: D1, rows: 5, channelVideos: 2, accounts: 0, skipped: [] });

    const pick = (rows: Awaited<ReturnType<typeof dailyRows>>) =>
      rows.map((r) => [r.day, r.views, r.likes, r.comments, r.shares, r.followersGained, r.derived]);
    expect(pick(await dailyRows(`post:${a.target.id}`))).toEqual([
      [D2, 3, 0, 0, 0, 0, false],
      [D1, 1, 0, 0, 0, 0, false],
    ]);
    expect(pick(await dailyRows(`post:${b.target.id}`))).toEqual([[D1, 4, 0, 0, 0, 0, false]]);
    expect(pick(await dailyRows(`channel:${characterId}`))).toEqual([
      [D2, 3, 0, 0, 0, 0, false],
      [D1, 5, 0, 0, 0, 0, false],
    ]);
    const [row] = await dailyRows(`post:${a.target.id}`);
    expect(row).toMatchObject({ platform: "channel", characterId, targetId: a.target.id });

    // A later sync recounts (a viewer came back the same day: one more), and writes no duplicate.
    await events(a.channelVideoId!, D1, 2);
    await syncWorkspaceAnalytics(getDb(), account.workspaceId, { now: at(D1, 23) });
    expect(pick(await dailyRows(`post:${a.target.id}`)).map((r) => r[1])).toEqual([3, 3]);
    expect((await dailyRows(`channel:${characterId}`)).map((r) => r.views)).toEqual([3, 7]);
  });

  it("derives a platform's daily numbers from lifetime totals: deltas between daily snapshots, clamped at 0, followers gained", async () => {
    const { s, adapter } = scriptedInsights();
    overrideAdapter("youtube", adapter);
    const yt = await connectYoutube(account);
    const { target } = await publishedTarget(account, characterId, videoId, {
      platform: "youtube",
      title: "Ten seconds of Lisbon",
      accountId: yt.id,
      externalId: "yt-1",
      publishedAt: at(D2, 9),
    });
    const scope = `post:${target.id}`;
    const account_ = `account:${yt.id}`;

    // Day 1: the first snapshot. The post's whole total counts on its publish day; the followers came before: no row.
    s.posts["yt-1"] = metrics(100, 10, 2, 1);
    s.followers = 1000;
    await syncWorkspaceAnalytics(getDb(), account.workspaceId, { now: at(D2, 12) });
    expect(s.calls.at(-1)).toEqual({ token: "token-1", postIds: ["yt-1"] });
    // Day 2: twice; the last sync of the day wins.
    s.posts["yt-1"] = metrics(240, 14, 3, 1);
    s.followers = 1030;
    await syncWorkspaceAnalytics(getDb(), account.workspaceId, { now: at(D1, 6) });
    s.posts["yt-1"] = metrics(250, 15, 5, 2);
    s.followers = 1040;
    await syncWorkspaceAnalytics(getDb(), account.workspaceId, { now: at(D1, 18) });
    // Day 3: the platform corrected views and followers downward (spam removed): 0, never negative.
    s.posts["yt-1"] = metrics(230, 20, 5, 4);
    s.followers = 1035;
    await syncWorkspaceAnalytics(getDb(), account.workspaceId, { now: at(D0, 1) });

    const post = await dailyRows(scope);
    expect(post.map((r) => [r.day, r.views, r.likes, r.comments, r.shares, r.derived])).toEqual([
      [D2, 100, 10, 2, 1, true],
      [D1, 150, 5, 3, 1, true],
      [D0, 0, 5, 0, 2, true],
    ]);
    expect(post.every((r) => r.platform === "youtube" && r.characterId === characterId && r.followersGained === 0)).toBe(true);
    const acct = await dailyRows(account_);
    expect(acct.map((r) => [r.day, r.followersGained, r.views, r.derived])).toEqual([
      [D1, 40, 0, true],
      [D0, 0, 0, true],
    ]);
    const snaps = await getDb()
      .select()
      .from(analyticsSnapshots)
      .where(and(eq(analyticsSnapshots.workspaceId, account.workspaceId), eq(analyticsSnapshots.scope, scope)))
      .orderBy(analyticsSnapshots.day);
    expect(snaps.map((x) => [x.day, x.totals.views])).toEqual([
      [D2, 100],
      [D1, 250],
      [D0, 230],
    ]);

    // A refusing platform is skipped in words; the channel still syncs.
    s.fail = new PlatformError("auth", "the account's authorization was revoked: reconnect it");
    const outcome = await syncWorkspaceAnalytics(getDb(), account.workspaceId, { now: at(D0, 7) });
    expect(outcome.skipped).toEqual([{ accountId: yt.id, platform: "youtube", reason: "the account's authorization was revoked: reconnect it" }]);
    expect(outcome.rows).toBeGreaterThan(0);
    await getDb().update(socialAccounts).set({ status: "disconnected" }).where(eq(socialAccounts.id, yt.id));
  });
});

const OPEN = ["queued", "processing"];
const waitForTask = (client: ApiClient, taskId: string) =>
  waitUntil(
    `task ${taskId}`,
    () => client.call(getTaskRoute, `/api/v1/tasks/${taskId}`, { params: { taskId } }),
    (r) => !OPEN.includes(r.body.status as string),
    60_000,
  );

describe("the API (content-workflow dialect)", () => {
  afterAll(() => overrideAdapter("youtube", null));
  let client: ApiClient;
  let twin: { id: string; characterId: number };
  let other: { id: string; characterId: number };
  beforeAll(async () => {
    client = await apiClient();
    twin = await twinWithPhoto(client);
    other = await twinWithPhoto(client, { name: "Second Twin" });
    const video = await makeFinishedVideo(client.account);
    const a = await publishedTarget(client.account, twin.characterId, video.id, { platform: "channel", title: "Lisbon at dawn", publishedAt: at(D2, 8) });
    const b = await publishedTarget(client.account, other.characterId, video.id, { platform: "channel", title: "Porto by night", publishedAt: at(D1, 8) });
    await events(a.channelVideoId!, D2, 5);
    await events(a.channelVideoId!, D0, 2);
    await events(b.channelVideoId!, D1, 7);
    // An older view, in the period before a 3-day window: the summary compares with it.
    await events(a.channelVideoId!, addDays(today, -4), 4);
    const { s, adapter } = scriptedInsights();
    overrideAdapter("youtube", adapter);
    const yt = await connectYoutube(client.account, "UC-api");
    await publishedTarget(client.account, twin.characterId, video.id, {
      platform: "youtube",
      title: "Ten seconds",
      accountId: yt.id,
      externalId: "yt-9",
      publishedAt: at(D1, 9),
    });
    s.posts["yt-9"] = metrics(30, 6, 2, 1);
    s.followers = 50;
    // "Sync now" twice at once is one run.
    const [first, second] = await Promise.all([requestAnalyticsSync(client.account.workspaceId), requestAnalyticsSync(client.account.workspaceId)]);
    expect(second.task.id).toBe(first.task.id);
    expect([first.created, second.created].sort()).toEqual([false, true]);
    const done = await waitForTask(client, first.task.id);
    expect(done.body).toMatchObject({ status: "done", progress: 100, result: { day: today, accounts: 1, skipped: [] } });
  });

  const list = (query: string, key?: string | null) => client.call(listRoute, `/api/v1/public/analytics/social${query}`, { key });
  const summary = (query: string) => client.call(summaryRoute, `/api/v1/public/analytics/social/summary${query}`);

  it("lists the seed's rows: one per platform per day, zero-filled, sorted by date then platform", async () => {
    const res = await list("?days=3");
    expect(res.status).toBe(200);
    for (const row of res.body) analyticsRowSchema.strict().parse(row);
    expect(res.body.map((r) => [r.date, r.platform, r.views, r.likes, r.followers_gained])).toEqual([
      [D2, "channel", 5, 0, 0],
      [D2, "youtube", 0, 0, 0],
      [D1, "channel", 7, 0, 0],
      // Its first snapshot: the whole total on its publish day.
      [D1, "youtube", 30, 6, 0],
      [D0, "channel", 2, 0, 0],
      [D0, "youtube", 0, 0, 0],
    ]);
    expect((await list("")).body).toHaveLength(60);
  });

  it("filters by platform and twin", async () => {
    const channel = await list("?platform=channel&days=3");
    expect(channel.body.map((r) => [r.date, r.views])).toEqual([
      [D2, 5],
      [D1, 7],
      [D0, 2],
    ]);
    const tiktok = await list("?platform=tiktok&days=2");
    expect(tiktok.body).toEqual([
      { platform: "tiktok", date: D1, views: 0, likes: 0, comments: 0, shares: 0, followers_gained: 0 },
      { platform: "tiktok", date: D0, views: 0, likes: 0, comments: 0, shares: 0, followers_gained: 0 },
    ]);
    const second = await list(`?days=3&platform=all&twin_id=${other.id}`);
    expect(second.body.filter((r) => (r.views as number) > 0).map((r) => [r.date, r.platform, r.views])).toEqual([[D1, "channel", 7]]);
  });

  it("refuses a bad days, platform or twin_id with a 400 naming the field, and a call without a key with a 401", async () => {
    for (const [query, field] of [
      ["?days=0", "days"],
      ["?days=366", "days"],
      ["?days=abc", "days"],
      ["?days=1.5", "days"],
      ["?platform=myspace", "platform"],
      ["?twin_id=not-a-uuid", "twin_id"],
      ["?twin_id=645b5b56-f879-4f2f-8ccc-106e8912f522", "twin_id"],
    ]) {
      for (const res of [await list(query), await summary(query)]) {
        expect([res.status, res.body.field], query).toEqual([400, field]);
        expect(res.body.detail).toContain(field);
      }
    }
    const anonymous = await list("", null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.detail).toContain("X-API-Key");
  });

  it("sums up a period against the one before it, per platform, with the top posts", async () => {
    const res = await summary("?days=3");
    expect(res.status).toBe(200);
    const out = analyticsSummarySchema.parse(res.body);
    expect(out).toMatchObject({ days: 3, from: D2, to: D0, previous_from: addDays(today, -5), previous_to: addDays(today, -3) });
    expect(out.totals).toEqual({ views: 44, likes: 6, comments: 2, shares: 1, followers_gained: 0 });
    expect(out.previous_totals).toMatchObject({ views: 4 });
    expect(out.deltas.views).toEqual({ change: 40, percent: 1000 });
    expect(out.deltas.likes).toEqual({ change: 6, percent: null });
    expect(out.platforms.map((p) => [p.platform, p.totals.views])).toEqual([
      ["channel", 14],
      ["youtube", 30],
    ]);
    expect(out.top_posts.map((p) => [p.title, p.platform, p.views, p.twin_id])).toEqual([
      ["Ten seconds", "youtube", 30, twin.id],
      // A tie on views and likes: by title.
      ["Lisbon at dawn", "channel", 7, twin.id],
      ["Porto by night", "channel", 7, other.id],
    ]);
  });

  it("exports a CSV whose signed download link works for about an hour", async () => {
    const res = await client.call(exportRoute, "/api/v1/public/analytics/social/export", {
      method: "POST",
      body: { format: "csv", days: 3, platform: "channel" },
    });
    expect(res.status).toBe(202);
    expect(analyticsTaskSchema.parse(res.body)).toMatchObject({ status: "queued", progress: 0 });
    const done = await waitForTask(client, res.body.task_id as string);
    const result = done.body.result as Record<string, unknown>;
    expect(result).toMatchObject({ format: "csv", rows: 3, from: D2, to: D0, platform: "channel" });
    const url = new URL(result.download_url as string);
    expect(url.origin).toBe("http://studio.test");
    const [, , , mediaId] = url.pathname.split("/");
    const exp = Number(url.searchParams.get("exp"));
    const ttl = exp - Date.now() / 1000;
    // One hour, rounded up to the next 10 minutes (signed URLs are stable for a while).
    expect(ttl).toBeGreaterThan(3590);
    expect(ttl).toBeLessThanOrEqual(4200);
    expect(result.expires_at).toBe(new Date(exp * 1000).toISOString());

    const file = await getMedia(new Request(url), { params: Promise.resolve({ mediaId }) });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("text/csv");
    expect(file.headers.get("content-disposition")).toMatch(/^attachment; filename="cinetwin-[0-9a-f]{8}\.csv"$/);
    expect(await file.text()).toBe(
      ["platform,date,views,likes,comments,shares,followers_gained", `channel,${D2},5,0,0,0,0`, `channel,${D1},7,0,0,0,0`, `channel,${D0},2,0,0,0,0`, ""].join(
        "\n",
      ),
    );
    // Expired past `exp`, and a tampered signature is refused.
    const sig = url.searchParams.get("sig");
    vi.spyOn(Date, "now").mockReturnValue((exp - 1) * 1000);
    expect(verifyMediaSignature(mediaId, String(exp), sig)).toBe(true);
    vi.spyOn(Date, "now").mockReturnValue((exp + 1) * 1000);
    expect(verifyMediaSignature(mediaId, String(exp), sig)).toBe(false);
    vi.restoreAllMocks();
    url.searchParams.set("sig", `${sig!.slice(0, -2)}AA`);
    expect((await getMedia(new Request(url), { params: Promise.resolve({ mediaId }) })).status).toBe(404);

    for (const [body, field] of [
      [{ format: "xlsx" }, "format"],
      [{ days: 0 }, "days"],
      [{ platform: "myspace" }, "platform"],
      [{ twin_id: "645b5b56-f879-4f2f-8ccc-106e8912f522" }, "twin_id"],
    ] as const) {
      const bad = await client.call(exportRoute, "/api/v1/public/analytics/social/export", { method: "POST", body });
      expect([bad.status, bad.body.field], JSON.stringify(body)).toEqual([400, field]);
    }
  });

  it("syncs now through the API: one task at a time, polled to done", async () => {
    const res = await client.call(syncRoute, "/api/v1/public/analytics/social/sync", { method: "POST" });
    expect(res.status).toBe(202);
    const done = await waitForTask(client, res.body.task_id as string);
    expect(done.body).toMatchObject({ status: "done", result: { accounts: 1 } });
    expect((await client.call(syncRoute, "/api/v1/public/analytics/social/sync", { method: "POST", key: null })).status).toBe(401);
  });
});

describe("the every-6-hours cron", () => {
  it("queues one sync per workspace with channel videos or accounts and none for an empty one", async () => {
    const withVideos = await makeAccount();
    const character = await makeCharacter(withVideos);
    const video = await makeFinishedVideo(withVideos);
    await publishedTarget(withVideos, character.id, video.id, { platform: "channel", title: "Alone", publishedAt: at(D1) });
    const empty = await makeAccount();
    await handleAnalyticsSyncDue(getDb());
    const queued = await latestTask(getDb(), subjects.analyticsSync(withVideos.workspaceId));
    expect(queued).toMatchObject({ kind: "analytics-sync", workspaceId: withVideos.workspaceId });
    expect(await latestTask(getDb(), subjects.analyticsSync(empty.workspaceId))).toBeNull();
    const settled = await waitUntil(
      "the cron's sync",
      () => getTask(getDb(), { taskId: queued!.id, workspaceId: withVideos.workspaceId }),
      (t) => t?.status === "succeeded",
      60_000,
    );
    expect(settled?.result).toMatchObject({ channelVideos: 1, accounts: 0 });
  });
});
