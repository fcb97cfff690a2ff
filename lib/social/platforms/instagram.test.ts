import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PlatformError, type StepContext } from "./adapter";
import { startFakeInstagram, type FakeInstagram } from "./fakes/instagram";
import { createInstagramAdapter, INSTAGRAM_LIMITS, instagramConfigFromEnv, type InstagramState } from "./instagram";
import { listenLocal } from "@/lib/test/local-server";

/** Ordinary calls get a generous deadline (a loaded machine is slow, not broken); a test of a timeout passes SHORT_TIMEOUT_MS. */
const TIMEOUT_MS = 15_000;
const SHORT_TIMEOUT_MS = 1_500;
const POLL_MS = 7;
const client = { clientId: "990602627938098", clientSecret: "fake-instagram-secret" };

let dir: string;
let video: { path: string; bytes: Buffer; sha256: string };
let media: Awaited<ReturnType<typeof mediaServer>>;
let fake: FakeInstagram;

function run(bin: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(bin, args, { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    p.stderr.on("data", (d: Buffer) => (err += d.toString()));
    p.on("error", reject);
    p.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${bin} exited ${code}: ${err.slice(-500)}`))));
  });
}

/** Serves the test MP4 where Instagram fetches it from (video_url); `cutNext` ends the next answer halfway. */
async function mediaServer(bytes: Buffer) {
  const state = { cutNext: false, gets: 0 };
  const server = await listenLocal((req, res) => {
    if (req.url !== "/reel.mp4") return void res.writeHead(404).end();
    state.gets++;
    res.writeHead(200, { "Content-Type": "video/mp4", "Content-Length": String(bytes.length) });
    if (!state.cutNext) return void res.end(bytes);
    state.cutNext = false;
    res.write(bytes.subarray(0, bytes.length >> 1), () => res.destroy());
  });
  return { state, url: `${server.url}/reel.mp4`, close: server.close };
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "instagram-"));
  const out = path.join(dir, "reel.mp4");
  // prettier-ignore
  await run("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=1080x1920:rate=30", "-f", "lavfi", "-i", "sine", "-t", "3",
    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", "-movflags", "+faststart", out]);
  const bytes = await fs.readFile(out);
  video = { path: out, bytes, sha256: createHash("sha256").update(bytes).digest("hex") };
  media = await mediaServer(bytes);
});

afterAll(async () => {
  await media.close();
  await fs.rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  fake = await startFakeInstagram({ clientId: client.clientId, clientSecret: client.clientSecret });
  process.env.OUTBOUND_ALLOW_HOSTS = new URL(fake.url).host;
});

afterEach(async () => {
  delete process.env.OUTBOUND_ALLOW_HOSTS;
  await fake.close();
});

function adapter(timeoutMs = TIMEOUT_MS) {
  const config = instagramConfigFromEnv({ INSTAGRAM_API_BASE_URL: fake.url, INSTAGRAM_AUTH_BASE_URL: `${fake.url}/` });
  return createInstagramAdapter({ ...config, timeoutMs, pollIntervalMs: POLL_MS });
}

const CAPTION = "Three seconds of test pattern #cinetwin #reels";

/** The engine's view of one target: state kept in an object, `save` merging into it. */
function target(opts: { token?: string; caption?: string } = {}) {
  const state: Partial<InstagramState> = {};
  const notes: string[] = [];
  const ctx: StepContext<InstagramState> = {
    account: { accessToken: opts.token ?? fake.issueToken(), externalId: fake.account.id, handle: `@${fake.account.username}` },
    media: {
      path: video.path,
      sizeBytes: video.bytes.length,
      durationSec: 3,
      width: 1080,
      height: 1920,
      videoCodec: "h264",
      audioCodec: "aac",
      publicUrl: media.url,
      srt: null,
    },
    post: { title: "Test pattern", caption: opts.caption ?? CAPTION, publishAt: null },
    state,
    save: async (patch) => void Object.assign(state, patch),
    note: async (step, detail) => void notes.push(`${step}: ${detail ?? ""}`),
    signal: new AbortController().signal,
  };
  return { ctx, state, notes };
}

/** Polls check as the engine would (its waits are the engine's, so none here); returns how many polls were pending. */
async function untilReady(ctx: StepContext<InstagramState>): Promise<number> {
  for (let pending = 0; pending < 20; pending++) {
    const r = await adapter().check(ctx);
    if (r.state === "ready") return pending;
    if (r.state === "failed") throw new Error(`check failed: ${r.reason}`);
    expect(r.retryAfterMs).toBe(POLL_MS);
  }
  throw new Error("never ready");
}

async function publishOnce() {
  const t = target();
  await adapter().start(t.ctx);
  await untilReady(t.ctx);
  const result = await adapter().commit(t.ctx);
  if (result.state !== "published") throw new Error("commit did not publish");
  return { ...t, published: result.published };
}

async function rejection(p: Promise<unknown>): Promise<PlatformError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(PlatformError);
  return e as PlatformError;
}

describe("Instagram adapter against the fake", () => {
  it("publishes a Reel once: container from video_url, processing polls, media_publish, permalink", async () => {
    fake.processingPolls = 2;
    const { ctx, state, notes } = target();
    const ig = adapter();

    await ig.start(ctx);
    expect(state.containerId).toBe([...fake.containers.keys()][0]);
    expect(await untilReady(ctx)).toBe(2);
    const result = await ig.commit(ctx);

    const post = fake.posts[0];
    expect(result).toEqual({ state: "published", published: { postId: post.id, url: post.permalink } });
    expect(post.permalink).toMatch(/^https:\/\/www\.instagram\.com\/reel\//);
    expect(await ig.reconcile(ctx)).toEqual(result);
    expect(fake.counters.publishes).toBe(1);
    expect(fake.counters.containers).toBe(1);
    expect(notes.some((n) => n.includes("fetching"))).toBe(true);

    // The documented fields, and the file Instagram fetched is ours byte for byte.
    const create = fake.requests.find((r) => r.endpoint === "create");
    expect(create?.params).toEqual({ media_type: "REELS", video_url: media.url, caption: CAPTION, share_to_feed: "true" });
    expect(create?.authorization).toMatch(/^Bearer IGL/);
    expect(create?.path).toBe(`/v26.0/${fake.account.id}/media`);
    expect(fake.requests.find((r) => r.endpoint === "publish")?.params).toEqual({ creation_id: state.containerId });
    expect(fake.requests.find((r) => r.endpoint === "limit")?.params).toEqual({ fields: "quota_usage,config" });
    expect(post.caption).toBe(CAPTION);
    expect(post.shareToFeed).toBe(true);
    expect(post.video).toEqual({ bytes: video.bytes.length, sha256: video.sha256 });
    expect(INSTAGRAM_LIMITS.captions).toBe("burned");
  });

  it("resumes after the container creation's connection is cut, without a second container", async () => {
    const { ctx, state } = target();
    const ig = adapter();
    fake.cutNext("create");
    const e = await rejection(ig.start(ctx));
    expect(e.kind).toBe("transient");
    expect(state.containerId).toBeUndefined();
    expect(fake.counters.containers).toBe(0);

    await ig.start(ctx);
    const first = state.containerId;
    await ig.start(ctx); // a redelivered start keeps the live container
    expect(state.containerId).toBe(first);
    expect(fake.counters.containers).toBe(1);

    await untilReady(ctx);
    await ig.commit(ctx);
    expect(fake.counters.publishes).toBe(1);
    expect(fake.posts[0].video).toEqual({ bytes: video.bytes.length, sha256: video.sha256 });
  });

  it("replaces a container whose fetch of the video was cut off (ERROR), and only that one", async () => {
    const { ctx, state } = target();
    const ig = adapter();
    media.state.cutNext = true;
    await ig.start(ctx);
    const broken = state.containerId;
    const failed = await ig.check(ctx);
    expect(failed.state).toBe("failed");
    expect(failed.state === "failed" && failed.reason).toMatch(/could not process the video.*download broke off/);

    await ig.start(ctx);
    expect(state.containerId).not.toBe(broken);
    expect(fake.counters.containers).toBe(2);
    await untilReady(ctx);
    await ig.commit(ctx);
    expect(fake.counters.publishes).toBe(1);
    expect(fake.posts[0]).toMatchObject({ containerId: state.containerId, video: { bytes: video.bytes.length, sha256: video.sha256 } });
  });

  it("reports a 429 as rate_limited with Retry-After, and Graph's throttling codes at HTTP 400 too", async () => {
    const { ctx } = target();
    const ig = adapter();
    await ig.start(ctx);
    fake.failNext("status", 1, { status: 429, retryAfterSec: 7 });
    const e = await rejection(ig.check(ctx));
    expect(e.kind).toBe("rate_limited");
    expect(e.retryAfterMs).toBe(7_000);

    fake.failNext("status", 1, { status: 400, code: 613, message: "Calls to this api have exceeded the rate limit." });
    const throttled = await rejection(ig.check(ctx));
    expect(throttled.kind).toBe("rate_limited");
    expect(throttled.status).toBe(400);

    fake.failNext("status", 1, { status: 500 });
    expect((await rejection(ig.check(ctx))).kind).toBe("transient");
    expect((await ig.check(ctx)).state).toBe("ready");
  });

  it("refuses an expired token as auth; the refreshed token works", async () => {
    const token = fake.issueToken();
    fake.expireToken(token);
    const { ctx } = target({ token });
    const ig = adapter();
    const e = await rejection(ig.start(ctx));
    expect(e.kind).toBe("auth");
    expect(e.status).toBe(401);
    expect(fake.counters.containers).toBe(0);

    const before = Date.now();
    const tokens = await ig.oauth!.refresh({ client, refreshToken: token });
    expect(tokens.accessToken).not.toBe(token);
    // Instagram refreshes the access token itself: it is its own refresh token, valid while it is.
    expect(tokens.refreshToken).toBe(tokens.accessToken);
    expect(tokens.expiresAt!.getTime() - before).toBeGreaterThanOrEqual(60 * 24 * 3600 * 1000 - 1000);
    expect(tokens.refreshExpiresAt).toEqual(tokens.expiresAt);
    const refresh = fake.requests.find((r) => r.endpoint === "refresh");
    expect(refresh?.params).toEqual({ grant_type: "ig_refresh_token", access_token: token });

    ctx.account.accessToken = tokens.accessToken;
    await ig.start(ctx);
    expect(fake.counters.containers).toBe(1);

    // An unknown token is refused with code 190 at HTTP 400: still auth.
    const bogus = target({ token: "IGLnot-a-token" });
    expect((await rejection(ig.start(bogus.ctx))).kind).toBe("auth");
  });

  it("publishes exactly once when the publish answers after the timeout; reconcile finds the post", async () => {
    const { ctx, state } = target();
    const ig = adapter();
    expect(await ig.reconcile(ctx)).toEqual({ state: "absent" });
    await ig.start(ctx);
    await untilReady(ctx);
    expect(await ig.reconcile(ctx)).toEqual({ state: "absent" });

    fake.delayNext("publish", SHORT_TIMEOUT_MS * 4);
    const e = await rejection(adapter(SHORT_TIMEOUT_MS).commit(ctx));
    expect(e.kind).toBe("transient");
    expect(state.mediaId).toBeUndefined();
    expect(fake.counters.publishes).toBe(1);

    const found = await ig.reconcile(ctx);
    const post = fake.posts[0];
    expect(found).toEqual({ state: "published", published: { postId: post.id, url: post.permalink } });
    expect(fake.requests.filter((r) => r.endpoint === "publish")).toHaveLength(1);
    expect(fake.counters.publishes).toBe(1);
  });

  it("tells a post that is another one's from ours by caption when reconciling", async () => {
    const other = await publishOnce();
    // A minute older: inside the five minutes reconcile allows for clock skew, so only the caption tells them apart.
    fake.posts[0].timestamp = new Date(Date.now() - 60_000);
    const { ctx } = target({ caption: "Our own caption" });
    const ig = adapter();
    await ig.start(ctx);
    await untilReady(ctx);
    fake.delayNext("publish", SHORT_TIMEOUT_MS * 4);
    await rejection(adapter(SHORT_TIMEOUT_MS).commit(ctx));
    const found = await ig.reconcile(ctx);
    expect(found.state === "published" && found.published.postId).toBe(fake.posts[1].id);
    expect(found.state === "published" && found.published.postId).not.toBe(other.published.postId);
  });

  it("waits for the daily publishing quota instead of publishing past it", async () => {
    const first = await publishOnce();
    fake.quotaTotal = 1;
    const { ctx } = target({ caption: "The second of the day" });
    const ig = adapter();
    await ig.start(ctx);
    await untilReady(ctx);
    const e = await rejection(ig.commit(ctx));
    expect(e.kind).toBe("rate_limited");
    expect(e.message).toMatch(/1 posts a day/);
    // The window frees 24 h after the first post.
    const frees = new Date(fake.posts[0].timestamp.getTime() + 24 * 3600 * 1000).getTime() - Date.now();
    expect(Math.abs(e.retryAfterMs! - frees)).toBeLessThan(5_000);
    expect(fake.counters.publishes).toBe(1);
    expect(first.published.postId).toBe(fake.posts[0].id);
  });

  it("refuses a caption over 30 hashtags before creating anything", async () => {
    const tags = Array.from({ length: 31 }, (_, i) => `#tag${i}`).join(" ");
    const e = await rejection(adapter().start(target({ caption: tags }).ctx));
    expect(e.kind).toBe("bad_request");
    expect(fake.counters.containers).toBe(0);
  });

  it("signs in with Business Login: authorize URL, code exchange for a long-lived token, profile", async () => {
    const ig = adapter();
    const redirectUri = "https://studio.example.com/api/social/instagram/callback";
    const url = new URL(ig.oauth!.authorizeUrl({ client, redirectUri, state: "st4te", codeChallenge: null }));
    expect(`${url.origin}${url.pathname}`).toBe("https://www.instagram.com/oauth/authorize");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: client.clientId,
      redirect_uri: redirectUri,
      response_type: "code",
      scope: "instagram_business_basic,instagram_business_content_publish,instagram_business_manage_insights",
      state: "st4te",
    });
    expect(ig.oauth!.pkce).toBe(false);

    const code = fake.authorize({ redirectUri, scopes: ig.oauth!.scopes });
    const wrong = await rejection(ig.oauth!.exchangeCode({ client, code, redirectUri: "https://elsewhere.example.com/cb", codeVerifier: null }));
    expect(wrong.kind).toBe("bad_request");
    expect(wrong.message).toMatch(/redirect_uri/);

    const before = Date.now();
    const tokens = await ig.oauth!.exchangeCode({ client, code, redirectUri, codeVerifier: null });
    expect(tokens.accessToken).toMatch(/^IGL/); // the long-lived one, not the hour-long code token
    expect(tokens.refreshToken).toBe(tokens.accessToken);
    expect(tokens.scopes).toEqual([...ig.oauth!.scopes]);
    expect(tokens.expiresAt!.getTime() - before).toBeGreaterThanOrEqual(60 * 24 * 3600 * 1000 - 1000);
    const exchange = fake.requests.filter((r) => r.endpoint === "token").at(-1);
    expect(exchange?.params).toEqual({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      grant_type: "authorization_code",
      redirect_uri: redirectUri,
      code,
    });

    const profile = await ig.oauth!.profile({ accessToken: tokens.accessToken });
    expect(profile).toEqual({ externalId: fake.account.id, handle: "@cinetwin_test" });
  });

  it("reads lifetime insights: the account's followers and each post's views, likes, comments, shares", async () => {
    const { ctx, published } = await publishOnce();
    fake.posts[0].metrics = { views: 1520, reach: 990, likes: 87, comments: 9, shares: 4, saved: 2 };
    const result = await adapter().insights!({ account: ctx.account, postIds: [published.postId] });
    expect(result).toEqual({ followers: 1234, posts: { [published.postId]: { views: 1520, likes: 87, comments: 9, shares: 4 } } });
    expect(fake.requests.find((r) => r.endpoint === "insights")?.params).toEqual({ metric: "views,likes,comments,shares" });

    // A token without the insights permission is refused (code 10): bad_request, not a retry.
    const narrow = fake.issueToken(["instagram_business_basic", "instagram_business_content_publish"]);
    const e = await rejection(adapter().insights!({ account: { ...ctx.account, accessToken: narrow }, postIds: [published.postId] }));
    expect(e.kind).toBe("bad_request");
  });
});
