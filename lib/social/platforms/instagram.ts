import {
  PlatformError,
  type AccountCredentials,
  type CheckResult,
  type Metrics,
  type OAuthSpec,
  type PlatformAdapter,
  type PlatformLimits,
  type Published,
  type ReconcileResult,
  type StepContext,
  type TokenSet,
} from "./adapter";
import { errorFor, FORM, formBody, platformMessage, platformRequest, retryAfterMs, type PlatformRequest, type PlatformResponse } from "./http";

/**
 * Instagram Reels through the Instagram API with Instagram Login (Business Login for Instagram,
 * graph.instagram.com), Meta's recommended setup for accounts that need no Facebook Page.
 *
 *   start  = POST /{ig-user-id}/media (media_type=REELS, video_url): Instagram fetches the file itself
 *   check  = GET /{container-id}?fields=status_code,status
 *   commit = GET /{ig-user-id}/content_publishing_limit, then POST /{ig-user-id}/media_publish (irreversible)
 *   reconcile = the container's status_code (PUBLISHED, FINISHED...) and the account's media list
 */

export interface InstagramConfig {
  /** graph.instagram.com: the Graph API, the long-lived token exchange and its refresh. */
  apiBaseUrl: string;
  /** api.instagram.com: the authorization-code exchange. */
  authBaseUrl: string;
  /** The authorization window the creator is sent to (a browser page, never requested by the server). */
  authorizeUrl: string;
  /** The Graph API version in every versioned path, e.g. "v26.0". */
  apiVersion: string;
  /** Per request. */
  timeoutMs: number;
  /** How long check and reconcile ask the engine to wait before polling again. */
  pollIntervalMs: number;
}

export type InstagramState = {
  /** The IG Container start created; Instagram fetches the video into it. */
  containerId: string;
  /** When commit asked for the publish (ISO): reconcile looks for the post from then on. */
  publishingSince: string;
  /** The published media's id, once media_publish answered. */
  mediaId: string;
};

/** Reels published through the API (the IG User Media reference's Reels specifications). */
export const INSTAGRAM_LIMITS: PlatformLimits = {
  minDurationSec: 3,
  maxDurationSec: 15 * 60,
  minAspect: 0.01,
  maxAspect: 10,
  maxBytes: 300_000_000,
  videoCodecs: ["h264", "hevc"],
  audioCodecs: ["aac"],
  maxCaptionChars: 2200,
  // The API takes no subtitle track for Reels.
  captions: "burned",
};

const MAX_HASHTAGS = 30;

/** Publishing needs content_publish; insights (views, likes...) need manage_insights. */
export const INSTAGRAM_SCOPES = ["instagram_business_basic", "instagram_business_content_publish", "instagram_business_manage_insights"] as const;

export function instagramConfigFromEnv(env: Record<string, string | undefined> = process.env): InstagramConfig {
  return {
    apiBaseUrl: trimSlash(env.INSTAGRAM_API_BASE_URL || "https://graph.instagram.com"),
    authBaseUrl: trimSlash(env.INSTAGRAM_AUTH_BASE_URL || "https://api.instagram.com"),
    authorizeUrl: env.INSTAGRAM_AUTHORIZE_URL || "https://www.instagram.com/oauth/authorize",
    apiVersion: env.INSTAGRAM_API_VERSION || "v26.0",
    timeoutMs: 60_000,
    // Meta recommends polling a container's status about once a minute.
    pollIntervalMs: 60_000,
  };
}

const trimSlash = (s: string) => s.replace(/\/+$/, "");

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");
const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);

// Graph API answers errors with 4xx and 5xx alike; they are read here rather than by http.ts,
// because the Graph error code (not the status) says what happened.
const ANY_ERROR = Array.from({ length: 200 }, (_, i) => 400 + i);
// Throttling (4 app, 17 user, 32 page, 613 calls per time) and 9 with subcode 2207042: the daily
// publishing limit. Graph sends most of them with HTTP 400.
const RATE_LIMIT_CODES = new Set([4, 9, 17, 32, 613]);
// "Instagram server error", "It takes too long to download the media" and the like: try again.
const TRANSIENT_CODES = new Set([-2, -1, 1, 2]);
const EXPIRED_TOKEN = 190;

/** The Graph error object, when the answer carries one. */
function graphError(json: unknown): { code: number | null; transient: boolean } {
  const err = obj(obj(json).error);
  return { code: typeof err.code === "number" ? err.code : null, transient: err.is_transient === true };
}

function classify(what: string, res: PlatformResponse): PlatformError {
  const { code, transient } = graphError(res.json);
  const status = res.status;
  // api.instagram.com's OAuth errors say `error_message` rather than Graph's `error.message`.
  const detail = platformMessage(res.json, str(obj(res.json).error_message) || `status ${status}`);
  if (code === EXPIRED_TOKEN) return new PlatformError("auth", `${what}: the Instagram authorization has expired or was revoked (${detail})`, { status });
  if (status === 429 || (code !== null && RATE_LIMIT_CODES.has(code)))
    return new PlatformError("rate_limited", `${what}: Instagram is limiting requests (${detail})`, {
      status,
      retryAfterMs: retryAfterMs(res.headers["retry-after"]),
    });
  if (transient || (code !== null && TRANSIENT_CODES.has(code))) return new PlatformError("transient", `${what}: ${detail}`, { status });
  return errorFor(what, res);
}

/** One Graph request; resolves with the JSON object of a 2xx answer, throws a classified PlatformError otherwise. */
async function graph(req: PlatformRequest): Promise<Json> {
  const res = await platformRequest({ ...req, accept: ANY_ERROR });
  if (res.status >= 400) throw classify(req.what, res);
  return obj(res.json);
}

function withQuery(base: string, query: Record<string, string>): string {
  const url = new URL(base);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return url.toString();
}

/** Caption rules the container creation enforces; refused before anything is sent. */
function captionProblem(caption: string): string | null {
  if ([...caption].length > INSTAGRAM_LIMITS.maxCaptionChars) return `the caption is longer than ${INSTAGRAM_LIMITS.maxCaptionChars} characters`;
  const hashtags = caption.match(/#[\p{L}\p{N}_]+/gu)?.length ?? 0;
  if (hashtags > MAX_HASHTAGS) return `the caption has ${hashtags} hashtags; Instagram allows ${MAX_HASHTAGS}`;
  return null;
}

function tokenSet(json: Json, scopes: string[], what: string): TokenSet {
  const accessToken = str(json.access_token);
  if (!accessToken) throw new PlatformError("transient", `${what}: Instagram's answer carried no access token`);
  const expiresIn = num(json.expires_in);
  const expiresAt = expiresIn > 0 ? new Date(Date.now() + expiresIn * 1000) : null;
  // Instagram has no refresh token: the long-lived access token itself is refreshed, while it is still valid.
  return { accessToken, refreshToken: accessToken, expiresAt, refreshExpiresAt: expiresAt, scopes };
}

/** `permissions` comes as "a,b" or ["a", "b"]. */
function scopesOf(v: unknown): string[] {
  const items = Array.isArray(v) ? v.map(str) : str(v).split(",");
  return items.map((s) => s.trim()).filter(Boolean);
}

/** Reads a media insights row: { name, values: [{ value }] }, or { total_value: { value } } in newer answers. */
function metricValue(row: Json): number {
  const first = obj(list(row.values)[0]);
  return num(first.value ?? obj(row.total_value).value);
}

export function createInstagramAdapter(config: InstagramConfig): PlatformAdapter<InstagramState> {
  const api = (path: string, query: Record<string, string> = {}) => withQuery(`${config.apiBaseUrl}/${config.apiVersion}/${path}`, query);
  const { timeoutMs, pollIntervalMs } = config;

  /** Graph calls on behalf of one account. */
  function client(account: AccountCredentials, signal?: AbortSignal) {
    const token = account.accessToken;
    return {
      get: (what: string, path: string, query: Record<string, string>) => graph({ method: "GET", url: api(path, query), token, signal, timeoutMs, what }),
      post: (what: string, path: string, fields: Record<string, string>) =>
        graph({ method: "POST", url: api(path), token, signal, timeoutMs, what, headers: FORM, body: formBody(fields) }),
    };
  }
  const forStep = (ctx: StepContext<InstagramState>) => client(ctx.account, ctx.signal);

  async function containerStatus(ctx: StepContext<InstagramState>, containerId: string) {
    const j = await forStep(ctx).get("Instagram processing status", containerId, { fields: "status_code,status" });
    return { code: str(j.status_code), status: str(j.status) };
  }

  function failureReason(code: string, status: string): string {
    if (code === "EXPIRED") return "Instagram discarded the upload: a video not published within 24 hours expires";
    if (code === "ERROR") return `Instagram could not process the video (${status || "no reason given"})`;
    return `Instagram reported an unknown processing status (${code || "none"})`;
  }

  async function createContainer(ctx: StepContext<InstagramState>): Promise<void> {
    const j = await forStep(ctx).post("Instagram upload", `${ctx.account.externalId}/media`, {
      media_type: "REELS",
      video_url: ctx.media.publicUrl,
      caption: ctx.post.caption,
      share_to_feed: "true",
    });
    const containerId = str(j.id);
    if (!containerId) throw new PlatformError("transient", "Instagram upload: the answer carried no container id");
    await ctx.save({ containerId });
    await ctx.note("upload", "Instagram is fetching the video");
  }

  async function lookup(ctx: StepContext<InstagramState>, mediaId: string): Promise<Published> {
    const j = await forStep(ctx).get("Instagram post lookup", mediaId, { fields: "id,permalink" });
    return { postId: mediaId, url: str(j.permalink) || null };
  }

  /**
   * When the account's daily publishing quota will have room again: the oldest post still inside
   * the window leaves it `duration` after it was made. Posts made in the app count in the list but
   * not against the API's quota, so this errs early, and the engine's next try asks again.
   */
  async function quotaFreesInMs(ctx: StepContext<InstagramState>, total: number, durationSec: number): Promise<number> {
    const j = await forStep(ctx).get("Instagram recent posts", `${ctx.account.externalId}/media`, { fields: "timestamp", limit: String(total) });
    const windowStart = Date.now() - durationSec * 1000;
    const inWindow = list(j.data)
      .map((m) => Date.parse(str(obj(m).timestamp)))
      .filter((t) => t >= windowStart);
    const oldest = inWindow.length ? Math.min(...inWindow) : Date.now();
    return Math.max(60_000, oldest + durationSec * 1000 - Date.now());
  }

  async function ensureQuota(ctx: StepContext<InstagramState>): Promise<void> {
    const j = await forStep(ctx).get("Instagram publishing limit", `${ctx.account.externalId}/content_publishing_limit`, { fields: "quota_usage,config" });
    const row = obj(list(j.data)[0]);
    const quota = obj(row.config);
    const total = num(quota.quota_total);
    if (!total || num(row.quota_usage) < total) return;
    const duration = num(quota.quota_duration) || 86_400;
    throw new PlatformError("rate_limited", `Instagram allows ${total} posts a day through its API and this account has used them all`, {
      retryAfterMs: await quotaFreesInMs(ctx, total, duration),
    });
  }

  /**
   * The post a publish made, found by caption among the account's media since the publish began
   * (minus five minutes for the clocks' disagreement): the container does not name its media.
   * The earliest match is ours, as nothing else publishes this container.
   */
  async function findPublished(ctx: StepContext<InstagramState>): Promise<Published | null> {
    const j = await forStep(ctx).get("Instagram recent posts", `${ctx.account.externalId}/media`, { fields: "id,permalink,caption,timestamp", limit: "25" });
    const since = Date.parse(ctx.state.publishingSince ?? "") - 5 * 60_000;
    const matches = list(j.data)
      .map(obj)
      .filter((m) => str(m.caption) === ctx.post.caption && !(Date.parse(str(m.timestamp)) < since))
      .sort((a, b) => Date.parse(str(a.timestamp)) - Date.parse(str(b.timestamp)));
    const found = matches[0];
    return found ? { postId: str(found.id), url: str(found.permalink) || null } : null;
  }

  const oauth: OAuthSpec = {
    pkce: false,
    scopes: INSTAGRAM_SCOPES,
    authorizeUrl({ client, redirectUri, state }) {
      return withQuery(config.authorizeUrl, {
        client_id: client.clientId,
        redirect_uri: redirectUri,
        response_type: "code",
        scope: INSTAGRAM_SCOPES.join(","),
        state,
      });
    },
    async exchangeCode({ client, code, redirectUri, signal }) {
      const what = "Instagram sign-in";
      const fields = { client_id: client.clientId, client_secret: client.clientSecret, grant_type: "authorization_code", redirect_uri: redirectUri, code };
      const short = await graph({
        method: "POST",
        url: `${config.authBaseUrl}/oauth/access_token`,
        headers: FORM,
        body: formBody(fields),
        signal,
        timeoutMs,
        what,
      });
      // Business Login answers { data: [{ access_token, user_id, permissions }] }; the older reference shows the row bare.
      const row = obj(list(short.data)[0] ?? short);
      const shortToken = str(row.access_token);
      if (!shortToken) throw new PlatformError("transient", `${what}: Instagram's answer carried no access token`);
      // The code's token lasts an hour; the long-lived one 60 days.
      const long = await graph({
        method: "GET",
        url: withQuery(`${config.apiBaseUrl}/access_token`, { grant_type: "ig_exchange_token", client_secret: client.clientSecret, access_token: shortToken }),
        signal,
        timeoutMs,
        what,
      });
      return tokenSet(long, scopesOf(row.permissions), what);
    },
    async refresh({ refreshToken, signal }) {
      const what = "Instagram token refresh";
      const url = withQuery(`${config.apiBaseUrl}/refresh_access_token`, { grant_type: "ig_refresh_token", access_token: refreshToken });
      // The refresh answer does not list permissions: they are the ones granted at sign-in.
      return tokenSet(await graph({ method: "GET", url, signal, timeoutMs, what }), [], what);
    },
    async profile({ accessToken, signal }) {
      const j = await graph({
        method: "GET",
        url: api("me", { fields: "user_id,username" }),
        token: accessToken,
        signal,
        timeoutMs,
        what: "Instagram profile",
      });
      // `user_id` is the professional account's id that publishing takes; `id` is app-scoped.
      const externalId = str(j.user_id) || str(j.id);
      if (!externalId) throw new PlatformError("transient", "Instagram profile: the answer carried no account id");
      return { externalId, handle: `@${str(j.username) || externalId}` };
    },
  };

  return {
    platform: "instagram",
    limits: INSTAGRAM_LIMITS,
    oauth,

    async start(ctx) {
      const problem = captionProblem(ctx.post.caption);
      if (problem) throw new PlatformError("bad_request", `Instagram upload: ${problem}`);
      const saved = ctx.state.containerId;
      if (saved) {
        const { code } = await containerStatus(ctx, saved);
        // One container per post: a second would be a second copy Instagram could publish.
        if (code !== "ERROR" && code !== "EXPIRED") return;
        await ctx.note("upload", `Instagram could not use the earlier upload (${code}); sending the video again`);
      }
      await createContainer(ctx);
    },

    async check(ctx): Promise<CheckResult> {
      const containerId = ctx.state.containerId;
      if (!containerId) return { state: "failed", reason: "the video was never sent to Instagram" };
      const { code, status } = await containerStatus(ctx, containerId);
      if (code === "FINISHED" || code === "PUBLISHED") return { state: "ready" };
      if (code === "IN_PROGRESS") return { state: "pending", retryAfterMs: pollIntervalMs, detail: "Instagram is processing the video" };
      return { state: "failed", reason: failureReason(code, status) };
    },

    async commit(ctx) {
      const containerId = ctx.state.containerId;
      if (!containerId) throw new PlatformError("bad_request", "Instagram publish: the video was never sent to Instagram");
      await ensureQuota(ctx);
      await ctx.save({ publishingSince: new Date().toISOString() });
      const j = await forStep(ctx).post("Instagram publish", `${ctx.account.externalId}/media_publish`, { creation_id: containerId });
      const mediaId = str(j.id);
      // Without the id the outcome is unknown to us: reconcile finds the post.
      if (!mediaId) throw new PlatformError("transient", "Instagram publish: the answer carried no post id");
      await ctx.save({ mediaId });
      return { state: "published", published: await lookup(ctx, mediaId) };
    },

    async reconcile(ctx): Promise<ReconcileResult> {
      const containerId = ctx.state.containerId;
      if (!containerId) return { state: "absent" };
      if (ctx.state.mediaId) return { state: "published", published: await lookup(ctx, ctx.state.mediaId) };
      const { code, status } = await containerStatus(ctx, containerId);
      if (code === "FINISHED") return { state: "absent" };
      if (code === "IN_PROGRESS") return { state: "pending", retryAfterMs: pollIntervalMs, detail: "Instagram is processing the video" };
      if (code !== "PUBLISHED") return { state: "failed", reason: failureReason(code, status) };
      const published = await findPublished(ctx);
      // Published but not yet listed: the media list can lag the container's status.
      if (!published) return { state: "pending", retryAfterMs: pollIntervalMs, detail: "Instagram published the video; waiting for the post to be listed" };
      return { state: "published", published };
    },

    async insights({ account, postIds, signal }) {
      const graphOf = client(account, signal);
      const me = await graphOf.get("Instagram followers", account.externalId, { fields: "followers_count,username" });
      const posts: Record<string, Metrics> = {};
      for (const id of postIds) {
        const j = await graphOf.get("Instagram post insights", `${id}/insights`, { metric: "views,likes,comments,shares" });
        // A metric Instagram has no data for yet is missing from the answer rather than 0.
        const byName = new Map(list(j.data).map((row) => [str(obj(row).name), metricValue(obj(row))]));
        posts[id] = {
          views: byName.get("views") ?? 0,
          likes: byName.get("likes") ?? 0,
          comments: byName.get("comments") ?? 0,
          shares: byName.get("shares") ?? 0,
        };
      }
      return { followers: typeof me.followers_count === "number" ? me.followers_count : null, posts };
    },
  };
}
