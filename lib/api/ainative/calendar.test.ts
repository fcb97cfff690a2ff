import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { analyticsDaily } from "@/db/schema/social";
import { DELETE as deleteItem, GET as getItem } from "@/app/api/v1/public/content/calendar/[itemId]/route";
import { GET as listItems, POST as schedule } from "@/app/api/v1/public/content/calendar/route";
import { GET as accounts } from "@/app/api/v1/public/social/accounts/route";
import { GET as callback } from "@/app/api/v1/public/social/callback/[platform]/route";
import { GET as connect } from "@/app/api/v1/public/social/connect/[platform]/route";
import { DELETE as disconnect } from "@/app/api/v1/public/social/disconnect/[platform]/route";
import { GET as publishJob } from "@/app/api/v1/public/social/publish/[jobId]/route";
import { POST as publish } from "@/app/api/v1/public/social/publish/route";
import { syncWorkspaceAnalytics } from "@/lib/social/analytics";
import { fakeYouTubeEnv, startFakeYouTube, type FakeYouTube } from "@/lib/social/platforms/fakes/youtube";
import { makeFinishedVideo } from "@/lib/test/factories";
import { waitUntil } from "@/lib/test/wait";
import { useJobWorker } from "@/lib/test/worker";
import { calendarItemSchema, publishJobSchema, socialAccountSchema, socialPublishStartedSchema } from "./responses";
import { apiClient, twinWithPhoto, type ApiClient } from "./test-client";

vi.mock("@/lib/auth/auth", () => ({ auth: async () => null }));

process.env.PUBLISH_POLL_MS = "50";
useJobWorker();

let client: ApiClient;
let twinId: string;
let video: { id: string; mediaId: string };
let yt: FakeYouTube;

beforeAll(async () => {
  client = await apiClient();
  twinId = (await twinWithPhoto(client)).id;
  video = await makeFinishedVideo(client.account);
  yt = await startFakeYouTube({ clientId: "yt-client", clientSecret: "yt-secret" });
  Object.assign(process.env, fakeYouTubeEnv(yt));
});

afterAll(async () => {
  for (const k of Object.keys(fakeYouTubeEnv(yt))) delete process.env[k];
  await yt.close();
});

const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString();

describe("the content calendar", () => {
  it("schedules, lists with filters, gets and deletes items in the seed's shape", async () => {
    const made = await client.call(schedule, "/api/v1/public/content/calendar", {
      method: "POST",
      body: {
        twin_id: twinId,
        title: "How AI is changing content creation",
        platform: "channel",
        scheduled_at: tomorrow(),
        script: "AI is transforming how creators work...",
        video_id: video.id,
      },
    });
    expect(made.status).toBe(201);
    const item = calendarItemSchema.parse(made.body);
    expect(item).toMatchObject({ title: "How AI is changing content creation", platform: "channel", status: "scheduled", twin_id: twinId, video_id: video.id });

    const list = (q: string) => client.call(listItems, `/api/v1/public/content/calendar${q}`);
    expect((await list("?platform=channel&status=scheduled")).body.map((i) => i.id)).toContain(item.id);
    expect((await list("?platform=instagram")).body.map((i) => i.id)).not.toContain(item.id);
    expect((await list("?status=published")).body.map((i) => i.id)).not.toContain(item.id);
    const day = item.scheduled_at.slice(0, 10);
    expect((await list(`?from_date=${day}&to_date=${day}T23:59:59Z`)).body.map((i) => i.id)).toContain(item.id);
    expect((await list("?to_date=2020-01-01")).body).toEqual([]);

    const one = await client.call(getItem, `/api/v1/public/content/calendar/${item.id}`, { params: { itemId: item.id } });
    expect(one.body).toEqual(made.body);
    expect((await client.call(deleteItem, `/`, { method: "DELETE", params: { itemId: item.id } })).status).toBe(204);
    expect((await client.call(getItem, `/`, { params: { itemId: item.id } })).status).toBe(404);
  });

  it("refuses a past time, an unknown twin or platform, and a video beyond the platform's limits with a 400 naming the field", async () => {
    const post = (body: Record<string, unknown>) =>
      client.call(schedule, "/api/v1/public/content/calendar", {
        method: "POST",
        body: { twin_id: twinId, title: "Launch", platform: "channel", scheduled_at: tomorrow(), video_id: video.id, ...body },
      });
    const past = await post({ scheduled_at: "2020-05-01T10:00:00Z" });
    expect(past).toMatchObject({ status: 400, body: { field: "scheduled_at" } });
    expect(past.body.detail).toBe("scheduled_at: the time is in the past: choose a time from now on");
    const unknownTwin = await post({ twin_id: "00000000-0000-4000-8000-000000000000" });
    expect(unknownTwin).toMatchObject({ status: 400, body: { field: "twin_id", detail: "twin_id: twin 00000000-0000-4000-8000-000000000000 not found" } });
    const unknownPlatform = await post({ platform: "myspace" });
    expect(unknownPlatform).toMatchObject({ status: 400, body: { field: "platform" } });
    expect(unknownPlatform.body.detail).toContain("platform must be one of instagram, tiktok, linkedin, youtube, channel");
    const wide = await makeFinishedVideo(client.account, { width: 640, height: 120, seconds: 1 });
    const tooWide = await post({ video_id: wide.id });
    expect(tooWide).toMatchObject({ status: 400, body: { field: "video_id" } });
    expect(tooWide.body.detail).toContain("this one is 640x120");
    const unconnected = await post({ platform: "tiktok" });
    expect(unconnected).toMatchObject({
      status: 400,
      body: { field: "platform", detail: "platform: no TikTok account is connected: connect one first, or publish to your channel" },
    });
    expect((await post({ scheduled_at: "tomorrow" })).body.field).toBe("scheduled_at");
  });
});

describe("social publishing", () => {
  it("publishes to the channel now, polled per platform", async () => {
    const started = await client.call(publish, "/api/v1/public/social/publish", {
      method: "POST",
      body: { platforms: ["channel"], reel_url: `media:${video.mediaId}`, caption: "Check out my latest video! #AIContent", twin_id: twinId },
    });
    expect(started.status).toBe(202);
    const { results } = socialPublishStartedSchema.parse(started.body);
    expect(results).toEqual([{ platform: "channel", task_id: expect.any(String), status: "queued" }]);
    const done = await waitUntil(
      "the channel publish",
      () => client.call(publishJob, "/", { params: { jobId: results[0].task_id } }),
      (r) => r.body.status === "done" || r.body.status === "error",
      60_000,
    );
    const job = publishJobSchema.parse(done.body);
    expect(job).toMatchObject({ status: "done", progress: 100, platform: "channel" });
    expect(job.result?.post_url).toMatch(/\/c\/tech-creator\/[0-9a-f-]{36}$/);
  });

  it("connects YouTube by OAuth (state checked, usable once), publishes exactly once, and disconnects", async () => {
    const begin = await client.call(connect, "/api/v1/public/social/connect/youtube?redirect_uri=https://app.example.com/connected", {
      params: { platform: "youtube" },
    });
    expect(begin.status).toBe(302);
    const authorize = new URL(begin.body.authorization_url as string);
    expect(authorize.origin).toBe(yt.url);
    const state = authorize.searchParams.get("state")!;
    const redirectUri = authorize.searchParams.get("redirect_uri")!;
    expect(redirectUri).toBe("http://studio.test/api/v1/public/social/callback/youtube");
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");

    // A forged state stores nothing.
    const code = yt.issueCode({ redirectUri, codeChallenge: authorize.searchParams.get("code_challenge")! });
    const forged = await client.call(callback, `/cb?code=${code}&state=forged-state`, { key: null, params: { platform: "youtube" } });
    expect(forged).toMatchObject({ status: 400, body: { field: "state" } });
    expect((await client.call(accounts, "/")).body).toEqual([]);

    const res = await callback(new Request(`http://studio.test/api/v1/public/social/callback/youtube?code=${code}&state=${state}`), {
      params: Promise.resolve({ platform: "youtube" }),
    });
    expect(res.status).toBe(302);
    const landed = new URL(res.headers.get("location")!);
    expect(landed.origin + landed.pathname).toBe("https://app.example.com/connected");
    expect(landed.searchParams.get("connected")).toBe("youtube");
    const replay = await client.call(callback, `/cb?code=${code}&state=${state}`, { key: null, params: { platform: "youtube" } });
    expect(replay).toMatchObject({ status: 400, body: { field: "state" } });

    const list = await client.call(accounts, "/");
    expect(list.body).toHaveLength(1);
    expect(socialAccountSchema.parse(list.body[0])).toMatchObject({ platform: "youtube", status: "active", handle: yt.channel.customUrl });

    const started = await client.call(publish, "/api/v1/public/social/publish", {
      method: "POST",
      body: { platforms: ["youtube", "channel"], reel_url: `media:${video.mediaId}`, caption: "Launch day\nWe shipped it. #launch", twin_id: twinId },
    });
    expect(started.status).toBe(202);
    const yTask = (started.body.results as Array<{ platform: string; task_id: string }>).find((r) => r.platform === "youtube")!;
    const done = await waitUntil(
      "the YouTube publish",
      () => client.call(publishJob, "/", { params: { jobId: yTask.task_id } }),
      (r) => r.body.status === "done" || r.body.status === "error",
      60_000,
    );
    expect(done.body).toMatchObject({ status: "done", result: { post_url: expect.stringMatching(/^https:\/\/www\.youtube\.com\/watch\?v=/) } });
    expect(yt.counters.publishes).toBe(1);
    const uploaded = [...yt.posts.values()][0];
    expect(uploaded.snippet.title).toBe("Launch day");
    expect(uploaded.captions.length).toBe(1);

    // Analytics reads the video's lifetime statistics from YouTube: the first sync counts them on the publish day,
    // a later day's sync the growth since, marked as derived.
    const [videoId] = [...yt.posts.keys()];
    yt.setStatistics(videoId, { viewCount: 120, likeCount: 9, commentCount: 2 });
    const today = new Date();
    await syncWorkspaceAnalytics(getDb(), client.account.workspaceId, { now: today });
    yt.setStatistics(videoId, { viewCount: 150, likeCount: 10, commentCount: 2 });
    const tomorrow = new Date(today.getTime() + 86_400_000);
    await syncWorkspaceAnalytics(getDb(), client.account.workspaceId, { now: tomorrow });
    const rows = await getDb()
      .select()
      .from(analyticsDaily)
      .where(and(eq(analyticsDaily.workspaceId, client.account.workspaceId), eq(analyticsDaily.platform, "youtube"), like(analyticsDaily.scope, "post:%")))
      .orderBy(analyticsDaily.day);
    expect(rows.map((r) => ({ day: r.day, views: r.views, likes: r.likes, derived: r.derived }))).toEqual([
      { day: today.toISOString().slice(0, 10), views: 120, likes: 9, derived: true },
      { day: tomorrow.toISOString().slice(0, 10), views: 30, likes: 1, derived: true },
    ]);

    expect((await client.call(disconnect, "/", { method: "DELETE", params: { platform: "youtube" } })).status).toBe(204);
    expect((await client.call(accounts, "/")).body).toEqual([]);
    expect((await client.call(disconnect, "/", { method: "DELETE", params: { platform: "youtube" } })).status).toBe(404);
  });
});
