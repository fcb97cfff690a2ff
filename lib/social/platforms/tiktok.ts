import { open } from "node:fs/promises";
import {
  PlatformError,
  type AccountCredentials,
  type CheckResult,
  type CommitResult,
  type InsightsResult,
  type Metrics,
  type OAuthSpec,
  type PlatformAdapter,
  type PlatformLimits,
  type ReconcileResult,
  type StepContext,
  type TokenSet,
} from "./adapter";
import { FORM, formBody, platformRequest, type PlatformRequest } from "./http";

/**
 * TikTok through the Content Posting API's Direct Post, as documented at
 * developers.tiktok.com/doc/content-posting-api-reference-direct-post, -media-transfer-guide and
 * -reference-get-video-status; OAuth v2 per login-kit-web / login-kit-manage-user-access-tokens;
 * profile and metrics per tiktok-api-v2-get-user-info and tiktok-api-v2-video-query.
 *
 * The steps: start = creator_info/query + video/init + every chunk but the last; commit = the last
 * chunk (TikTok posts the video once it has all of it, so that PUT is the irreversible step);
 * reconcile = status/fetch, since TikTok publishes asynchronously.
 */

/**
 * TikTok's video restrictions (media transfer guide): 360-4096 px on each side, so any aspect in
 * between; up to 4 GB and 10 minutes through the API (the creator's own cap, often lower, is checked
 * in start); H.264/H.265/VP8/VP9. The guide names no minimum length nor audio codecs: 3 s is
 * TikTok's app minimum, and the adapter sends MP4, whose TikTok-playable audio is AAC or MP3.
 */
export const TIKTOK_LIMITS: PlatformLimits = {
  minDurationSec: 3,
  maxDurationSec: 600,
  minAspect: 360 / 4096,
  maxAspect: 4096 / 360,
  maxBytes: 4 * 1024 ** 3,
  videoCodecs: ["h264", "hevc", "vp8", "vp9"],
  audioCodecs: ["aac", "mp3"],
  maxCaptionChars: 2200,
  captions: "burned",
};

/** Login Kit scopes: posting, the profile (username needs user.info.profile), follower counts (user.info.stats), post metrics. */
export const TIKTOK_SCOPES = ["user.info.basic", "user.info.profile", "user.info.stats", "video.publish", "video.list"] as const;

export interface TikTokConfig {
  /** open.tiktokapis.com: the API, OAuth tokens included. Upload URLs come from video/init itself. */
  apiBaseUrl: string;
  /** www.tiktok.com: where the creator authorizes. */
  authBaseUrl: string;
  /** Per API request; a chunk upload gets more in proportion to its size. */
  timeoutMs: number;
  /** The chunk size asked for; TikTok documents 5-64 MB (a video smaller than one chunk goes whole). */
  chunkBytes: number;
  /** The wait suggested to the engine while TikTok is still processing. */
  pollIntervalMs: number;
}

/** The step state saved between steps: the upload session and how far it got. */
export type TikTokState = {
  publishId: string;
  uploadUrl: string;
  videoSize: number;
  chunkSize: number;
  chunkCount: number;
  /** The index of the next chunk to send; chunkCount once the last one is in. */
  nextChunk: number;
};

const MAX_CHUNKS = 1000;
/** A chunk upload's time allowance grows with its size, assuming at least this throughput. */
const MIN_UPLOAD_BYTES_PER_MS = 512;
const VIDEO_QUERY_BATCH = 20;
/** TikTok's per-creator daily post cap says no more than that; an hour is a polite first wait. */
const DAILY_CAP_WAIT_MS = 60 * 60 * 1000;

export function tikTokConfigFromEnv(env: Record<string, string | undefined> = process.env): TikTokConfig {
  return {
    apiBaseUrl: trimSlash(env.TIKTOK_API_BASE_URL || "https://open.tiktokapis.com"),
    authBaseUrl: trimSlash(env.TIKTOK_AUTH_BASE_URL || "https://www.tiktok.com"),
    timeoutMs: 60_000,
    chunkBytes: 10 * 1024 * 1024,
    pollIntervalMs: 5_000,
  };
}

const trimSlash = (url: string) => url.replace(/\/+$/, "");

/**
 * TikTok's chunk rules: total_chunk_count = floor(video_size / chunk_size), at most 1000 chunks,
 * the trailing bytes ride on the last chunk, and a video no bigger than one chunk goes whole.
 */
export function chunkPlan(videoSize: number, preferred: number): { chunkSize: number; chunkCount: number } {
  if (videoSize <= preferred) return { chunkSize: videoSize, chunkCount: 1 };
  const chunkSize = Math.max(preferred, Math.ceil(videoSize / MAX_CHUNKS));
  return { chunkSize, chunkCount: Math.floor(videoSize / chunkSize) };
}

function chunkRange(s: TikTokState, index: number): { first: number; last: number } {
  const first = index * s.chunkSize;
  const last = index === s.chunkCount - 1 ? s.videoSize - 1 : first + s.chunkSize - 1;
  return { first, last };
}

export function createTikTokAdapter(config: TikTokConfig): PlatformAdapter<TikTokState> {
  const api = tikTokApi(config);
  return {
    platform: "tiktok",
    limits: TIKTOK_LIMITS,
    oauth: tikTokOAuth(config, api),

    async start(ctx) {
      const saved = savedSession(ctx.state);
      const session = saved ? await resync(api, ctx, saved) : await initUpload(api, config, ctx);
      for (let i = session.nextChunk; i < session.chunkCount - 1; i++) await sendChunk(config, ctx, session, i);
    },

    async check(ctx): Promise<CheckResult> {
      const s = savedSession(ctx.state);
      if (!s || s.nextChunk < s.chunkCount - 1) return { state: "pending", detail: "the upload is not finished" };
      return { state: "ready" };
    },

    async commit(ctx): Promise<CommitResult> {
      const s = savedSession(ctx.state);
      if (!s || s.nextChunk < s.chunkCount - 1) throw new Error("TikTok commit before start finished the upload");
      await sendChunk(config, ctx, s, s.chunkCount - 1);
      return { state: "pending" };
    },

    async reconcile(ctx): Promise<ReconcileResult> {
      const s = savedSession(ctx.state);
      if (!s) return { state: "absent" };
      return postStatus(await api.status(ctx.account.accessToken, s.publishId, ctx.signal), s, ctx.account, config);
    },

    async insights({ account, postIds, signal }): Promise<InsightsResult> {
      const user = await api.userInfo(account.accessToken, "open_id,follower_count", signal);
      const posts: Record<string, Metrics> = {};
      for (let i = 0; i < postIds.length; i += VIDEO_QUERY_BATCH) {
        for (const v of await api.videos(account.accessToken, postIds.slice(i, i + VIDEO_QUERY_BATCH), signal)) posts[v.id] = v.metrics;
      }
      return { followers: num(user.follower_count), posts };
    },
  };
}

/** Creator info (the duration cap and privacy options), then video/init; saves the session before any byte is sent. */
async function initUpload(api: TikTokApi, config: TikTokConfig, ctx: StepContext<TikTokState>): Promise<TikTokState> {
  const creator = await api.creatorInfo(ctx.account.accessToken, ctx.signal);
  const maxSec = num(creator.max_video_post_duration_sec);
  if (maxSec !== null && ctx.media.durationSec > maxSec)
    throw new PlatformError(
      "bad_request",
      `TikTok: this account can post videos up to ${maxSec} s (max_video_post_duration_sec); the video is ${Math.ceil(ctx.media.durationSec)} s`,
    );
  const plan = chunkPlan(ctx.media.sizeBytes, config.chunkBytes);
  const init = await api.initVideo(
    ctx.account.accessToken,
    {
      post_info: {
        title: ctx.post.caption || ctx.post.title,
        privacy_level: mostPublic(strings(creator.privacy_level_options)),
        // The creator's own interaction settings win: TikTok refuses what they switched off.
        disable_comment: creator.comment_disabled === true,
        disable_duet: creator.duet_disabled === true,
        disable_stitch: creator.stitch_disabled === true,
      },
      source_info: { source: "FILE_UPLOAD", video_size: ctx.media.sizeBytes, chunk_size: plan.chunkSize, total_chunk_count: plan.chunkCount },
    },
    ctx.signal,
  );
  const session: TikTokState = { publishId: init.publishId, uploadUrl: init.uploadUrl, videoSize: ctx.media.sizeBytes, ...plan, nextChunk: 0 };
  await ctx.save(session);
  await ctx.note("upload", `TikTok upload started (${plan.chunkCount} chunk${plan.chunkCount === 1 ? "" : "s"})`);
  return session;
}

const PRIVACY_MOST_PUBLIC_FIRST = ["PUBLIC_TO_EVERYONE", "FOLLOWER_OF_CREATOR", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"];

/** The widest audience the creator offers: a public account offers PUBLIC_TO_EVERYONE, a private one FOLLOWER_OF_CREATOR. */
function mostPublic(options: string[]): string {
  const level = PRIVACY_MOST_PUBLIC_FIRST.find((p) => options.includes(p)) ?? options[0];
  if (!level) throw new PlatformError("bad_request", "TikTok offers this account no privacy level to post with");
  return level;
}

/**
 * After an interruption the saved index may lag behind TikTok (a chunk arrived but its answer did
 * not): TikTok's uploaded_bytes says where it stands, so the next PUT is the one it expects.
 */
async function resync(api: TikTokApi, ctx: StepContext<TikTokState>, s: TikTokState): Promise<TikTokState> {
  const uploaded = num((await api.status(ctx.account.accessToken, s.publishId, ctx.signal)).uploaded_bytes);
  if (uploaded === null) return s;
  const nextChunk = Math.min(Math.floor(uploaded / s.chunkSize), s.chunkCount - 1);
  if (nextChunk === s.nextChunk) return s;
  await ctx.save({ nextChunk });
  return { ...s, nextChunk };
}

/** PUTs one chunk to the session's upload URL (TikTok answers 206 until the last, then 201) and saves the next index. */
async function sendChunk(config: TikTokConfig, ctx: StepContext<TikTokState>, s: TikTokState, index: number): Promise<void> {
  const { first, last } = chunkRange(s, index);
  const bytes = await readRange(ctx.media.path, first, last - first + 1);
  await platformRequest({
    method: "PUT",
    url: s.uploadUrl,
    headers: { "Content-Type": "video/mp4", "Content-Range": `bytes ${first}-${last}/${s.videoSize}` },
    body: bytes,
    signal: ctx.signal,
    timeoutMs: config.timeoutMs + Math.ceil(bytes.length / MIN_UPLOAD_BYTES_PER_MS),
    what: "TikTok upload",
  });
  await ctx.save({ nextChunk: index + 1 });
  await ctx.note("upload", `chunk ${index + 1} of ${s.chunkCount}`);
}

async function readRange(path: string, position: number, length: number): Promise<Buffer> {
  const file = await open(path, "r");
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await file.read(buf, 0, length, position);
    if (bytesRead !== length) throw new PlatformError("bad_request", "TikTok upload: the video file is shorter than when the upload began");
    return buf;
  } finally {
    await file.close();
  }
}

/** Maps status/fetch onto reconcile's answers. */
function postStatus(data: Record<string, unknown>, s: TikTokState, account: AccountCredentials, config: TikTokConfig): ReconcileResult {
  const status = str(data.status);
  const uploaded = num(data.uploaded_bytes);
  if (status === "PUBLISH_COMPLETE") {
    const postId = strings(data.publicaly_available_post_id)[0];
    // TikTok gives no post id for a post only the creator can see; the publish id stands in for it.
    if (!postId) return { state: "published", published: { postId: s.publishId, url: null } };
    return { state: "published", published: { postId, url: `https://www.tiktok.com/@${account.handle.replace(/^@/, "")}/video/${postId}` } };
  }
  if (status === "FAILED") return { state: "failed", reason: `TikTok refused the video: ${str(data.fail_reason) ?? "no reason given"}` };
  if (status === "SEND_TO_USER_INBOX")
    return { state: "failed", reason: "TikTok sent the video to the creator's inbox to finish in the app instead of posting it" };
  // Without every byte of the last chunk TikTok cannot post it: commit may safely send that chunk again.
  if (uploaded !== null && uploaded < s.videoSize) return { state: "absent" };
  return { state: "pending", retryAfterMs: config.pollIntervalMs, detail: status ?? "processing" };
}

function savedSession(state: Readonly<Partial<TikTokState>>): TikTokState | null {
  const { publishId, uploadUrl, videoSize, chunkSize, chunkCount, nextChunk } = state;
  if (!publishId || !uploadUrl || videoSize === undefined || !chunkSize || !chunkCount || nextChunk === undefined) return null;
  return { publishId, uploadUrl, videoSize, chunkSize, chunkCount, nextChunk };
}

type TikTokApi = ReturnType<typeof tikTokApi>;

/** The API calls, each answering TikTok's `data` once its `error.code` says "ok". */
function tikTokApi(config: TikTokConfig) {
  const post = (what: string, token: string, path: string, body: unknown, signal?: AbortSignal) =>
    call({ method: "POST", url: `${config.apiBaseUrl}${path}`, token, body, signal, timeoutMs: config.timeoutMs, what, headers: JSON_UTF8 });
  return {
    creatorInfo: (token: string, signal?: AbortSignal) => post("TikTok creator info", token, "/v2/post/publish/creator_info/query/", {}, signal),
    async initVideo(token: string, body: object, signal?: AbortSignal) {
      const data = await post("TikTok video init", token, "/v2/post/publish/video/init/", body, signal);
      const publishId = str(data.publish_id);
      const uploadUrl = str(data.upload_url);
      if (!publishId || !uploadUrl) throw new PlatformError("transient", "TikTok video init: the answer had no publish_id or upload_url");
      return { publishId, uploadUrl };
    },
    status: (token: string, publishId: string, signal?: AbortSignal) =>
      post("TikTok post status", token, "/v2/post/publish/status/fetch/", { publish_id: publishId }, signal),
    async userInfo(token: string, fields: string, signal?: AbortSignal) {
      const url = `${config.apiBaseUrl}/v2/user/info/?fields=${encodeURIComponent(fields)}`;
      const data = await call({ method: "GET", url, token, signal, timeoutMs: config.timeoutMs, what: "TikTok profile" });
      return obj(data.user);
    },
    async videos(token: string, ids: string[], signal?: AbortSignal) {
      const path = `/v2/video/query/?fields=${encodeURIComponent("id,view_count,like_count,comment_count,share_count")}`;
      const data = await post("TikTok video metrics", token, path, { filters: { video_ids: ids } }, signal);
      return (Array.isArray(data.videos) ? data.videos : []).map(obj).flatMap((v) => {
        const id = str(v.id);
        return id ? [{ id, metrics: metricsOf(v) }] : [];
      });
    },
    token: (fields: Record<string, string | undefined>, what: string, signal?: AbortSignal) => tokenCall(config, fields, what, signal),
  };
}

const JSON_UTF8 = { "Content-Type": "application/json; charset=UTF-8" };

const metricsOf = (v: Record<string, unknown>): Metrics => ({
  views: num(v.view_count) ?? 0,
  likes: num(v.like_count) ?? 0,
  comments: num(v.comment_count) ?? 0,
  shares: num(v.share_count) ?? 0,
});

/** TikTok's 4xx answers carry an error code that says more than the status; 401 and 429 are left to http.ts (Retry-After). */
const ANSWERED_4XX = [400, 403, 404, 409, 413, 422];
const AUTH_CODES = ["access_token_invalid", "scope_not_authorized", "scope_permission_missed"];
const DAILY_CAP_CODES = ["spam_risk_too_many_posts", "spam_risk_too_many_pending_share"];

async function call(req: PlatformRequest): Promise<Record<string, unknown>> {
  const res = await platformRequest({ ...req, accept: ANSWERED_4XX });
  const error = obj(obj(res.json).error);
  const code = str(error.code);
  if (res.status < 300 && (code === null || code === "ok")) return obj(obj(res.json).data);
  const detail = `${req.what}: ${str(error.message) || code || `status ${res.status}`}`.slice(0, 300);
  if (code && AUTH_CODES.includes(code)) throw new PlatformError("auth", detail, { status: res.status });
  if (code === "rate_limit_exceeded") throw new PlatformError("rate_limited", detail, { status: res.status });
  if (code && DAILY_CAP_CODES.includes(code))
    throw new PlatformError("rate_limited", `${req.what}: TikTok's daily posting limit for this account is reached`, {
      status: res.status,
      retryAfterMs: DAILY_CAP_WAIT_MS,
    });
  throw new PlatformError("bad_request", detail, { status: res.status });
}

/** The OAuth v2 token endpoint, which answers errors as { error, error_description } rather than the API's error object. */
async function tokenCall(config: TikTokConfig, fields: Record<string, string | undefined>, what: string, signal?: AbortSignal): Promise<TokenSet> {
  const res = await platformRequest({
    method: "POST",
    url: `${config.apiBaseUrl}/v2/oauth/token/`,
    headers: FORM,
    body: formBody(fields),
    signal,
    timeoutMs: config.timeoutMs,
    accept: [400, 401],
    what,
  });
  const j = obj(res.json);
  const accessToken = str(j.access_token);
  if (res.status < 300 && accessToken) {
    const now = Date.now();
    const expiresIn = num(j.expires_in);
    const refreshExpiresIn = num(j.refresh_expires_in);
    return {
      accessToken,
      refreshToken: str(j.refresh_token),
      expiresAt: expiresIn === null ? null : new Date(now + expiresIn * 1000),
      refreshExpiresAt: refreshExpiresIn === null ? null : new Date(now + refreshExpiresIn * 1000),
      scopes: (str(j.scope) ?? "").split(",").filter(Boolean),
    };
  }
  const code = str(j.error) ?? `status ${res.status}`;
  const detail = `${what}: ${str(j.error_description) ?? code}`.slice(0, 300);
  // A refused grant (expired or revoked code or refresh token) means connecting the account again.
  throw new PlatformError(code === "invalid_grant" ? "auth" : "bad_request", detail, { status: res.status });
}

function tikTokOAuth(config: TikTokConfig, api: TikTokApi): OAuthSpec {
  return {
    pkce: true,
    scopes: TIKTOK_SCOPES,
    authorizeUrl({ client, redirectUri, state, codeChallenge }) {
      if (!codeChallenge) throw new Error("TikTok authorization needs a PKCE code challenge");
      const q = new URLSearchParams({
        client_key: client.clientId,
        scope: TIKTOK_SCOPES.join(","),
        response_type: "code",
        redirect_uri: redirectUri,
        state,
        code_challenge: codeChallenge,
        code_challenge_method: "S256",
      });
      return `${config.authBaseUrl}/v2/auth/authorize/?${q.toString()}`;
    },
    exchangeCode({ client, code, redirectUri, codeVerifier, signal }) {
      return api.token(
        {
          client_key: client.clientId,
          client_secret: client.clientSecret,
          code,
          grant_type: "authorization_code",
          redirect_uri: redirectUri,
          code_verifier: codeVerifier ?? undefined,
        },
        "TikTok authorization",
        signal,
      );
    },
    refresh({ client, refreshToken, signal }) {
      return api.token(
        { client_key: client.clientId, client_secret: client.clientSecret, grant_type: "refresh_token", refresh_token: refreshToken },
        "TikTok token refresh",
        signal,
      );
    },
    async profile({ accessToken, signal }) {
      const user = await api.userInfo(accessToken, "open_id,union_id,display_name,username", signal);
      const externalId = str(user.open_id);
      if (!externalId) throw new PlatformError("transient", "TikTok profile: the answer had no open_id");
      return { externalId, handle: `@${str(user.username) ?? str(user.display_name) ?? externalId}` };
    },
  };
}

const obj = (v: unknown): Record<string, unknown> => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && x !== "") : []);
