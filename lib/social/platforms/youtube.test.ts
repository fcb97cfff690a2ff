import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PlatformError, type PlatformAdapter, type StepContext } from "./adapter";
import { startFakeYouTube, type FakeYouTube } from "./fakes/youtube";
import { createYouTubeAdapter, youTubeConfigFromEnv, type YouTubeConfig, type YouTubeState } from "./youtube";

const CHUNK = 512 * 1024;
const SRT = "1\n00:00:00,000 --> 00:00:01,500\nHello from Cinetwin\n";
const app = { clientId: "fake-client-id", clientSecret: "fake-client-secret" };

let dir: string;
let mp4: string;
let mp4Bytes: Buffer;
let fake: FakeYouTube;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "youtube-"));
  mp4 = path.join(dir, "clip.mp4");
  const lavfi = ["-f", "lavfi", "-i", "testsrc2=size=1080x1920:rate=30", "-f", "lavfi", "-i", "sine", "-t", "2"];
  await promisify(execFile)("ffmpeg", ["-v", "error", "-y", ...lavfi, "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest", mp4]);
  mp4Bytes = await fs.readFile(mp4);
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  fake = await startFakeYouTube();
  process.env.OUTBOUND_ALLOW_HOSTS = new URL(fake.url).host;
});
afterEach(async () => {
  delete process.env.OUTBOUND_ALLOW_HOSTS;
  await fake.close();
});

function adapterFor(overrides: Partial<YouTubeConfig> = {}): PlatformAdapter<YouTubeState> {
  const env = { YOUTUBE_API_BASE_URL: fake.url, YOUTUBE_UPLOAD_BASE_URL: fake.url, YOUTUBE_AUTH_BASE_URL: fake.url };
  return createYouTubeAdapter({ ...youTubeConfigFromEnv(env), timeoutMs: 10_000, chunkBytes: CHUNK, ...overrides });
}

/** What the engine hands each step: state kept in an object that `save` merges into. */
function makeCtx(opts: { publishAt?: Date | null; srt?: string | null; token?: string } = {}) {
  const state: Partial<YouTubeState> = {};
  const notes: string[] = [];
  const ctx: StepContext<YouTubeState> = {
    account: { accessToken: opts.token ?? fake.accessToken, externalId: fake.channel.id, handle: fake.channel.customUrl },
    media: {
      path: mp4,
      sizeBytes: mp4Bytes.length,
      durationSec: 2,
      width: 1080,
      height: 1920,
      videoCodec: "h264",
      audioCodec: "aac",
      publicUrl: "https://media.example.com/clip.mp4",
      srt: opts.srt === undefined ? SRT : opts.srt,
    },
    post: { title: "A day <with> my twin", caption: "Made with Cinetwin.\n#shorts", publishAt: opts.publishAt ?? null },
    state,
    save: async (patch) => void Object.assign(state, patch),
    note: async (step, detail) => void notes.push(`${step}: ${detail ?? ""}`),
    signal: new AbortController().signal,
  };
  return { ctx, state, notes };
}

/** start, check until ready, commit: the order the engine drives. */
async function upToCommit(adapter: PlatformAdapter<YouTubeState>, ctx: StepContext<YouTubeState>) {
  await adapter.start(ctx);
  for (let i = 0; i < 5; i++) {
    const checked = await adapter.check(ctx);
    if (checked.state === "ready") return;
    expect(checked.state).toBe("pending");
  }
  throw new Error("check never said ready");
}

async function rejection(p: Promise<unknown>): Promise<PlatformError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(PlatformError);
  return e as PlatformError;
}

/** The byte ranges of every data chunk PUT the fake received, in order. */
const chunkStarts = () =>
  fake.requests
    .filter((r) => r.endpoint === "upload" || r.endpoint === "publish")
    .map((r) => Number(/^bytes (\d+)-/.exec(String(r.headers["content-range"]))?.[1]));

describe("YouTube adapter against the fake", () => {
  it("publishes once: resumable chunks, then the last one makes the video; scheduled private with publishAt; SRT sidecar", async () => {
    const adapter = adapterFor();
    const { ctx, state, notes } = makeCtx({ publishAt: new Date(Date.now() + 86_400_000) });

    await upToCommit(adapter, ctx);
    expect(fake.counters.publishes).toBe(0);
    expect(fake.sessions.size).toBe(1);
    expect(state.offset).toBeGreaterThanOrEqual(mp4Bytes.length - CHUNK);
    const committed = await adapter.commit(ctx);

    expect(committed.state).toBe("published");
    if (committed.state !== "published") return;
    const video = fake.posts.get(committed.published.postId);
    expect(video).toBeDefined();
    expect(committed.published.url).toBe(`https://www.youtube.com/watch?v=${committed.published.postId}`);
    expect(fake.counters.publishes).toBe(1);
    expect(video!.bytes.equals(mp4Bytes)).toBe(true);
    expect(video!.contentType).toBe("video/mp4");
    const initiate = fake.requests.find((r) => r.endpoint === "initiate")!;
    expect(new URL(initiate.url).searchParams.get("part")).toBe("snippet,status");
    expect(initiate.headers["x-upload-content-length"]).toBe(String(mp4Bytes.length));
    expect(initiate.headers.authorization).toBe(`Bearer ${fake.accessToken}`);
    expect(video!.snippet).toEqual({ title: "A day ‹with› my twin", description: "Made with Cinetwin.\n#shorts" });
    expect(video!.status).toEqual({ privacyStatus: "private", publishAt: ctx.post.publishAt!.toISOString(), containsSyntheticMedia: true });
    expect(video!.captions).toEqual([{ id: expect.any(String) as string, language: "en", name: "", body: SRT }]);
    expect(state.captionsInserted).toBe(true);
    // Several chunks, each starting where the previous one ended.
    const starts = chunkStarts();
    expect(starts.length).toBe(Math.ceil(mp4Bytes.length / CHUNK));
    expect(starts).toEqual(starts.map((_, i) => i * CHUNK));
    expect(notes).toContain("captions: caption track added");

    const again = await adapter.reconcile(ctx);
    expect(again).toEqual({ state: "published", published: committed.published });
    expect(fake.counters.publishes).toBe(1);
    expect(fake.posts.get(committed.published.postId)!.captions).toHaveLength(1);
  });

  it("posts publicly when publishAt is unset or past, and a file within one chunk only opens the session in start", async () => {
    const adapter = adapterFor({ chunkBytes: 16 * 256 * 1024 });
    const { ctx, state } = makeCtx({ publishAt: new Date(Date.now() - 60_000), srt: null });

    await upToCommit(adapter, ctx);
    expect(chunkStarts()).toEqual([]);
    expect(state.offset).toBe(0);
    const committed = await adapter.commit(ctx);

    if (committed.state !== "published") throw new Error("not published");
    const video = fake.posts.get(committed.published.postId)!;
    expect(video.status.privacyStatus).toBe("public");
    expect(video.status.publishAt).toBeUndefined();
    expect(video.bytes.equals(mp4Bytes)).toBe(true);
    expect(video.captions).toEqual([]);
    expect(fake.counters.calls.captions).toBe(0);
  });

  it("resumes an interrupted upload from YouTube's Range in the same session", async () => {
    const adapter = adapterFor();
    const { ctx, state } = makeCtx();
    fake.cutUpload({ skipChunks: 2 });

    const cut = await rejection(adapter.start(ctx));
    expect(cut.kind).toBe("transient");
    expect(state.offset).toBe(2 * CHUNK);

    await upToCommit(adapter, ctx);
    const committed = await adapter.commit(ctx);

    if (committed.state !== "published") throw new Error("not published");
    expect(fake.counters.calls.initiate).toBe(1);
    expect(fake.sessions.size).toBe(1);
    // The cut chunk (at 2 * CHUNK) is sent again; nothing before it is.
    expect(chunkStarts().filter((s) => s === 0)).toHaveLength(1);
    expect(chunkStarts().filter((s) => s === 2 * CHUNK)).toHaveLength(2);
    expect(fake.posts.get(committed.published.postId)!.bytes.equals(mp4Bytes)).toBe(true);
    expect(fake.counters.publishes).toBe(1);
  });

  it("reports a 429 as rate_limited with Retry-After, and a spent daily quota until midnight Pacific", async () => {
    const adapter = adapterFor();
    fake.failNext("upload", { status: 429, retryAfter: "7" });
    const limited = await rejection(adapter.start(makeCtx().ctx));
    expect(limited.kind).toBe("rate_limited");
    expect(limited.retryAfterMs).toBe(7000);
    expect(limited.status).toBe(429);

    fake.failNext("initiate", { status: 403, reason: "quotaExceeded" });
    const quota = await rejection(adapter.start(makeCtx().ctx));
    expect(quota.kind).toBe("rate_limited");
    expect(quota.retryAfterMs).toBeGreaterThan(0);
    expect(quota.retryAfterMs).toBeLessThanOrEqual(86_400_000);
  });

  it("refuses an expired token as auth; the refreshed token (no new refresh token) carries on", async () => {
    const adapter = adapterFor();
    fake.expireToken(fake.accessToken);
    const { ctx } = makeCtx();

    const refused = await rejection(adapter.start(ctx));
    expect(refused.kind).toBe("auth");
    expect(refused.status).toBe(401);

    const before = Date.now();
    const tokens = await adapter.oauth!.refresh({ client: app, refreshToken: fake.refreshToken });
    expect(tokens.accessToken).not.toBe(fake.accessToken);
    expect(tokens.refreshToken).toBeNull();
    expect(tokens.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + 3599_000);
    expect(tokens.scopes).toEqual(adapter.oauth!.scopes);

    ctx.account.accessToken = tokens.accessToken;
    await upToCommit(adapter, ctx);
    const committed = await adapter.commit(ctx);
    expect(committed.state).toBe("published");

    const revoked = await rejection(adapter.oauth!.refresh({ client: app, refreshToken: "1//revoked" }));
    expect(revoked.kind).toBe("auth");
  });

  it("after a commit that timed out, reconcile finds the one video; before any commit it says absent", async () => {
    const adapter = adapterFor();
    const { ctx } = makeCtx({ srt: null });
    await upToCommit(adapter, ctx);
    expect(await adapter.reconcile(ctx)).toEqual({ state: "absent" });

    // The answer comes long after the adapter stops waiting (the fake drops it on close).
    fake.delayPublish(60_000);
    const timedOut = await rejection(adapterFor({ timeoutMs: 1_500 }).commit(ctx));
    expect(timedOut.kind).toBe("transient");
    expect(fake.counters.publishes).toBe(1);

    const found = await adapter.reconcile(ctx);
    const [video] = [...fake.posts.values()];
    expect(found).toEqual({ state: "published", published: { postId: video.id, url: `https://www.youtube.com/watch?v=${video.id}` } });
    expect(fake.counters.publishes).toBe(1);
    expect(fake.counters.calls.publish).toBe(1);
  });

  it("reconcile on an expired session: absent when the last chunk was never sent, failed when it was", async () => {
    const adapter = adapterFor();
    const { ctx, state } = makeCtx({ srt: null });
    await upToCommit(adapter, ctx);
    fake.expireSession(state.uploadUri!);
    expect(await adapter.reconcile(ctx)).toEqual({ state: "absent" });
    expect(await adapter.check(ctx)).toEqual({ state: "failed", reason: expect.stringContaining("expired") as string });

    // Commit opens a new session (no video can exist without the old one's last chunk) and finishes it.
    const committed = await adapter.commit(ctx);
    expect(committed.state).toBe("published");
    expect(fake.counters.calls.initiate).toBe(2);
    expect(fake.counters.publishes).toBe(1);

    const { ctx: later, state: laterState } = makeCtx({ srt: null });
    Object.assign(laterState, { ...state, videoId: undefined, finalSentAt: new Date().toISOString() });
    fake.expireSession(laterState.uploadUri!);
    const unknown = await adapter.reconcile(later);
    expect(unknown.state).toBe("failed");
  });

  it("a refused caption track leaves the post published, noted, and added once by a later reconcile", async () => {
    const adapter = adapterFor();
    const { ctx, state, notes } = makeCtx();
    await upToCommit(adapter, ctx);
    fake.failNext("captions", { status: 500 });

    const committed = await adapter.commit(ctx);
    if (committed.state !== "published") throw new Error("not published");
    expect(state.captionsInserted).toBeUndefined();
    expect(notes.some((n) => n.startsWith("captions: the video is up, but YouTube did not take its captions"))).toBe(true);

    await adapter.reconcile(ctx);
    await adapter.reconcile(ctx);
    expect(fake.posts.get(committed.published.postId)!.captions).toHaveLength(1);
    expect(fake.counters.calls.captions).toBe(2);
    expect(fake.counters.publishes).toBe(1);
  });

  it("the fake refuses what YouTube would: chunks off the 256 KiB grid, a title with angle brackets", async () => {
    const offGrid = await rejection(adapterFor({ chunkBytes: 100_000 }).start(makeCtx().ctx));
    expect(offGrid.kind).toBe("bad_request");
    expect(offGrid.message).toContain("multiple of 262144");

    const res = await fetch(`${fake.url}/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${fake.accessToken}`,
        "Content-Type": "application/json",
        "X-Upload-Content-Length": "10",
        "X-Upload-Content-Type": "video/mp4",
      },
      body: JSON.stringify({ snippet: { title: "<b>" }, status: { privacyStatus: "public" } }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { errors: [{ reason: "invalidTitle" }] } });
  });

  it("the fake's videos.list says processing for `processingPolls` status lookups, then processed", async () => {
    const slow = await startFakeYouTube({ processingPolls: 2 });
    process.env.OUTBOUND_ALLOW_HOSTS = `${new URL(fake.url).host},${new URL(slow.url).host}`;
    try {
      const env = { YOUTUBE_API_BASE_URL: slow.url, YOUTUBE_UPLOAD_BASE_URL: slow.url, YOUTUBE_AUTH_BASE_URL: slow.url };
      const adapter = createYouTubeAdapter({ ...youTubeConfigFromEnv(env), chunkBytes: CHUNK });
      const { ctx } = makeCtx({ srt: null, token: slow.accessToken });
      await upToCommit(adapter, ctx);
      const committed = await adapter.commit(ctx);
      if (committed.state !== "published") throw new Error("not published");
      const lookup = async () => {
        const res = await fetch(`${slow.url}/youtube/v3/videos?part=status,processingDetails&id=${committed.published.postId}`, {
          headers: { Authorization: `Bearer ${slow.accessToken}` },
        });
        const { items } = (await res.json()) as { items: Array<{ status: { uploadStatus: string }; processingDetails: { processingStatus: string } }> };
        return `${items[0].status.uploadStatus}/${items[0].processingDetails.processingStatus}`;
      };
      expect([await lookup(), await lookup(), await lookup()]).toEqual(["uploaded/processing", "uploaded/processing", "processed/succeeded"]);
    } finally {
      await slow.close();
    }
  });

  it("OAuth: consent URL, code exchange with PKCE, profile", async () => {
    const oauth = adapterFor().oauth!;
    const verifier = "v".repeat(43) + "erifier-of-the-browser-flow";
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    const redirectUri = "https://studio.example.com/api/social/youtube/callback";

    const url = new URL(oauth.authorizeUrl({ client: app, redirectUri, state: "st-123", codeChallenge: challenge }));
    expect(url.origin + url.pathname).toBe(`${fake.url}/o/oauth2/v2/auth`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: app.clientId,
      redirect_uri: redirectUri,
      response_type: "code",
      scope: "https://www.googleapis.com/auth/youtube.upload https://www.googleapis.com/auth/youtube.force-ssl",
      access_type: "offline",
      prompt: "consent",
      include_granted_scopes: "true",
      state: "st-123",
      code_challenge: challenge,
      code_challenge_method: "S256",
    });
    expect(new URL(youTubeConfigFromEnv({}).authorizeUrl).host).toBe("accounts.google.com");

    const wrong = await rejection(
      oauth.exchangeCode({ client: app, code: fake.issueCode({ redirectUri, codeChallenge: challenge }), redirectUri, codeVerifier: "nope" }),
    );
    expect(wrong.kind).toBe("auth");

    const tokens = await oauth.exchangeCode({
      client: app,
      code: fake.issueCode({ redirectUri, codeChallenge: challenge }),
      redirectUri,
      codeVerifier: verifier,
    });
    expect(tokens.refreshToken).toMatch(/^1\/\/fake-/);
    expect(tokens.expiresAt).toBeInstanceOf(Date);
    const profile = await oauth.profile({ accessToken: tokens.accessToken });
    expect(profile).toEqual({ externalId: fake.channel.id, handle: "@fakechannel" });

    const narrow = fake.issueCode({ redirectUri, scopes: ["https://www.googleapis.com/auth/youtube.force-ssl"] });
    const unticked = await rejection(oauth.exchangeCode({ client: app, code: narrow, redirectUri, codeVerifier: null }));
    expect(unticked.kind).toBe("bad_request");
  });

  it("insights: subscribers and each post's lifetime statistics", async () => {
    const adapter = adapterFor();
    const { ctx } = makeCtx({ srt: null });
    await upToCommit(adapter, ctx);
    const committed = await adapter.commit(ctx);
    if (committed.state !== "published") throw new Error("not published");
    const id = committed.published.postId;
    fake.setStatistics(id, { viewCount: 1500, likeCount: 42, commentCount: 7 });

    const result = await adapter.insights!({ account: ctx.account, postIds: [id, "gone0000000"] });
    expect(result).toEqual({ followers: 1234, posts: { [id]: { views: 1500, likes: 42, comments: 7, shares: 0 } } });

    fake.channel.hiddenSubscriberCount = true;
    expect((await adapter.insights!({ account: ctx.account, postIds: [] })).followers).toBeNull();
  });
});
