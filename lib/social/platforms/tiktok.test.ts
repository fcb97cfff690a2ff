import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PlatformError, type AccountCredentials, type PlatformAdapter, type PublishMedia, type ReconcileResult, type StepContext } from "./adapter";
import { startFakeTikTok, type FakeTikTok } from "./fakes/tiktok";
import { chunkPlan, createTikTokAdapter, TIKTOK_LIMITS, tikTokConfigFromEnv, type TikTokConfig, type TikTokState } from "./tiktok";

const CHUNK = 256 * 1024;
const CLIENT = { clientId: "fake-client-key", clientSecret: "fake-client-secret" };
const REDIRECT = "https://studio.example/api/social/tiktok/callback";

let dir: string;
let bytes: Buffer;
let media: PublishMedia;
let fake: FakeTikTok;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "tiktok-test-"));
  const file = path.join(dir, "post.mp4");
  const lavfi = ["-f", "lavfi", "-i", "testsrc2=size=1080x1920:rate=30", "-f", "lavfi", "-i", "sine", "-t", "2"];
  await promisify(execFile)("ffmpeg", ["-v", "error", "-y", ...lavfi, "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest", file]);
  bytes = await fs.readFile(file);
  media = {
    path: file,
    sizeBytes: bytes.length,
    durationSec: 2,
    width: 1080,
    height: 1920,
    videoCodec: "h264",
    audioCodec: "aac",
    publicUrl: "https://media.example/post.mp4",
    srt: null,
  };
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  fake = await startFakeTikTok({ minChunkBytes: CHUNK });
  process.env.OUTBOUND_ALLOW_HOSTS = new URL(fake.url).host;
});

afterEach(async () => {
  delete process.env.OUTBOUND_ALLOW_HOSTS;
  await fake.close();
});

function adapterFor(overrides: Partial<TikTokConfig> = {}) {
  const config = { ...tikTokConfigFromEnv({ TIKTOK_API_BASE_URL: fake.url }), chunkBytes: CHUNK, timeoutMs: 5_000, pollIntervalMs: 1, ...overrides };
  return createTikTokAdapter(config);
}

const account = (accessToken = fake.accessToken): AccountCredentials => ({ accessToken, externalId: fake.user.openId, handle: `@${fake.user.username}` });

/** The engine's view of a target: state in an object that save merges into, and the timeline's notes. */
function makeCtx(opts: { accessToken?: string; onSave?: (patch: Partial<TikTokState>) => void } = {}) {
  const state: Partial<TikTokState> = {};
  const notes: string[] = [];
  const ctx: StepContext<TikTokState> = {
    account: account(opts.accessToken),
    media,
    post: { title: "Launch day", caption: "Behind the scenes of launch day #cinetwin #ai", publishAt: null },
    state,
    async save(patch) {
      Object.assign(state, patch);
      opts.onSave?.(patch);
    },
    async note(step, detail) {
      notes.push(`${step}: ${detail ?? ""}`);
    },
    signal: new AbortController().signal,
  };
  return { ctx, state, notes };
}

/** Reconciles as the engine would while TikTok processes; each pending answer would be a wait there. */
async function reconcileUntilSettled(adapter: PlatformAdapter<TikTokState>, ctx: StepContext<TikTokState>) {
  const pending: ReconcileResult[] = [];
  for (let i = 0; i < 10; i++) {
    const r = await adapter.reconcile(ctx);
    if (r.state !== "pending") return { result: r, pending };
    pending.push(r);
  }
  throw new Error("still pending after 10 reconciles");
}

async function publish(adapter: PlatformAdapter<TikTokState>, ctx: StepContext<TikTokState>) {
  await adapter.start(ctx);
  expect(await adapter.check(ctx)).toEqual({ state: "ready" });
  expect(await adapter.commit(ctx)).toEqual({ state: "pending" });
  return reconcileUntilSettled(adapter, ctx);
}

async function failure(p: Promise<unknown>): Promise<PlatformError> {
  const e: unknown = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof PlatformError)) throw new Error(`expected a PlatformError, got ${String(e)}`);
  return e;
}

const plan = () => chunkPlan(bytes.length, CHUNK);

/** An onSave that makes the fake cut the connection once, `afterBytes` into chunk `index`. */
function cutChunkOnce(index: number, afterBytes: number) {
  let armed = false;
  return (patch: Partial<TikTokState>) => {
    if (armed || patch.nextChunk !== index) return;
    armed = true;
    fake.cutNextChunk(afterBytes);
  };
}

describe("TikTok adapter against the fake", () => {
  it("posts once: chunks in order, the caption as title, the most public privacy level, then the post id and URL", async () => {
    fake.processingPolls = 2;
    const adapter = adapterFor();
    const { ctx, state, notes } = makeCtx();
    const { result, pending } = await publish(adapter, ctx);

    const post = fake.posts[0];
    expect(result).toEqual({ state: "published", published: { postId: post.postId, url: `https://www.tiktok.com/@cinetwin.creator/video/${post.postId}` } });
    expect(post.postId).toMatch(/^\d{19}$/);
    expect(pending).toEqual([
      { state: "pending", retryAfterMs: 1, detail: "PROCESSING_UPLOAD" },
      { state: "pending", retryAfterMs: 1, detail: "PROCESSING_UPLOAD" },
    ]);
    expect([fake.publishes, fake.posts.length, fake.calls.init, fake.calls.creator_info]).toEqual([1, 1, 1, 1]);
    expect(post.postInfo).toEqual({
      title: "Behind the scenes of launch day #cinetwin #ai",
      privacy_level: "PUBLIC_TO_EVERYONE",
      disable_comment: false,
      disable_duet: false,
      disable_stitch: false,
    });
    const { chunkCount } = plan();
    expect(chunkCount).toBeGreaterThan(3);
    expect(post.sourceInfo).toEqual({ video_size: bytes.length, chunk_size: CHUNK, total_chunk_count: chunkCount });
    expect(post.ranges).toHaveLength(chunkCount);
    expect(post.ranges[0]).toBe(`bytes 0-${CHUNK - 1}/${bytes.length}`);
    expect(post.ranges.at(-1)).toBe(`bytes ${(chunkCount - 1) * CHUNK}-${bytes.length - 1}/${bytes.length}`);
    expect(post.media.equals(bytes)).toBe(true);
    expect(state).toMatchObject({ publishId: post.publishId, nextChunk: chunkCount, chunkCount, chunkSize: CHUNK });
    expect(notes).toContain(`upload: chunk ${chunkCount} of ${chunkCount}`);
    // TikTok takes no sidecar captions and schedules nothing: captions are burned in, the engine waits for publishAt.
    expect(TIKTOK_LIMITS.captions).toBe("burned");
  });

  it("posts a private account's video to its followers, and refuses a video longer than the creator may post", async () => {
    await fake.close();
    fake = await startFakeTikTok({
      minChunkBytes: CHUNK,
      privacyLevelOptions: ["FOLLOWER_OF_CREATOR", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"],
      maxVideoPostDurationSec: 60,
    });
    process.env.OUTBOUND_ALLOW_HOSTS = new URL(fake.url).host;
    const adapter = adapterFor();
    const { ctx } = makeCtx();
    await adapter.start(ctx);
    expect(fake.posts[0].postInfo.privacy_level).toBe("FOLLOWER_OF_CREATOR");

    const long = makeCtx();
    long.ctx.media = { ...media, durationSec: 61 };
    const e = await failure(adapter.start(long.ctx));
    expect([e.kind, e.message]).toEqual(["bad_request", "TikTok: this account can post videos up to 60 s (max_video_post_duration_sec); the video is 61 s"]);
    expect(fake.calls.init).toBe(1);
  });

  it("resumes an upload cut mid-chunk from that chunk, in the same upload session", async () => {
    const adapter = adapterFor();
    // The connection drops in the middle of the third chunk.
    const { ctx, state } = makeCtx({ onSave: cutChunkOnce(2, 1000) });
    const e = await failure(adapter.start(ctx));
    expect(e.kind).toBe("transient");
    expect(state.nextChunk).toBe(2);
    expect(fake.posts[0].media.length).toBe(2 * CHUNK);

    const { result } = await publish(adapter, ctx);
    const post = fake.posts[0];
    expect(result).toMatchObject({ state: "published", published: { postId: post.postId } });
    expect([fake.calls.init, fake.posts.length, fake.publishes]).toEqual([1, 1, 1]);
    // Every range exactly once, the cut chunk taken on the second try: nothing restarted from byte 0.
    const { chunkCount } = plan();
    expect(post.ranges).toHaveLength(chunkCount);
    expect(new Set(post.ranges).size).toBe(chunkCount);
    expect(fake.calls.upload).toBe(chunkCount - 1 + 1);
    expect(post.media.equals(bytes)).toBe(true);
  });

  it("resumes where TikTok stands when the saved index is behind it (a chunk arrived, its answer did not)", async () => {
    const adapter = adapterFor();
    const { ctx, state } = makeCtx({ onSave: cutChunkOnce(3, 10) });
    await failure(adapter.start(ctx));
    state.nextChunk = 2;

    await adapter.start(ctx);
    expect(state.nextChunk).toBe(plan().chunkCount - 1);
    const { result } = await publish(adapter, ctx);
    expect(result.state).toBe("published");
    expect(fake.posts[0].media.equals(bytes)).toBe(true);
  });

  it("throws rate_limited with TikTok's Retry-After on a 429, and transient on a 500", async () => {
    const adapter = adapterFor();
    fake.failNext("init", { status: 429, retryAfterSec: 7 });
    const limited = await failure(adapter.start(makeCtx().ctx));
    expect([limited.kind, limited.retryAfterMs, limited.status]).toEqual(["rate_limited", 7000, 429]);

    fake.failNext("creator_info", { status: 500 });
    const down = await failure(adapter.start(makeCtx().ctx));
    expect([down.kind, down.status]).toEqual(["transient", 500]);
  });

  it("treats TikTok's daily post cap as a rate limit rather than a bad request", async () => {
    fake.failNext("init", { status: 403, code: "spam_risk_too_many_posts" });
    const e = await failure(adapterFor().start(makeCtx().ctx));
    expect([e.kind, e.retryAfterMs]).toEqual(["rate_limited", 60 * 60 * 1000]);
  });

  it("refuses an expired token as auth; a refresh gives a token that works (and no refresh token when TikTok sends none)", async () => {
    const adapter = adapterFor();
    fake.expireToken(fake.accessToken);
    const e = await failure(adapter.start(makeCtx().ctx));
    expect([e.kind, e.status]).toEqual(["auth", 401]);

    const before = Date.now();
    const rotated = await adapter.oauth!.refresh({ client: CLIENT, refreshToken: fake.refreshToken });
    expect(rotated.accessToken).not.toBe(fake.accessToken);
    expect(rotated.refreshToken).toMatch(/^rft\./);
    expect(rotated.refreshToken).not.toBe(fake.refreshToken);
    expect(rotated.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + 86_400_000);
    expect(rotated.refreshExpiresAt!.getTime()).toBeGreaterThanOrEqual(before + 31_536_000_000);
    expect(rotated.scopes).toContain("video.publish");

    fake.omitRefreshToken = true;
    const kept = await adapter.oauth!.refresh({ client: CLIENT, refreshToken: rotated.refreshToken! });
    expect(kept.refreshToken).toBeNull();

    const { ctx } = makeCtx({ accessToken: kept.accessToken });
    const { result } = await publish(adapter, ctx);
    expect(result.state).toBe("published");

    const refused = await failure(adapter.oauth!.refresh({ client: CLIENT, refreshToken: "rft.revoked" }));
    expect(refused.kind).toBe("auth");
  });

  it("reconciles a commit whose answer timed out to the one post TikTok made; before any commit the post is absent", async () => {
    const adapter = adapterFor({ timeoutMs: 400 });
    expect(await adapter.reconcile(makeCtx().ctx)).toEqual({ state: "absent" });

    const { ctx } = makeCtx();
    await adapter.start(ctx);
    expect(await adapter.reconcile(ctx)).toEqual({ state: "absent" });

    fake.delayPublish(3_000);
    const e = await failure(adapter.commit(ctx));
    expect(e.kind).toBe("transient");
    expect(fake.publishes).toBe(1);

    const { result } = await reconcileUntilSettled(adapter, ctx);
    expect(result).toEqual({
      state: "published",
      published: { postId: fake.posts[0].postId, url: `https://www.tiktok.com/@cinetwin.creator/video/${fake.posts[0].postId}` },
    });
    expect([fake.publishes, fake.calls.init, fake.calls.publish]).toEqual([1, 1, 1]);
  });

  it("reports a video TikTok failed with its fail_reason", async () => {
    fake.failNextPost("video_pull_failed");
    const { result } = await publish(adapterFor(), makeCtx().ctx);
    expect(result).toEqual({ state: "failed", reason: "TikTok refused the video: video_pull_failed" });
    expect(fake.publishes).toBe(0);
  });

  it("authorizes with state and PKCE, exchanges the code and reads the profile", async () => {
    const adapter = adapterFor();
    const oauth = adapter.oauth!;
    const verifier = "a-verifier-of-at-least-forty-three-characters-0123456789";
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    expect(oauth.pkce).toBe(true);

    const url = new URL(oauth.authorizeUrl({ client: CLIENT, redirectUri: REDIRECT, state: "st-42", codeChallenge: challenge }));
    expect(`${url.origin}${url.pathname}`).toBe("https://www.tiktok.com/v2/auth/authorize/");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_key: "fake-client-key",
      scope: "user.info.basic,user.info.profile,user.info.stats,video.publish,video.list",
      response_type: "code",
      redirect_uri: REDIRECT,
      state: "st-42",
      code_challenge: challenge,
      code_challenge_method: "S256",
    });

    const wrong = await failure(
      oauth.exchangeCode({
        client: CLIENT,
        code: fake.issueCode({ redirectUri: REDIRECT, codeChallenge: challenge }),
        redirectUri: REDIRECT,
        codeVerifier: "another",
      }),
    );
    expect([wrong.kind, wrong.message]).toEqual(["bad_request", "TikTok authorization: Code verifier or code challenge is invalid."]);

    const code = fake.issueCode({ redirectUri: REDIRECT, codeChallenge: challenge });
    const tokens = await oauth.exchangeCode({ client: CLIENT, code, redirectUri: REDIRECT, codeVerifier: verifier });
    expect(tokens.accessToken).toMatch(/^act\./);
    expect(tokens.refreshToken).toMatch(/^rft\./);
    expect(tokens.scopes).toEqual(["user.info.basic", "user.info.profile", "user.info.stats", "video.publish", "video.list"]);

    const again = await failure(oauth.exchangeCode({ client: CLIENT, code, redirectUri: REDIRECT, codeVerifier: verifier }));
    expect(again.kind).toBe("auth");

    expect(await oauth.profile({ accessToken: tokens.accessToken })).toEqual({ externalId: "open-id-1", handle: "@cinetwin.creator" });
  });

  it("reads lifetime metrics: the account's followers and each post's totals, 20 ids a request", async () => {
    const adapter = adapterFor();
    await publish(adapter, makeCtx().ctx);
    const post = fake.posts[0];
    post.stats = { views: 1500, likes: 120, comments: 9, shares: 4 };
    const others = Array.from({ length: 24 }, (_, i) => `7000000000000000${String(i).padStart(3, "0")}`);

    const insights = await adapter.insights!({ account: account(), postIds: [...others, post.postId!] });
    expect(insights).toEqual({ followers: 1234, posts: { [post.postId!]: { views: 1500, likes: 120, comments: 9, shares: 4 } } });
    expect(fake.calls.insights).toBe(2);
  });
});
