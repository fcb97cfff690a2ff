import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PlatformError, type AccountCredentials, type CheckResult, type StepContext } from "./adapter";
import { startFakeLinkedIn, type FakeLinkedIn } from "./fakes/linkedin";
import { createLinkedInAdapter, LINKEDIN_LIMITS, linkedInConfigFromEnv, type LinkedInConfig, type LinkedInState } from "./linkedin";

const run = promisify(execFile);
const PART = 256 * 1024;
const REDIRECT = "https://studio.example/api/social/linkedin/callback";
const SRT = "1\n00:00:00,000 --> 00:00:02,000\nHello (world) #1\n";
const CAPTION = "Shipping today (finally) with @team_x — #launch #AI_video 100% [beta] <3 ~ a*b {x|y} \\o/";

let dir: string;
let mp4: string;
let mp4Bytes: Buffer;
let fake: FakeLinkedIn;
let config: LinkedInConfig;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "linkedin-"));
  mp4 = path.join(dir, "reel.mp4");
  await run("ffmpeg", [
    ...["-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=1080x1920:rate=30", "-f", "lavfi", "-i", "sine", "-t", "3"],
    ...["-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest", mp4],
  ]);
  mp4Bytes = await fs.readFile(mp4);
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  fake = await startFakeLinkedIn({ partBytes: PART });
  process.env.OUTBOUND_ALLOW_HOSTS = new URL(fake.url).host;
  config = { ...linkedInConfigFromEnv({ LINKEDIN_API_BASE_URL: fake.url, LINKEDIN_AUTH_BASE_URL: fake.url }), timeoutMs: 10_000, pollIntervalMs: 5 };
});

afterEach(async () => {
  await fake.close();
  delete process.env.OUTBOUND_ALLOW_HOSTS;
});

const client = () => ({ clientId: fake.clientId, clientSecret: fake.clientSecret });

/** A target as the engine keeps one: state in an object, save merging into it. */
function target(opts: { token?: string; externalId?: string; srt?: string | null } = {}) {
  const state: Partial<LinkedInState> = {};
  const account: AccountCredentials = { accessToken: opts.token ?? fake.issueToken(), externalId: opts.externalId ?? fake.member.urn, handle: "Ada Lovelace" };
  const ctx: StepContext<LinkedInState> = {
    account,
    media: {
      path: mp4,
      sizeBytes: mp4Bytes.length,
      durationSec: 3,
      width: 1080,
      height: 1920,
      videoCodec: "h264",
      audioCodec: "aac",
      publicUrl: "https://media.example/reel.mp4",
      srt: opts.srt === undefined ? SRT : opts.srt,
    },
    post: { title: "Launch day", caption: CAPTION, publishAt: null },
    get state() {
      return state;
    },
    async save(patch) {
      Object.assign(state, patch);
    },
    async note() {},
    signal: new AbortController().signal,
  };
  return { ctx, state, account };
}

/** Polls check as the engine would, without the engine's wait between polls. */
async function untilChecked(ctx: StepContext<LinkedInState>, adapter = createLinkedInAdapter(config)): Promise<{ result: CheckResult; pending: number }> {
  for (let pending = 0; pending < 10; pending++) {
    const result = await adapter.check(ctx);
    if (result.state !== "pending") return { result, pending };
    expect(result.retryAfterMs).toBe(5);
  }
  throw new Error("still processing after 10 polls");
}

async function failure(p: Promise<unknown>): Promise<PlatformError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(PlatformError);
  return e as PlatformError;
}

const partCount = () => Math.ceil(mp4Bytes.length / PART);

describe("LinkedIn adapter against the fake", () => {
  it("uploads in parts with sidecar captions, waits for processing, posts once and finds the post again", async () => {
    const adapter = createLinkedInAdapter(config);
    const { ctx, state } = target();
    fake.processingPolls = 2;

    await adapter.start(ctx);
    expect(partCount()).toBeGreaterThan(3);
    expect(state.parts).toHaveLength(partCount());
    expect(state.parts?.every((p) => p.etag)).toBe(true);
    expect(state.finalized).toBe(true);
    const video = fake.videos.get(state.video as string);
    expect(video?.owner).toBe(fake.member.urn);
    expect(fake.videoBytes(state.video as string)?.equals(mp4Bytes)).toBe(true);
    expect(video?.captions).toBe(SRT);

    expect(await untilChecked(ctx)).toEqual({ result: { state: "ready" }, pending: 2 });
    const committed = await adapter.commit(ctx);
    const post = fake.posts[0];
    expect(committed).toEqual({ state: "published", published: { postId: post.id, url: `https://www.linkedin.com/feed/update/${post.id}/` } });
    expect(post.id).toMatch(/^urn:li:share:\d+$/);
    expect(post.author).toBe(fake.member.urn);
    expect(post.commentary).toBe(
      "Shipping today \\(finally\\) with \\@team\\_x — {hashtag|\\#|launch} {hashtag|\\#|AI\\_video} 100% \\[beta\\] \\<3 \\~ a\\*b \\{x\\|y\\} \\\\o/",
    );
    expect(post.text).toBe(CAPTION);
    expect(post.media).toEqual({ id: state.video, title: "Launch day" });
    expect(post.visibility).toBe("PUBLIC");
    expect(post.distribution).toEqual({ feedDistribution: "MAIN_FEED", targetEntities: [], thirdPartyDistributionChannels: [] });
    expect(post.lifecycleState).toBe("PUBLISHED");
    expect(post.isReshareDisabledByAuthor).toBe(false);

    // Reconcile from the saved id, then by looking the post up as after a lost answer.
    expect(await adapter.reconcile(ctx)).toEqual(committed);
    delete state.postId;
    expect(await adapter.reconcile(ctx)).toEqual(committed);
    expect(state.postId).toBe(post.id);
    expect(fake.counters).toMatchObject({ publishes: 1, initializes: 1, finalizes: 1, partPuts: partCount() });
  });

  it("posts without captions when there are none (the upload asks for no captions URL)", async () => {
    const adapter = createLinkedInAdapter(config);
    const { ctx, state } = target({ srt: null });
    await adapter.start(ctx);
    expect(state.captionsUploadUrl).toBeNull();
    expect(fake.videos.get(state.video as string)?.wantsCaptions).toBe(false);
    expect(fake.counters.requests.uploadCaptions).toBeUndefined();
  });

  it("resumes an interrupted upload with the parts it lacks, in the same session", async () => {
    const adapter = createLinkedInAdapter(config);
    const { ctx, state } = target();
    fake.cutUpload(3, 100 * 1024);

    const e = await failure(adapter.start(ctx));
    expect(e.kind).toBe("transient");
    expect(state.parts?.map((p) => p.etag !== null).slice(0, 4)).toEqual([true, true, true, false]);
    expect(state.finalized).toBeFalsy();
    expect(fake.videoBytes(state.video as string)).toBeNull();

    const video = state.video;
    await adapter.start(ctx);
    expect(state.video).toBe(video);
    expect(fake.counters.initializes).toBe(1);
    // Every part once, and part 3 once more for the cut attempt: nothing before it was sent again.
    expect(fake.counters.requests.uploadPart).toBe(partCount() + 1);
    expect(fake.counters.partPuts).toBe(partCount());
    expect(fake.videoBytes(state.video as string)?.equals(mp4Bytes)).toBe(true);
    expect((await untilChecked(ctx)).result).toEqual({ state: "ready" });
    expect((await adapter.commit(ctx)).state).toBe("published");
    expect(fake.counters.publishes).toBe(1);
  });

  it("finishes an upload whose finalize went through without its answer", async () => {
    const adapter = createLinkedInAdapter(config);
    const { ctx, state } = target();
    await adapter.start(ctx);
    // As if the last attempt crashed after LinkedIn finalized but before `finalized` was saved.
    Object.assign(state, { finalized: false, finalizing: true });
    await adapter.start(ctx);
    expect(state.finalized).toBe(true);
    expect(fake.counters.finalizes).toBe(1);
  });

  it("reports a 429 as rate_limited with LinkedIn's Retry-After, and a 5xx as transient", async () => {
    const adapter = createLinkedInAdapter(config);
    const { ctx, state } = target();
    fake.failNext("initializeUpload", { status: 429, retryAfterSec: 7 });
    const limited = await failure(adapter.start(ctx));
    expect(limited.kind).toBe("rate_limited");
    expect(limited.retryAfterMs).toBe(7000);
    expect(limited.status).toBe(429);
    expect(state.video).toBeUndefined();

    await adapter.start(ctx);
    fake.failNext("getVideo", { status: 503, times: 2 });
    expect((await failure(adapter.check(ctx))).kind).toBe("transient");
    expect((await failure(adapter.check(ctx))).kind).toBe("transient");
    expect((await untilChecked(ctx)).result).toEqual({ state: "ready" });
    expect(fake.counters.initializes).toBe(1);
  });

  it("says auth for an expired token, refreshes it, and goes on with the new one", async () => {
    const adapter = createLinkedInAdapter(config);
    const oauth = adapter.oauth!;
    const tokens = await oauth.exchangeCode({ client: client(), code: fake.issueCode(REDIRECT), redirectUri: REDIRECT, codeVerifier: null });
    const { ctx, account } = target({ token: tokens.accessToken });
    await adapter.start(ctx);

    fake.expireToken(tokens.accessToken);
    const e = await failure(adapter.check(ctx));
    expect(e.kind).toBe("auth");
    expect(e.status).toBe(401);

    fake.refreshReturnsRefreshToken = false;
    const before = Date.now();
    const refreshed = await oauth.refresh({ client: client(), refreshToken: tokens.refreshToken as string });
    expect(refreshed.accessToken).not.toBe(tokens.accessToken);
    expect(refreshed.refreshToken).toBeNull();
    expect(refreshed.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + 5_184_000_000);
    expect(refreshed.scopes).toContain("w_member_social");

    account.accessToken = refreshed.accessToken;
    expect((await untilChecked(ctx)).result).toEqual({ state: "ready" });
    expect((await adapter.commit(ctx)).state).toBe("published");

    const refused = await failure(oauth.refresh({ client: client(), refreshToken: "AQXnot-a-refresh-token" }));
    expect(refused.kind).toBe("auth");
  });

  it("reconciles a publish whose answer timed out to the one post LinkedIn made", async () => {
    const adapter = createLinkedInAdapter(config);
    const { ctx, state } = target();
    expect(await adapter.reconcile(ctx)).toEqual({ state: "absent" });
    await adapter.start(ctx);
    expect((await untilChecked(ctx)).result).toEqual({ state: "ready" });
    expect(await adapter.reconcile(ctx)).toEqual({ state: "absent" });
    expect(fake.counters.requests.findPosts).toBe(1);

    fake.delayPublish(3_000);
    const impatient = createLinkedInAdapter({ ...config, timeoutMs: 300 });
    const e = await failure(impatient.commit(ctx));
    expect(e.kind).toBe("transient");
    expect(state.postId).toBeUndefined();
    expect(fake.counters.publishes).toBe(1);

    const post = fake.posts[0];
    expect(await adapter.reconcile(ctx)).toEqual({
      state: "published",
      published: { postId: post.id, url: `https://www.linkedin.com/feed/update/${post.id}/` },
    });
    expect(state.postId).toBe(post.id);
    expect(fake.counters.publishes).toBe(1);
  });

  it("reports a video LinkedIn could not process as failed", async () => {
    const adapter = createLinkedInAdapter(config);
    const { ctx, state } = target();
    await adapter.start(ctx);
    const video = fake.videos.get(state.video as string);
    if (video) video.status = "PROCESSING_FAILED";
    expect(await adapter.check(ctx)).toEqual({ state: "failed", reason: "LinkedIn could not process the video" });
  });

  it("builds the authorization URL and exchanges a code for tokens and the member's profile", async () => {
    const oauth = createLinkedInAdapter(config).oauth!;
    expect(oauth.pkce).toBe(false);
    const url = new URL(oauth.authorizeUrl({ client: client(), redirectUri: REDIRECT, state: "st4te-xyz", codeChallenge: null }));
    expect(`${url.origin}${url.pathname}`).toBe(`${fake.url}/oauth/v2/authorization`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: "code",
      client_id: fake.clientId,
      redirect_uri: REDIRECT,
      state: "st4te-xyz",
      scope: "openid profile w_member_social",
    });
    const real = createLinkedInAdapter(linkedInConfigFromEnv({ LINKEDIN_EXTRA_SCOPES: "r_member_postAnalytics, r_member_profileAnalytics" })).oauth!;
    const realUrl = new URL(real.authorizeUrl({ client: client(), redirectUri: REDIRECT, state: "s", codeChallenge: null }));
    expect(`${realUrl.origin}${realUrl.pathname}`).toBe("https://www.linkedin.com/oauth/v2/authorization");
    expect(realUrl.searchParams.get("scope")).toBe("openid profile w_member_social r_member_postAnalytics r_member_profileAnalytics");

    const before = Date.now();
    const code = fake.issueCode(REDIRECT, ["openid", "profile", "w_member_social"]);
    const tokens = await oauth.exchangeCode({ client: client(), code, redirectUri: REDIRECT, codeVerifier: null });
    expect(tokens.accessToken).toMatch(/^AQ/);
    expect(tokens.refreshToken).toMatch(/^AQX/);
    expect(tokens.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + 5_184_000_000);
    expect(tokens.refreshExpiresAt!.getTime()).toBeGreaterThanOrEqual(before + 31_536_000_000);
    expect(tokens.scopes).toEqual(["openid", "profile", "w_member_social"]);
    expect(await oauth.profile({ accessToken: tokens.accessToken })).toEqual({ externalId: fake.member.urn, handle: "Ada Lovelace" });

    // A code is good once, for the redirect URI it was issued to; a wrong secret is our configuration.
    expect((await failure(oauth.exchangeCode({ client: client(), code, redirectUri: REDIRECT, codeVerifier: null }))).kind).toBe("auth");
    const other = fake.issueCode(REDIRECT);
    expect((await failure(oauth.exchangeCode({ client: client(), code: other, redirectUri: `${REDIRECT}x`, codeVerifier: null }))).kind).toBe("auth");
    const wrong = { clientId: fake.clientId, clientSecret: "nope" };
    expect((await failure(oauth.exchangeCode({ client: wrong, code: other, redirectUri: REDIRECT, codeVerifier: null }))).kind).toBe("bad_request");
  });

  it("reads lifetime followers and post metrics of a member and of a page", async () => {
    const adapter = createLinkedInAdapter(config);
    const org = "urn:li:organization:2414183";
    const published: Record<string, string> = {};
    for (const externalId of [fake.member.urn, org]) {
      const { ctx } = target({ externalId });
      await adapter.start(ctx);
      await untilChecked(ctx, adapter);
      const committed = await adapter.commit(ctx);
      if (committed.state === "published") published[externalId] = committed.published.postId;
    }
    const [memberPost, orgPost] = fake.posts;
    expect(memberPost.author).toBe(fake.member.urn);
    expect(orgPost.author).toBe(org);
    memberPost.metrics = { impressions: 1500, reactions: 42, comments: 7, reshares: 3 };
    orgPost.metrics = { impressions: 880, reactions: 12, comments: 4, reshares: 2 };
    fake.followers = 321;
    fake.organizations.set(org, { followers: 9876 });

    const token = fake.issueToken();
    const member = await adapter.insights!({
      account: { accessToken: token, externalId: fake.member.urn, handle: "Ada" },
      postIds: [published[fake.member.urn]],
    });
    expect(member).toEqual({ followers: 321, posts: { [memberPost.id]: { views: 1500, likes: 42, comments: 7, shares: 3 } } });
    const page = await adapter.insights!({ account: { accessToken: token, externalId: org, handle: "Acme" }, postIds: [published[org]] });
    expect(page).toEqual({ followers: 9876, posts: { [orgPost.id]: { views: 880, likes: 12, comments: 4, shares: 2 } } });

    // Without the analytics scopes (an app with only "Share on LinkedIn"), LinkedIn refuses.
    const plain = fake.issueToken(["openid", "profile", "w_member_social"]);
    const refused = await failure(adapter.insights!({ account: { accessToken: plain, externalId: fake.member.urn, handle: "Ada" }, postIds: [] }));
    expect(refused.kind).toBe("bad_request");
    expect(refused.status).toBe(403);
  });

  it("states LinkedIn's limits and defaults to its real hosts", () => {
    expect(LINKEDIN_LIMITS).toMatchObject({ minDurationSec: 3, maxDurationSec: 1800, maxBytes: 500_000_000, maxCaptionChars: 3000, captions: "sidecar" });
    expect(LINKEDIN_LIMITS.minAspect).toBeCloseTo(1 / 2.4);
    expect(LINKEDIN_LIMITS.maxAspect).toBe(2.4);
    const real = linkedInConfigFromEnv({});
    expect(real).toMatchObject({ apiBaseUrl: "https://api.linkedin.com", authBaseUrl: "https://www.linkedin.com", extraScopes: [] });
    expect(real.apiVersion).toMatch(/^\d{6}$/);
    expect(linkedInConfigFromEnv({ LINKEDIN_API_BASE_URL: "http://127.0.0.1:9/", LINKEDIN_API_VERSION: "202601" })).toMatchObject({
      apiBaseUrl: "http://127.0.0.1:9",
      apiVersion: "202601",
    });
  });
});
