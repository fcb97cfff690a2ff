import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import { z } from "zod";
import {
  PlatformError,
  type AccountProfile,
  type InsightsResult,
  type Metrics,
  type OAuthSpec,
  type PlatformAdapter,
  type PlatformLimits,
  type Published,
  type StepContext,
  type TokenSet,
} from "./adapter";
import { errorFor, FORM, formBody, platformRequest, type PlatformRequest, type PlatformResponse } from "./http";

/**
 * YouTube through the Data API v3. A video is created when the last byte of its resumable upload
 * arrives, so the upload is split around that moment: start opens the upload session and sends
 * every chunk but the last (nothing exists on YouTube yet), commit sends the last chunk (the video
 * now exists), reconcile asks the session whether it finished. Captions go up as a sidecar track.
 *
 * Docs: developers.google.com/youtube/v3/guides/using_resumable_upload_protocol, .../docs/videos/insert,
 * .../docs/captions/insert, .../docs/videos/list, .../docs/channels/list, .../docs/errors and
 * developers.google.com/identity/protocols/oauth2/web-server.
 */

export interface YouTubeConfig {
  /** Data API host: `${apiBaseUrl}/youtube/v3/...`. */
  apiBaseUrl: string;
  /** Media upload host: `${uploadBaseUrl}/upload/youtube/v3/...`. */
  uploadBaseUrl: string;
  /** Google's consent page. */
  authorizeUrl: string;
  /** Google's token endpoint (code exchange and refresh). */
  tokenUrl: string;
  /** Per request, each chunk included. */
  timeoutMs: number;
  /** Upload chunk size; the protocol wants a multiple of 256 KiB for every chunk but the last. */
  chunkBytes: number;
  /** BCP-47 language of the SRT sidecar: the publishing contract does not carry one. */
  captionLanguage: string;
  /**
   * status.containsSyntheticMedia: YouTube asks uploaders to disclose realistic altered or
   * synthetic media, which a Cinetwin video (an AI twin speaking) is.
   */
  containsSyntheticMedia: boolean;
}

/** Upload step state, saved after every remote step. */
export type YouTubeState = {
  /** The resumable session URI (the initiating POST's Location). */
  uploadUri: string;
  /** The file size the session was opened for. */
  totalBytes: number;
  /** Bytes YouTube confirmed (its 308's Range): where the next chunk starts. */
  offset: number;
  /** Saved before the last chunk is sent: until then no video can exist. */
  finalSentAt: string | null;
  videoId: string;
  /** Set once the caption track is in, so a later commit or reconcile does not add a second one. */
  captionsInserted: boolean;
};

type Ctx = StepContext<YouTubeState>;

const KIB_256 = 256 * 1024;

/** Defaults to Google's hosts; YOUTUBE_*_BASE_URL point them elsewhere (the fake in tests, a dev server). */
export function youTubeConfigFromEnv(env: Record<string, string | undefined> = process.env): YouTubeConfig {
  const auth = env.YOUTUBE_AUTH_BASE_URL?.replace(/\/$/, "");
  return {
    apiBaseUrl: env.YOUTUBE_API_BASE_URL?.replace(/\/$/, "") || "https://www.googleapis.com",
    uploadBaseUrl: env.YOUTUBE_UPLOAD_BASE_URL?.replace(/\/$/, "") || "https://www.googleapis.com",
    authorizeUrl: auth ? `${auth}/o/oauth2/v2/auth` : "https://accounts.google.com/o/oauth2/v2/auth",
    tokenUrl: auth ? `${auth}/token` : "https://oauth2.googleapis.com/token",
    timeoutMs: 120_000,
    chunkBytes: 32 * KIB_256,
    captionLanguage: env.YOUTUBE_CAPTION_LANGUAGE || "en",
    containsSyntheticMedia: true,
  };
}

/**
 * videos.insert takes files up to 256 GB; verified channels may upload up to 12 hours (unverified
 * ones 15 minutes: YouTube refuses longer uploads with its own message). YouTube documents no
 * aspect limit (Shorts are vertical or square, the player letterboxes anything): 1:3 to 3:1 keeps
 * out only degenerate frames. Codecs are those of YouTube's supported formats that ffprobe names.
 * The description is capped at 5000 bytes, which the adapter enforces on the UTF-8 form.
 */
export const YOUTUBE_LIMITS: PlatformLimits = {
  minDurationSec: 1,
  maxDurationSec: 12 * 60 * 60,
  minAspect: 1 / 3,
  maxAspect: 3,
  maxBytes: 256 * 1024 ** 3,
  videoCodecs: ["h264", "hevc", "vp9", "av1", "mpeg4", "prores"],
  audioCodecs: ["aac", "mp3", "opus", "vorbis", "ac3", "pcm_s16le", "flac"],
  maxCaptionChars: 5000,
  captions: "sidecar",
};

const TITLE_MAX = 100;
const DESCRIPTION_MAX_BYTES = 5000;
/** Upload (videos.insert), captions.insert (force-ssl) and the reads (channels/videos.list) need no more. */
const SCOPES = ["https://www.googleapis.com/auth/youtube.upload", "https://www.googleapis.com/auth/youtube.force-ssl"] as const;

const videoSchema = z.object({ id: z.string().min(1) });
const tokenSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().optional(),
  refresh_token: z.string().optional(),
  refresh_token_expires_in: z.number().optional(),
  scope: z.string().optional(),
});
const channelListSchema = z.object({
  items: z
    .array(
      z.object({
        id: z.string(),
        snippet: z.object({ title: z.string(), customUrl: z.string().optional() }).optional(),
        statistics: z.object({ subscriberCount: z.string().optional(), hiddenSubscriberCount: z.boolean().optional() }).optional(),
      }),
    )
    .default([]),
});
const videoListSchema = z.object({
  items: z
    .array(
      z.object({
        id: z.string(),
        statistics: z.object({ viewCount: z.string().optional(), likeCount: z.string().optional(), commentCount: z.string().optional() }).optional(),
      }),
    )
    .default([]),
});

/** The answer's JSON in the documented shape, or a transient error: a changed shape is YouTube's problem, not the post's. */
function parse<T>(schema: z.ZodType<T>, res: PlatformResponse, what: string): T {
  const parsed = schema.safeParse(res.json);
  if (!parsed.success) throw new PlatformError("transient", `${what}: YouTube answered in an unexpected shape`, { status: res.status });
  return parsed.data;
}

/** Google's error body: { error: { code, message, errors: [{ reason, domain, message }] } }. */
const errorReasonSchema = z.object({ error: z.object({ errors: z.array(z.object({ reason: z.string() })).min(1) }) });

/** Milliseconds until midnight Pacific time, when YouTube's daily quota resets. */
function msUntilPacificMidnight(now = new Date()): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: "America/Los_Angeles",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
    hourCycle: "h23",
  }).formatToParts(now);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return 86_400_000 - ((part("hour") * 60 + part("minute")) * 60 + part("second")) * 1000;
}

/**
 * YouTube says "slow down" with 403s and a 400 (docs/errors): quotaExceeded resets at midnight
 * Pacific, the rate limits soon, uploadLimitExceeded (the channel's daily uploads) in a day.
 */
function youTubeError(what: string, res: PlatformResponse): PlatformError {
  const reason = errorReasonSchema.safeParse(res.json).data?.error.errors[0].reason;
  const status = res.status;
  if (reason === "quotaExceeded")
    return new PlatformError("rate_limited", `${what}: the app's daily YouTube quota is used up; it resets at midnight Pacific time`, {
      status,
      retryAfterMs: msUntilPacificMidnight(),
    });
  if (reason === "rateLimitExceeded" || reason === "userRateLimitExceeded")
    return new PlatformError("rate_limited", `${what}: rate limited by YouTube`, { status });
  if (reason === "uploadLimitExceeded")
    return new PlatformError("rate_limited", `${what}: the channel reached YouTube's daily upload limit`, { status, retryAfterMs: 86_400_000 });
  return errorFor(what, res);
}

function createClient(config: YouTubeConfig) {
  /** platformRequest, with YouTube's own "slow down" answers read before the generic 4xx mapping. */
  async function request(req: PlatformRequest): Promise<PlatformResponse> {
    const res = await platformRequest({ timeoutMs: config.timeoutMs, ...req, accept: [...(req.accept ?? []), 400, 403] });
    if (res.status === 400 || res.status === 403) throw youTubeError(req.what, res);
    return res;
  }
  return { config, request };
}
type Client = ReturnType<typeof createClient>;

// ---- the upload session ----

/** Cut to `max` UTF-8 bytes without splitting a character. */
function cutBytes(text: string, max: number): string {
  let out = "";
  let bytes = 0;
  for (const ch of text) {
    bytes += Buffer.byteLength(ch);
    if (bytes > max) break;
    out += ch;
  }
  return out;
}

/** YouTube refuses "<" and ">" in titles and descriptions (invalidTitle, invalidDescription). */
const withoutAngles = (text: string) => text.replace(/</g, "‹").replace(/>/g, "›");

/** The video resource's snippet and status: scheduled posts stay private until YouTube publishes them at publishAt. */
function videoResource(ctx: Ctx, config: YouTubeConfig) {
  const title = [...withoutAngles(ctx.post.title.trim() || ctx.post.caption.split("\n")[0].trim() || "Untitled")].slice(0, TITLE_MAX).join("");
  const publishAt = ctx.post.publishAt && ctx.post.publishAt.getTime() > Date.now() ? ctx.post.publishAt : null;
  return {
    snippet: { title, description: cutBytes(withoutAngles(ctx.post.caption), DESCRIPTION_MAX_BYTES) },
    status: {
      privacyStatus: publishAt ? "private" : "public",
      ...(publishAt && { publishAt: publishAt.toISOString() }),
      containsSyntheticMedia: config.containsSyntheticMedia,
    },
  };
}

async function openSession(client: Client, ctx: Ctx, size: number): Promise<string> {
  const res = await client.request({
    method: "POST",
    url: `${client.config.uploadBaseUrl}/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status`,
    token: ctx.account.accessToken,
    headers: { "Content-Type": "application/json; charset=UTF-8", "X-Upload-Content-Length": String(size), "X-Upload-Content-Type": "video/mp4" },
    body: videoResource(ctx, client.config),
    signal: ctx.signal,
    what: "YouTube upload",
  });
  const uri = res.headers.location;
  if (!uri) throw new PlatformError("transient", "YouTube upload: no upload session address in the answer", { status: res.status });
  await ctx.save({ uploadUri: uri, totalBytes: size, offset: 0, finalSentAt: null });
  await ctx.note("upload", "upload session opened");
  return uri;
}

type SessionStatus = { state: "incomplete"; received: number } | { state: "complete"; videoId: string } | { state: "gone" };

/** A 308's Range ("bytes=0-N") as the count of bytes received; no Range means none. */
function receivedBytes(res: PlatformResponse): number {
  const m = /bytes=0-(\d+)/.exec(res.headers.range ?? "");
  return m ? Number(m[1]) + 1 : 0;
}

/** The protocol's status query: an empty PUT with `Content-Range: bytes *\/TOTAL`. Read-only. */
async function sessionStatus(client: Client, ctx: Ctx, uri: string, size: number): Promise<SessionStatus> {
  const res = await client.request({
    method: "PUT",
    url: uri,
    token: ctx.account.accessToken,
    headers: { "Content-Range": `bytes */${size}` },
    body: "",
    accept: [308, 404, 410],
    signal: ctx.signal,
    what: "YouTube upload status",
  });
  if (res.status === 308) return { state: "incomplete", received: receivedBytes(res) };
  // An expired session is forgotten: nothing tells whether it once finished.
  if (res.status === 404 || res.status === 410) return { state: "gone" };
  return { state: "complete", videoId: parse(videoSchema, res, "YouTube upload status").id };
}

async function readRange(path: string, start: number, end: number): Promise<Buffer> {
  const file = await fs.open(path, "r");
  try {
    const buf = Buffer.alloc(end - start);
    const { bytesRead } = await file.read(buf, 0, buf.length, start);
    if (bytesRead !== buf.length) throw new PlatformError("bad_request", "YouTube upload: the video file changed while it was being uploaded");
    return buf;
  } finally {
    await file.close();
  }
}

/** Sends bytes [start, end) of the file: a 308 while more is to come, the video resource after the last byte. */
async function putChunk(client: Client, ctx: Ctx, uri: string, start: number, end: number, size: number): Promise<PlatformResponse> {
  return client.request({
    method: "PUT",
    url: uri,
    token: ctx.account.accessToken,
    headers: { "Content-Type": "video/mp4", "Content-Range": `bytes ${start}-${end - 1}/${size}` },
    body: await readRange(ctx.media.path, start, end),
    accept: [308],
    signal: ctx.signal,
    what: "YouTube upload",
  });
}

/** The last chunk is whatever remains once no more than chunkBytes is left. */
const allButLastSent = (offset: number, size: number, chunkBytes: number) => size - offset <= chunkBytes;

/** Uploads chunk after chunk from `offset`, saving YouTube's confirmed offset each time, until only the last chunk is left. */
async function uploadAllButLast(client: Client, ctx: Ctx, uri: string, offset: number, size: number): Promise<number> {
  const { chunkBytes } = client.config;
  const chunks = Math.ceil(size / chunkBytes);
  while (!allButLastSent(offset, size, chunkBytes)) {
    const res = await putChunk(client, ctx, uri, offset, offset + chunkBytes, size);
    const received = res.status === 308 ? receivedBytes(res) : offset;
    // YouTube may keep less than it was sent; its Range, not our count, says where to go on.
    if (received <= offset) throw new PlatformError("transient", "YouTube upload: the platform kept none of the last chunk", { status: res.status });
    offset = received;
    await ctx.save({ offset });
    await ctx.note("upload", `chunk ${Math.ceil(offset / chunkBytes)} of ${chunks}`);
  }
  return offset;
}

type Resumed = { state: "uploading"; uri: string; offset: number; size: number } | { state: "complete"; videoId: string };

/**
 * Gets the upload to "only the last chunk left": continues the saved session from the offset
 * YouTube reports, or opens a new one when there is none (or it expired before its last chunk was
 * sent, so no video can exist).
 */
async function resumeUpload(client: Client, ctx: Ctx): Promise<Resumed> {
  const size = (await fs.stat(ctx.media.path)).size;
  const saved = ctx.state.uploadUri && ctx.state.totalBytes === size ? ctx.state.uploadUri : null;
  const status = saved ? await sessionStatus(client, ctx, saved, size) : null;
  if (status?.state === "complete") return status;
  // Once a last chunk went out, only that session can tell whether a video exists: never open another.
  if (status?.state !== "incomplete" && ctx.state.finalSentAt) throw new PlatformError("bad_request", expiredAfterLastChunk);
  const uri = status?.state === "incomplete" && saved ? saved : await openSession(client, ctx, size);
  const start = status?.state === "incomplete" ? status.received : 0;
  if (start !== ctx.state.offset) await ctx.save({ offset: start });
  return { state: "uploading", uri, offset: await uploadAllButLast(client, ctx, uri, start, size), size };
}

const expiredAfterLastChunk =
  "YouTube's upload session expired after the last part of the video was sent, and YouTube no longer says whether it made the video: check the channel's uploads before posting again.";

// ---- captions ----

/** captions.insert as a multipart upload: the caption resource, then the SRT. */
async function insertCaptions(client: Client, ctx: Ctx, videoId: string, srt: string): Promise<void> {
  const boundary = `cinetwin-${randomUUID()}`;
  const snippet = { snippet: { videoId, language: client.config.captionLanguage, name: "", isDraft: false } };
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n${JSON.stringify(snippet)}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.from(srt),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  await client.request({
    method: "POST",
    url: `${client.config.uploadBaseUrl}/upload/youtube/v3/captions?uploadType=multipart&part=snippet`,
    token: ctx.account.accessToken,
    headers: { "Content-Type": `multipart/related; boundary=${boundary}` },
    body,
    signal: ctx.signal,
    what: "YouTube captions",
  });
}

/**
 * Adds the caption track once. The video is public (or scheduled) by now, so a refusal is noted
 * on the timeline rather than failing a post that exists; a later reconcile tries again.
 */
async function captionsOnce(client: Client, ctx: Ctx, videoId: string): Promise<void> {
  if (!ctx.media.srt || ctx.state.captionsInserted) return;
  try {
    await insertCaptions(client, ctx, videoId, ctx.media.srt);
  } catch (e) {
    if (!(e instanceof PlatformError)) throw e;
    await ctx.note("captions", `the video is up, but YouTube did not take its captions: ${e.message}`);
    return;
  }
  await ctx.save({ captionsInserted: true });
  await ctx.note("captions", "caption track added");
}

async function published(client: Client, ctx: Ctx, videoId: string): Promise<Published> {
  if (ctx.state.videoId !== videoId) await ctx.save({ videoId });
  await captionsOnce(client, ctx, videoId);
  return { postId: videoId, url: `https://www.youtube.com/watch?v=${videoId}` };
}

// ---- the steps ----

function steps(client: Client): Pick<PlatformAdapter<YouTubeState>, "start" | "check" | "commit" | "reconcile"> {
  return {
    async start(ctx) {
      const resumed = await resumeUpload(client, ctx);
      if (resumed.state === "complete") await ctx.save({ videoId: resumed.videoId });
    },

    async check(ctx) {
      if (ctx.state.videoId) return { state: "ready" };
      const { uploadUri, totalBytes, offset } = ctx.state;
      if (!uploadUri || totalBytes === undefined || offset === undefined || !allButLastSent(offset, totalBytes, client.config.chunkBytes))
        return { state: "failed", reason: "The upload to YouTube did not finish: it has to start again." };
      const status = await sessionStatus(client, ctx, uploadUri, totalBytes);
      if (status.state === "gone") return { state: "failed", reason: "YouTube's upload session expired before the video was published: post it again." };
      return { state: "ready" };
    },

    async commit(ctx) {
      if (ctx.state.videoId) return { state: "published", published: await published(client, ctx, ctx.state.videoId) };
      const resumed = await resumeUpload(client, ctx);
      if (resumed.state === "complete") return { state: "published", published: await published(client, ctx, resumed.videoId) };
      await ctx.save({ finalSentAt: new Date().toISOString() });
      const res = await putChunk(client, ctx, resumed.uri, resumed.offset, resumed.size, resumed.size);
      // A 308 after the last byte: YouTube lacks part of the file, so no video was made; reconcile says "absent".
      if (res.status === 308) throw new PlatformError("transient", "YouTube upload: the platform did not receive the whole video", { status: 308 });
      return { state: "published", published: await published(client, ctx, parse(videoSchema, res, "YouTube upload").id) };
    },

    async reconcile(ctx) {
      if (ctx.state.videoId) return { state: "published", published: await published(client, ctx, ctx.state.videoId) };
      const { uploadUri, totalBytes, finalSentAt } = ctx.state;
      // Without its last chunk an upload makes no video.
      if (!uploadUri || totalBytes === undefined || !finalSentAt) return { state: "absent" };
      const status = await sessionStatus(client, ctx, uploadUri, totalBytes);
      if (status.state === "complete") return { state: "published", published: await published(client, ctx, status.videoId) };
      if (status.state === "incomplete") return { state: "absent" };
      return { state: "failed", reason: expiredAfterLastChunk };
    },
  };
}

// ---- insights ----

const toCount = (v: string | undefined) => (v === undefined ? 0 : Number(v) || 0);

async function insights(client: Client, args: { account: { accessToken: string }; postIds: string[]; signal?: AbortSignal }): Promise<InsightsResult> {
  const { apiBaseUrl } = client.config;
  const token = args.account.accessToken;
  const channels = await client.request({
    method: "GET",
    url: `${apiBaseUrl}/youtube/v3/channels?part=statistics&mine=true`,
    token,
    signal: args.signal,
    what: "YouTube channel",
  });
  const stats = parse(channelListSchema, channels, "YouTube channel").items[0]?.statistics;
  const posts: Record<string, Metrics> = {};
  // videos.list takes at most 50 ids a call.
  for (let i = 0; i < args.postIds.length; i += 50) {
    const ids = args.postIds
      .slice(i, i + 50)
      .map(encodeURIComponent)
      .join(",");
    const res = await client.request({
      method: "GET",
      url: `${apiBaseUrl}/youtube/v3/videos?part=statistics&id=${ids}`,
      token,
      signal: args.signal,
      what: "YouTube statistics",
    });
    for (const v of parse(videoListSchema, res, "YouTube statistics").items)
      // YouTube reports no share count through the Data API.
      posts[v.id] = {
        views: toCount(v.statistics?.viewCount),
        likes: toCount(v.statistics?.likeCount),
        comments: toCount(v.statistics?.commentCount),
        shares: 0,
      };
  }
  const followers = !stats || stats.hiddenSubscriberCount || stats.subscriberCount === undefined ? null : toCount(stats.subscriberCount);
  return { followers, posts };
}

// ---- OAuth ----

async function tokenRequest(client: Client, fields: Record<string, string | undefined>, what: string, signal?: AbortSignal): Promise<TokenSet> {
  const res = await platformRequest({
    method: "POST",
    url: client.config.tokenUrl,
    headers: FORM,
    body: formBody(fields),
    accept: [400],
    timeoutMs: client.config.timeoutMs,
    signal,
    what,
  });
  // invalid_grant: the code was used or the refresh token revoked; the account has to connect again.
  if (res.status === 400 && (res.json as { error?: unknown } | null)?.error === "invalid_grant")
    throw new PlatformError("auth", `${what}: Google refused the grant (revoked or expired)`, { status: 400 });
  if (res.status === 400) throw errorFor(what, res);
  const t = parse(tokenSchema, res, what);
  const at = (secs: number | undefined) => (secs === undefined ? null : new Date(Date.now() + secs * 1000));
  return {
    accessToken: t.access_token,
    refreshToken: t.refresh_token ?? null,
    expiresAt: at(t.expires_in),
    refreshExpiresAt: at(t.refresh_token_expires_in),
    scopes: t.scope?.split(" ") ?? [],
  };
}

function oauth(client: Client): OAuthSpec {
  return {
    // Google does not require PKCE for web server apps, but supports it: it binds the code to this browser flow.
    pkce: true,
    scopes: SCOPES,
    authorizeUrl({ client: app, redirectUri, state, codeChallenge }) {
      const q = new URLSearchParams({
        client_id: app.clientId,
        redirect_uri: redirectUri,
        response_type: "code",
        scope: SCOPES.join(" "),
        // offline + consent: Google returns a refresh token only then, and only on the first consent otherwise.
        access_type: "offline",
        prompt: "consent",
        include_granted_scopes: "true",
        state,
      });
      if (codeChallenge) {
        q.set("code_challenge", codeChallenge);
        q.set("code_challenge_method", "S256");
      }
      return `${client.config.authorizeUrl}?${q.toString()}`;
    },
    async exchangeCode({ client: app, code, redirectUri, codeVerifier, signal }) {
      const tokens = await tokenRequest(
        client,
        {
          code,
          client_id: app.clientId,
          client_secret: app.clientSecret,
          redirect_uri: redirectUri,
          grant_type: "authorization_code",
          code_verifier: codeVerifier ?? undefined,
        },
        "Google sign-in",
        signal,
      );
      // Google's consent screen lets people untick scopes; without these the account cannot post.
      const missing = SCOPES.filter((s) => !tokens.scopes.includes(s));
      if (missing.length)
        throw new PlatformError("bad_request", "YouTube was connected without permission to upload and caption videos: connect again and allow both.");
      return tokens;
    },
    async refresh({ client: app, refreshToken, signal }) {
      return tokenRequest(
        client,
        { client_id: app.clientId, client_secret: app.clientSecret, refresh_token: refreshToken, grant_type: "refresh_token" },
        "Google token refresh",
        signal,
      );
    },
    async profile({ accessToken, signal }): Promise<AccountProfile> {
      const res = await client.request({
        method: "GET",
        url: `${client.config.apiBaseUrl}/youtube/v3/channels?part=snippet&mine=true`,
        token: accessToken,
        signal,
        what: "YouTube channel",
      });
      const channel = parse(channelListSchema, res, "YouTube channel").items[0];
      if (!channel) throw new PlatformError("bad_request", "This Google account has no YouTube channel: create one on YouTube, then connect again.");
      return { externalId: channel.id, handle: channel.snippet?.customUrl ?? channel.snippet?.title ?? channel.id };
    },
  };
}

export function createYouTubeAdapter(config: YouTubeConfig): PlatformAdapter<YouTubeState> {
  const client = createClient(config);
  return {
    platform: "youtube",
    limits: YOUTUBE_LIMITS,
    oauth: oauth(client),
    ...steps(client),
    insights: (args) => insights(client, args),
  };
}
