import fs from "node:fs/promises";
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
  type Published,
  type ReconcileResult,
  type StepContext,
  type TargetState,
  type TokenSet,
} from "./adapter";
import { FORM, formBody, platformRequest, type PlatformRequest, type PlatformResponse } from "./http";

/**
 * LinkedIn, for a member (urn:li:person) or an organization page (urn:li:organization), built to
 * LinkedIn's Community Management docs (learn.microsoft.com/linkedin/marketing/community-management):
 * the Videos API uploads (initializeUpload, a PUT per part, finalizeUpload, then GET until AVAILABLE),
 * the Posts API publishes and finds posts, memberCreatorPostAnalytics / memberFollowersCount (members)
 * and organizationalEntityShareStatistics / networkSizes (pages) report; OAuth 2.0 3-legged with
 * OpenID userinfo for the profile.
 */

/** LinkedIn's documented video limits (Videos API; the Posts API's commentary limit). */
export const LINKEDIN_LIMITS: PlatformLimits = {
  minDurationSec: 3,
  maxDurationSec: 30 * 60,
  minAspect: 1 / 2.4,
  maxAspect: 2.4,
  // "500 MB", read as decimal megabytes: the smaller reading never sends a file LinkedIn refuses.
  maxBytes: 500_000_000,
  videoCodecs: ["h264"],
  audioCodecs: ["aac"],
  maxCaptionChars: 3000,
  captions: "sidecar",
};

export interface LinkedInConfig {
  /** The versioned REST API (/rest/...) and OpenID userinfo (/v2/userinfo): https://api.linkedin.com. */
  apiBaseUrl: string;
  /** OAuth authorization and token endpoints: https://www.linkedin.com. */
  authBaseUrl: string;
  /** The LinkedIn-Version header, YYYYMM. */
  apiVersion: string;
  /** Per request, an upload part's PUT included (LinkedIn's parts are 4 MiB). */
  timeoutMs: number;
  /** The wait check and reconcile suggest while LinkedIn is still processing. */
  pollIntervalMs: number;
  /** Scopes asked for besides sign-in and posting, for apps granted them (analytics, reading posts). */
  extraScopes: readonly string[];
}

/** The Marketing version the adapter is written to; LinkedIn keeps a version for about a year. */
const API_VERSION = "202605";
const BASE_SCOPES = ["openid", "profile", "w_member_social"];

export function linkedInConfigFromEnv(env: Record<string, string | undefined> = process.env): LinkedInConfig {
  const base = (value: string | undefined, fallback: string) => (value?.trim() || fallback).replace(/\/+$/, "");
  return {
    apiBaseUrl: base(env.LINKEDIN_API_BASE_URL, "https://api.linkedin.com"),
    authBaseUrl: base(env.LINKEDIN_AUTH_BASE_URL, "https://www.linkedin.com"),
    apiVersion: env.LINKEDIN_API_VERSION?.trim() || API_VERSION,
    timeoutMs: 120_000,
    pollIntervalMs: 15_000,
    extraScopes: (env.LINKEDIN_EXTRA_SCOPES ?? "").split(/[\s,]+/).filter(Boolean),
  };
}

interface UploadPart {
  uploadUrl: string;
  firstByte: number;
  lastByte: number;
  /** The part PUT's ETag once it succeeded; finalizeUpload lists them in order. */
  etag: string | null;
}

export interface LinkedInState extends TargetState {
  /** urn:li:video:...; its presence means an upload session exists and must be reused. */
  video: string;
  uploadToken: string;
  parts: UploadPart[];
  captionsUploadUrl: string | null;
  captionsUploaded: boolean;
  /** Set before finalizeUpload: a retry first asks whether the last one went through. */
  finalizing: boolean;
  finalized: boolean;
  /** When the upload began (ms): reconcile stops at posts last modified well before it. */
  startedAt: number;
  /** The post's URN, once known. */
  postId: string;
}

type Ctx = StepContext<LinkedInState>;
type Saved = Partial<LinkedInState>;

export function createLinkedInAdapter(config: LinkedInConfig): PlatformAdapter<LinkedInState> {
  const as = (ctx: Ctx) => session(config, ctx.account.accessToken, ctx.signal);
  return {
    platform: "linkedin",
    limits: LINKEDIN_LIMITS,
    oauth: linkedInOAuth(config),
    start: (ctx) => start(as(ctx), ctx),
    check: (ctx) => check(as(ctx), config, ctx),
    commit: (ctx) => commit(as(ctx), ctx),
    reconcile: (ctx) => reconcile(as(ctx), ctx),
    insights: (args) => insights(session(config, args.account.accessToken, args.signal), args),
  };
}

// ---------------------------------------------------------------------------------------- requests

/** Calls made with one account's token: the versioned REST API (/rest/...) and the URLs LinkedIn hands out. */
interface Api {
  get(path: string, what: string, headers?: Record<string, string>): Promise<PlatformResponse>;
  post(path: string, body: unknown, what: string): Promise<PlatformResponse>;
  /** PUTs bytes to an upload URL from initializeUpload (a part, the captions). */
  put(url: string, body: Buffer, what: string): Promise<PlatformResponse>;
}

function session(config: LinkedInConfig, token: string, signal?: AbortSignal): Api {
  const versioned = { "LinkedIn-Version": config.apiVersion, "X-Restli-Protocol-Version": "2.0.0" };
  const send = (req: Omit<PlatformRequest, "token" | "signal" | "timeoutMs">) => platformRequest({ ...req, token, signal, timeoutMs: config.timeoutMs });
  const rest = (path: string) => `${config.apiBaseUrl}/rest/${path}`;
  return {
    get: (path, what, headers) => send({ method: "GET", url: rest(path), headers: { ...versioned, ...headers }, what }),
    post: (path, body, what) => send({ method: "POST", url: rest(path), headers: versioned, body, what }),
    put: (url, body, what) => send({ method: "PUT", url, headers: { "Content-Type": "application/octet-stream" }, body, what }),
  };
}

const urn = (value: string) => encodeURIComponent(value);

/** A field of LinkedIn's answer that must be there; a missing one means the API changed, which a retry will not fix. */
function field<T>(what: string, value: unknown, ok: (v: unknown) => v is T, name: string): T {
  if (ok(value)) return value;
  throw new PlatformError("bad_request", `${what}: LinkedIn's answer has no ${name}`);
}
const isString = (v: unknown): v is string => typeof v === "string" && v !== "";
const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isArray = (v: unknown): v is unknown[] => Array.isArray(v);
const record = (v: unknown): Record<string, unknown> => (v !== null && typeof v === "object" ? (v as Record<string, unknown>) : {});

// ------------------------------------------------------------------------------------------ upload

/** The state as this call has saved it: the engine's ctx.state is the one the step started with. */
function tracked(ctx: Ctx) {
  const s = {
    state: { ...ctx.state } as Saved,
    async save(patch: Saved) {
      s.state = { ...s.state, ...patch };
      await ctx.save(patch);
    },
  };
  return s;
}
type Tracked = ReturnType<typeof tracked>;

async function start(api: Api, ctx: Ctx): Promise<void> {
  const s = tracked(ctx);
  if (!s.state.video) {
    await s.save(await initializeUpload(api, ctx));
    await ctx.note("upload", `LinkedIn upload session ${s.state.video}`);
  }
  await uploadParts(api, ctx, s);
  await uploadCaptions(api, ctx, s);
  await finalizeUpload(api, ctx, s);
}

async function initializeUpload(api: Api, ctx: Ctx): Promise<Saved> {
  const what = "LinkedIn upload start";
  const { externalId: owner } = ctx.account;
  const request = { owner, fileSizeBytes: ctx.media.sizeBytes, uploadCaptions: ctx.media.srt !== null, uploadThumbnail: false };
  const res = await api.post("videos?action=initializeUpload", { initializeUploadRequest: request }, what);
  const value = record(record(res.json).value);
  const instructions = field(what, value.uploadInstructions, isArray, "uploadInstructions").map((i) => record(i));
  return {
    video: field(what, value.video, isString, "video"),
    uploadToken: typeof value.uploadToken === "string" ? value.uploadToken : "",
    parts: instructions.map((i) => ({
      uploadUrl: field(what, i.uploadUrl, isString, "uploadUrl"),
      firstByte: field(what, i.firstByte, isNumber, "firstByte"),
      lastByte: field(what, i.lastByte, isNumber, "lastByte"),
      etag: null,
    })),
    captionsUploadUrl: isString(value.captionsUploadUrl) ? value.captionsUploadUrl : null,
    captionsUploaded: false,
    finalizing: false,
    finalized: false,
    startedAt: Date.now(),
  };
}

/** PUTs every part without an ETag, in order, saving each ETag as it arrives: a retry sends only what is missing. */
async function uploadParts(api: Api, ctx: Ctx, s: Tracked): Promise<void> {
  const parts = [...(s.state.parts ?? [])];
  const file = await fs.open(ctx.media.path, "r");
  try {
    for (const [i, part] of parts.entries()) {
      if (part.etag) continue;
      const bytes = Buffer.alloc(part.lastByte - part.firstByte + 1);
      const { bytesRead } = await file.read(bytes, 0, bytes.length, part.firstByte);
      if (bytesRead !== bytes.length) throw new PlatformError("bad_request", "LinkedIn upload: the video is shorter than the size announced to LinkedIn");
      const what = `LinkedIn upload (part ${i + 1} of ${parts.length})`;
      const res = await api.put(part.uploadUrl, bytes, what);
      parts[i] = { ...part, etag: field(what, res.headers.etag, isString, "ETag header") };
      await s.save({ parts: [...parts] });
      await ctx.note("upload", `part ${i + 1} of ${parts.length}`);
    }
  } finally {
    await file.close();
  }
}

async function uploadCaptions(api: Api, ctx: Ctx, s: Tracked): Promise<void> {
  const { captionsUploadUrl, captionsUploaded } = s.state;
  if (ctx.media.srt === null || captionsUploaded) return;
  // A session opened without captions has no URL for them: the video goes out uncaptioned rather than re-uploaded.
  if (!captionsUploadUrl) return ctx.note("upload", "LinkedIn did not offer a captions upload; posting without captions");
  await api.put(captionsUploadUrl, Buffer.from(ctx.media.srt, "utf8"), "LinkedIn captions upload");
  await s.save({ captionsUploaded: true });
}

async function finalizeUpload(api: Api, ctx: Ctx, s: Tracked): Promise<void> {
  const { video, finalized, finalizing, uploadToken, parts } = s.state;
  if (!video || finalized) return;
  // The last finalize may have gone through without its answer reaching us; a second one would be refused.
  if (finalizing && (await videoStatus(api, video)) !== "WAITING_UPLOAD") return s.save({ finalized: true });
  await s.save({ finalizing: true });
  const request = { video, uploadToken: uploadToken ?? "", uploadedPartIds: (parts ?? []).map((p) => p.etag) };
  await api.post("videos?action=finalizeUpload", { finalizeUploadRequest: request }, "LinkedIn upload finish");
  await s.save({ finalized: true });
}

async function videoStatus(api: Api, video: string): Promise<string> {
  const res = await api.get(`videos/${urn(video)}`, "LinkedIn video status");
  return field("LinkedIn video status", record(res.json).status, isString, "status");
}

// ----------------------------------------------------------------------------------------- publish

async function check(api: Api, config: LinkedInConfig, ctx: Ctx): Promise<CheckResult> {
  const { video, finalized } = ctx.state;
  if (!video || !finalized) return { state: "failed", reason: "the video was never completely uploaded to LinkedIn" };
  const status = await videoStatus(api, video);
  if (status === "AVAILABLE") return { state: "ready" };
  if (status === "PROCESSING_FAILED") return { state: "failed", reason: "LinkedIn could not process the video" };
  return { state: "pending", retryAfterMs: config.pollIntervalMs, detail: `LinkedIn: ${status.toLowerCase().replace(/_/g, " ")}` };
}

const published = (postId: string): Published => ({ postId, url: `https://www.linkedin.com/feed/update/${postId}/` });

async function commit(api: Api, ctx: Ctx): Promise<CommitResult> {
  const { video, postId } = ctx.state;
  if (postId) return { state: "published", published: published(postId) };
  if (!video) throw new PlatformError("bad_request", "LinkedIn publish: there is no uploaded video to post");
  const res = await api.post("posts", postBody(ctx, video), "LinkedIn publish");
  const id = res.headers["x-restli-id"];
  // Posted, but nameless: reconcile finds it by its video.
  if (!id) throw new PlatformError("transient", "LinkedIn publish: LinkedIn did not say the new post's id");
  await ctx.save({ postId: id });
  return { state: "published", published: published(id) };
}

function postBody(ctx: Ctx, video: string) {
  return {
    author: ctx.account.externalId,
    commentary: littleText(ctx.post.caption),
    visibility: "PUBLIC",
    distribution: { feedDistribution: "MAIN_FEED", targetEntities: [], thirdPartyDistributionChannels: [] },
    content: { media: { title: ctx.post.title, id: video } },
    lifecycleState: "PUBLISHED",
    isReshareDisabledByAuthor: false,
  };
}

/**
 * The caption in the Posts API's "little text" format: its reserved characters escaped (else LinkedIn
 * cuts the text or reads it as markup), and #words as hashtag templates so they stay hashtags.
 */
export function littleText(text: string): string {
  const escape = (s: string) => s.replace(/[\\|{}@[\]()<>#*_~]/g, (c) => `\\${c}`);
  let out = "";
  let last = 0;
  for (const m of text.matchAll(/(?<![\p{L}\p{N}_])#([\p{L}\p{N}_]+)/gu)) {
    out += escape(text.slice(last, m.index)) + `{hashtag|\\#|${escape(m[1])}}`;
    last = m.index + m[0].length;
  }
  return out + escape(text.slice(last));
}

// --------------------------------------------------------------------------------------- reconcile

const PAGE = 50;
const MAX_PAGES = 20;
/** Slack between our clock and LinkedIn's when telling posts older than the upload. */
const CLOCK_SKEW_MS = 10 * 60_000;

async function reconcile(api: Api, ctx: Ctx): Promise<ReconcileResult> {
  const { video, postId, startedAt } = ctx.state;
  if (postId) return { state: "published", published: published(postId) };
  if (!video) return { state: "absent" };
  for (let page = 0; page < MAX_PAGES; page++) {
    const { found, exhausted } = await findPostOfVideo(api, ctx, video, page * PAGE, (startedAt ?? 0) - CLOCK_SKEW_MS);
    if (found) {
      await ctx.save({ postId: found });
      return { state: "published", published: published(found) };
    }
    if (exhausted) return { state: "absent" };
  }
  // Never "absent" without having looked everywhere: that answer lets the engine post again.
  return { state: "failed", reason: `could not tell whether LinkedIn has the post: more than ${PAGE * MAX_PAGES} posts since the upload` };
}

/** One page of the author's posts, newest change first; exhausted once the page ends or reaches posts older than the upload. */
async function findPostOfVideo(api: Api, ctx: Ctx, video: string, start: number, notBefore: number) {
  const path = `posts?author=${urn(ctx.account.externalId)}&q=author&count=${PAGE}&start=${start}&sortBy=LAST_MODIFIED`;
  const res = await api.get(path, "LinkedIn post lookup", { "X-RestLi-Method": "FINDER" });
  const posts = field("LinkedIn post lookup", record(res.json).elements, isArray, "elements").map((p) => record(p));
  const match = posts.find((p) => record(record(p.content).media).id === video);
  const older = posts.some((p) => isNumber(p.lastModifiedAt) && p.lastModifiedAt < notBefore);
  return { found: match && isString(match.id) ? match.id : null, exhausted: posts.length < PAGE || older };
}

// ---------------------------------------------------------------------------------------- insights

interface InsightsArgs {
  account: AccountCredentials;
  postIds: string[];
  signal?: AbortSignal;
}

/**
 * Lifetime totals. Members: memberCreatorPostAnalytics (IMPRESSION as views: LinkedIn reports no
 * video-view count for member posts; REACTION as likes; COMMENT; RESHARE) and memberFollowersCount.
 * Pages: organizationalEntityShareStatistics (impressionCount, likeCount, commentCount, shareCount)
 * and networkSizes' firstDegreeSize.
 */
async function insights(api: Api, { account, postIds }: InsightsArgs): Promise<InsightsResult> {
  const id = account.externalId;
  const [followers, posts] = await Promise.all(
    id.startsWith("urn:li:organization:")
      ? [pageFollowers(api, id), pageShareStatistics(api, id, postIds)]
      : [memberFollowers(api), memberPostMetrics(api, postIds)],
  );
  return { followers, posts };
}

async function memberFollowers(api: Api): Promise<number> {
  const what = "LinkedIn followers";
  const res = await api.get("memberFollowersCount?q=me", what);
  const first = record(field(what, record(res.json).elements, isArray, "elements")[0]);
  return field(what, first.memberFollowersCount, isNumber, "memberFollowersCount");
}

const MEMBER_METRICS = { views: "IMPRESSION", likes: "REACTION", comments: "COMMENT", shares: "RESHARE" } as const;

async function memberPostMetrics(api: Api, postIds: string[]): Promise<Record<string, Metrics>> {
  const out: Record<string, Metrics> = {};
  for (const postId of postIds) {
    const counts = await Promise.all(Object.values(MEMBER_METRICS).map((queryType) => memberPostMetric(api, postId, queryType)));
    const [views, likes, comments, shares] = counts;
    out[postId] = { views, likes, comments, shares };
  }
  return out;
}

/** The analytics finder names a post by its kind: (share:urn) or (ugc:urn). */
function analyticsEntity(postId: string): string {
  if (postId.startsWith("urn:li:share:")) return `(share:${urn(postId)})`;
  if (postId.startsWith("urn:li:ugcPost:")) return `(ugc:${urn(postId)})`;
  throw new PlatformError("bad_request", `LinkedIn analytics: ${postId} is not a post URN`);
}

async function memberPostMetric(api: Api, postId: string, queryType: string): Promise<number> {
  const what = "LinkedIn post analytics";
  const res = await api.get(`memberCreatorPostAnalytics?q=entity&entity=${analyticsEntity(postId)}&queryType=${queryType}&aggregation=TOTAL`, what);
  const elements = field(what, record(res.json).elements, isArray, "elements");
  return elements.reduce<number>((sum, e) => sum + (isNumber(record(e).count) ? (record(e).count as number) : 0), 0);
}

async function pageFollowers(api: Api, page: string): Promise<number> {
  const what = "LinkedIn page followers";
  const res = await api.get(`networkSizes/${urn(page)}?edgeType=COMPANY_FOLLOWED_BY_MEMBER`, what);
  return field(what, record(res.json).firstDegreeSize, isNumber, "firstDegreeSize");
}

async function pageShareStatistics(api: Api, page: string, postIds: string[]): Promise<Record<string, Metrics>> {
  if (!postIds.length) return {};
  const list = (prefix: string) => postIds.filter((id) => id.startsWith(prefix)).map(urn);
  const [shares, ugcPosts] = [list("urn:li:share:"), list("urn:li:ugcPost:")];
  const what = "LinkedIn page post statistics";
  const path =
    `organizationalEntityShareStatistics?q=organizationalEntity&organizationalEntity=${urn(page)}` +
    (shares.length ? `&shares=List(${shares.join(",")})` : "") +
    (ugcPosts.length ? `&ugcPosts=List(${ugcPosts.join(",")})` : "");
  const res = await api.get(path, what);
  const out: Record<string, Metrics> = {};
  for (const element of field(what, record(res.json).elements, isArray, "elements").map((e) => record(e))) {
    const id = isString(element.share) ? element.share : element.ugcPost;
    const t = record(element.totalShareStatistics);
    const n = (v: unknown) => (isNumber(v) ? v : 0);
    if (isString(id)) out[id] = { views: n(t.impressionCount), likes: n(t.likeCount), comments: n(t.commentCount), shares: n(t.shareCount) };
  }
  return out;
}

// ------------------------------------------------------------------------------------------- OAuth

function linkedInOAuth(config: LinkedInConfig): OAuthSpec {
  const scopes = [...new Set([...BASE_SCOPES, ...config.extraScopes])];
  return {
    // LinkedIn's web (confidential) clients authenticate with the secret; PKCE is for its native apps.
    pkce: false,
    scopes,
    authorizeUrl: ({ client, redirectUri, state }) =>
      `${config.authBaseUrl}/oauth/v2/authorization?response_type=code&client_id=${encodeURIComponent(client.clientId)}` +
      `&redirect_uri=${encodeURIComponent(redirectUri)}&state=${encodeURIComponent(state)}&scope=${encodeURIComponent(scopes.join(" "))}`,
    exchangeCode: ({ client, code, redirectUri, signal }) =>
      tokenRequest(
        config,
        { grant_type: "authorization_code", code, redirect_uri: redirectUri, client_id: client.clientId, client_secret: client.clientSecret },
        signal,
      ),
    refresh: ({ client, refreshToken, signal }) =>
      tokenRequest(
        config,
        { grant_type: "refresh_token", refresh_token: refreshToken, client_id: client.clientId, client_secret: client.clientSecret },
        signal,
      ),
    profile: async ({ accessToken, signal }) => {
      const what = "LinkedIn profile";
      const res = await platformRequest({
        method: "GET",
        url: `${config.apiBaseUrl}/v2/userinfo`,
        token: accessToken,
        signal,
        timeoutMs: config.timeoutMs,
        what,
      });
      const info = record(res.json);
      const sub = field(what, info.sub, isString, "sub");
      return { externalId: `urn:li:person:${sub}`, handle: isString(info.name) ? info.name : sub };
    },
  };
}

async function tokenRequest(config: LinkedInConfig, fields: Record<string, string>, signal?: AbortSignal): Promise<TokenSet> {
  const what = "LinkedIn sign-in";
  const res = await platformRequest({
    method: "POST",
    url: `${config.authBaseUrl}/oauth/v2/accessToken`,
    headers: FORM,
    body: formBody(fields),
    signal,
    timeoutMs: config.timeoutMs,
    accept: [400, 401],
    what,
  });
  const json = record(res.json);
  if (res.status >= 400) {
    // LinkedIn answers invalid_request (or invalid_grant) for a used, expired or revoked code or
    // refresh token: only signing in again helps. invalid_client (401) is our app's configuration.
    const kind = json.error === "invalid_grant" || json.error === "invalid_request" ? "auth" : "bad_request";
    const detail = [json.error_description, json.error].find(isString) ?? `status ${res.status}`;
    throw new PlatformError(kind, `${what}: ${detail.slice(0, 300)}`, { status: res.status });
  }
  const now = Date.now();
  const seconds = (v: unknown) => (isNumber(v) ? new Date(now + v * 1000) : null);
  return {
    accessToken: field(what, json.access_token, isString, "access_token"),
    refreshToken: isString(json.refresh_token) ? json.refresh_token : null,
    expiresAt: seconds(json.expires_in),
    refreshExpiresAt: seconds(json.refresh_token_expires_in),
    scopes: typeof json.scope === "string" ? json.scope.split(/[\s,]+/).filter(Boolean) : [],
  };
}
