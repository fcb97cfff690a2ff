import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import { listenLocal, type LocalServer } from "@/lib/test/local-server";

/**
 * A local TikTok for tests and dev servers: the documented requests and answers of the Content
 * Posting API (Direct Post: creator_info, video/init, chunked PUTs, status/fetch), OAuth v2's token
 * endpoint, user/info and video/query, checked the way TikTok checks them (Bearer tokens, required
 * fields, privacy level among the creator's options, chunk sizes, chunks in order with exact
 * Content-Range). The authorize page is not served: issueCode() stands for a creator who said yes.
 *
 * Faults to inject: failNext (a status, with Retry-After for 429), cutNextChunk (the connection
 * drops mid-chunk), delayPublish (the last chunk is taken and the video posted, the answer comes
 * late), expireToken (401 until refreshed), processingPolls (status polls before it is public).
 */

/** Calls as tests name them: "upload" is a chunk PUT but the last, "publish" the last one (which makes TikTok post). */
export type TikTokEndpoint = "token" | "refresh" | "profile" | "creator_info" | "init" | "upload" | "publish" | "status" | "insights";

export interface FakeTikTokUser {
  openId: string;
  unionId: string;
  username: string;
  displayName: string;
  followerCount: number;
}

export interface FakeTikTokPost {
  publishId: string;
  /** video/init's post_info and source_info, as received. */
  postInfo: Record<string, unknown>;
  sourceInfo: { video_size: number; chunk_size: number; total_chunk_count: number };
  /** The Content-Range of every chunk taken, in order. */
  ranges: string[];
  /** The bytes taken so far, in order. */
  media: Buffer;
  failReason: string | null;
  /** Set once the last chunk is in (and the post is public). */
  postId: string | null;
  /** Status polls left that still answer PROCESSING_UPLOAD after the last chunk. */
  pollsLeft: number;
  stats: { views: number; likes: number; comments: number; shares: number };
}

export interface FakeTikTokOptions {
  clientKey?: string;
  clientSecret?: string;
  /** TikTok's documented minimum is 5 MB; tests pass less to upload small files in several chunks. */
  minChunkBytes?: number;
  processingPolls?: number;
  maxVideoPostDurationSec?: number;
  privacyLevelOptions?: string[];
  interactionsDisabled?: { comment?: boolean; duet?: boolean; stitch?: boolean };
  user?: Partial<FakeTikTokUser>;
}

type Fault = { times: number; status: number; retryAfterSec?: number; code?: string };

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

const MB = 1024 * 1024;
const MAX_CHUNK = 64 * MB;
const MAX_LAST_CHUNK = 128 * MB;
const MAX_CHUNKS = 1000;
const MAX_TITLE = 2200;
const ENDPOINTS: TikTokEndpoint[] = ["token", "refresh", "profile", "creator_info", "init", "upload", "publish", "status", "insights"];
const USER_FIELDS: Record<string, (u: FakeTikTokUser) => unknown> = {
  open_id: (u) => u.openId,
  union_id: (u) => u.unionId,
  display_name: (u) => u.displayName,
  username: (u) => u.username,
  follower_count: (u) => u.followerCount,
};
const VIDEO_FIELDS: Record<string, (p: FakeTikTokPost) => unknown> = {
  id: (p) => p.postId,
  title: (p) => p.postInfo.title,
  view_count: (p) => p.stats.views,
  like_count: (p) => p.stats.likes,
  comment_count: (p) => p.stats.comments,
  share_count: (p) => p.stats.shares,
};

const token = (prefix: string) => `${prefix}.${randomBytes(12).toString("hex")}`;
const logId = () => randomBytes(8).toString("hex").toUpperCase();
const ok = (data: unknown): Answer => ({ status: 200, body: { data, error: { code: "ok", message: "", log_id: logId() } } });
const apiError = (status: number, code: string, message: string, headers?: Record<string, string>): Answer => ({
  status,
  headers,
  body: { error: { code, message, log_id: logId() } },
});
const oauthError = (status: number, error: string, description: string): Answer => ({
  status,
  body: { error, error_description: description, log_id: logId() },
});

export class FakeTikTok {
  url = "";
  readonly clientKey: string;
  readonly clientSecret: string;
  readonly user: FakeTikTokUser;
  /** A live access token of `user` and its refresh token, as if the account were connected already. */
  readonly accessToken = token("act");
  readonly refreshToken = token("rft");
  readonly posts: FakeTikTokPost[] = [];
  /** Videos actually posted: the exactly-once tests read it. */
  publishes = 0;
  readonly calls = Object.fromEntries(ENDPOINTS.map((e) => [e, 0])) as Record<TikTokEndpoint, number>;
  processingPolls: number;
  minChunkBytes: number;
  /** Refreshes answer without a refresh_token (the old one stays good). */
  omitRefreshToken = false;

  private readonly opts: FakeTikTokOptions;
  private server: LocalServer | null = null;
  private readonly tokens = new Set<string>([this.accessToken]);
  private readonly expired = new Set<string>();
  private readonly refreshTokens = new Set<string>([this.refreshToken]);
  private readonly codes = new Map<string, { redirectUri: string; codeChallenge: string | null }>();
  private readonly faults = new Map<TikTokEndpoint, Fault>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private cutAfterBytes: number | null = null;
  private publishDelayMs = 0;
  private nextPostFails: string | null = null;

  constructor(opts: FakeTikTokOptions = {}) {
    this.opts = opts;
    this.clientKey = opts.clientKey ?? "fake-client-key";
    this.clientSecret = opts.clientSecret ?? "fake-client-secret";
    this.processingPolls = opts.processingPolls ?? 0;
    this.minChunkBytes = opts.minChunkBytes ?? 5 * MB;
    this.user = {
      openId: "open-id-1",
      unionId: "union-id-1",
      username: "cinetwin.creator",
      displayName: "Cinetwin Creator",
      followerCount: 1234,
      ...opts.user,
    };
  }

  async listen(): Promise<void> {
    this.server = await listenLocal((req, res) => {
      this.handle(req, res).catch((e: unknown) => reply(res, apiError(500, "internal_error", String(e))));
    });
    this.url = this.server.url;
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    await this.server?.close();
  }

  /** What the authorize page would redirect back with once the creator agreed. */
  issueCode(args: { redirectUri: string; codeChallenge?: string | null }): string {
    const code = token("code");
    this.codes.set(code, { redirectUri: args.redirectUri, codeChallenge: args.codeChallenge ?? null });
    return code;
  }

  /** The next `times` calls of `endpoint` answer `status` (429: rate_limit_exceeded with Retry-After). */
  failNext(endpoint: TikTokEndpoint, fault: { status: number; times?: number; retryAfterSec?: number; code?: string }): void {
    this.faults.set(endpoint, { ...fault, times: fault.times ?? 1 });
  }

  /** The next chunk PUT loses its connection after `afterBytes` of its body. */
  cutNextChunk(afterBytes: number): void {
    this.cutAfterBytes = afterBytes;
  }

  /** The next last chunk is taken and the video posted, but the answer waits `ms`. */
  delayPublish(ms: number): void {
    this.publishDelayMs = ms;
  }

  /** Calls with `accessToken` answer 401 access_token_invalid from now on. */
  expireToken(accessToken: string): void {
    this.expired.add(accessToken);
  }

  /** The next video to get its last chunk fails processing with `reason` instead of posting. */
  failNextPost(reason: string): void {
    this.nextPostFails = reason;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.url);
    const endpoint = this.endpointOf(req, url);
    if (!endpoint) return reply(res, apiError(404, "not_found", `no ${req.method} ${url.pathname}`));
    if ((endpoint === "upload" || endpoint === "publish") && this.cutAfterBytes !== null) return this.cut(req, endpoint);
    const body = await readBody(req);
    if (endpoint === "token" && new URLSearchParams(body.toString()).get("grant_type") === "refresh_token") return this.answer(res, "refresh", req, url, body);
    return this.answer(res, endpoint, req, url, body);
  }

  private endpointOf(req: http.IncomingMessage, url: URL): TikTokEndpoint | null {
    const routes: Record<string, TikTokEndpoint> = {
      "POST /v2/oauth/token/": "token",
      "GET /v2/user/info/": "profile",
      "POST /v2/post/publish/creator_info/query/": "creator_info",
      "POST /v2/post/publish/video/init/": "init",
      "POST /v2/post/publish/status/fetch/": "status",
      "POST /v2/video/query/": "insights",
    };
    if (req.method === "PUT" && url.pathname === "/upload/") {
      const range = parseRange(req.headers["content-range"]);
      return range && range.last === range.total - 1 ? "publish" : "upload";
    }
    return routes[`${req.method} ${url.pathname}`] ?? null;
  }

  private cut(req: http.IncomingMessage, endpoint: TikTokEndpoint): void {
    const after = this.cutAfterBytes ?? 0;
    this.cutAfterBytes = null;
    this.calls[endpoint]++;
    let seen = 0;
    req.on("data", (c: Buffer) => {
      seen += c.length;
      if (seen >= after) req.socket.destroy();
    });
    req.on("end", () => req.socket.destroy());
  }

  private async answer(res: http.ServerResponse, endpoint: TikTokEndpoint, req: http.IncomingMessage, url: URL, body: Buffer): Promise<void> {
    this.calls[endpoint]++;
    const fault = this.takeFault(endpoint);
    if (fault) return reply(res, fault);
    if (endpoint === "token") return reply(res, this.exchangeCode(req, body));
    if (endpoint === "refresh") return reply(res, this.refresh(req, body));
    if (endpoint === "upload" || endpoint === "publish") return this.chunk(res, req, url, body);
    const refused = this.refuseToken(req) ?? (req.method === "POST" ? refuseJson(req, body) : null);
    if (refused) return reply(res, refused);
    const json = req.method === "POST" ? parseObject(body) : {};
    if (endpoint === "profile") return reply(res, this.profile(url));
    if (endpoint === "creator_info") return reply(res, this.creatorInfo());
    if (endpoint === "init") return reply(res, this.init(json));
    if (endpoint === "status") return reply(res, this.status(json));
    return reply(res, this.videos(url, json));
  }

  private takeFault(endpoint: TikTokEndpoint): Answer | null {
    const fault = this.faults.get(endpoint);
    if (!fault) return null;
    if (--fault.times <= 0) this.faults.delete(endpoint);
    if (fault.status !== 429)
      return apiError(fault.status, fault.code ?? (fault.status >= 500 ? "internal_error" : "invalid_params"), `injected ${fault.status}`);
    const headers = fault.retryAfterSec === undefined ? undefined : { "Retry-After": String(fault.retryAfterSec) };
    return apiError(429, fault.code ?? "rate_limit_exceeded", "API rate limit was exceeded.", headers);
  }

  private refuseToken(req: http.IncomingMessage): Answer | null {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    if (!bearer || !this.tokens.has(bearer)) return apiError(401, "access_token_invalid", "The access token is invalid or not found in the request.");
    if (this.expired.has(bearer)) return apiError(401, "access_token_invalid", "The access token has expired.");
    return null;
  }

  /** The token endpoint's form, refused as TikTok would when it is not a form or the client is not known. */
  private tokenForm(req: http.IncomingMessage, body: Buffer): { form: URLSearchParams } | { refused: Answer } {
    if (!(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded"))
      return { refused: oauthError(400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded.") };
    const form = new URLSearchParams(body.toString("utf8"));
    if (form.get("client_key") !== this.clientKey || form.get("client_secret") !== this.clientSecret)
      return { refused: oauthError(401, "invalid_client", "Client key or secret is invalid.") };
    return { form };
  }

  private exchangeCode(req: http.IncomingMessage, body: Buffer): Answer {
    const parsed = this.tokenForm(req, body);
    if ("refused" in parsed) return parsed.refused;
    const { form } = parsed;
    if (form.get("grant_type") !== "authorization_code") return oauthError(400, "unsupported_grant_type", "grant_type is not supported.");
    const issued = this.codes.get(form.get("code") ?? "");
    if (!issued) return oauthError(400, "invalid_grant", "Authorization code is expired.");
    if (form.get("redirect_uri") !== issued.redirectUri) return oauthError(400, "invalid_request", "redirect_uri does not match.");
    if (issued.codeChallenge !== null && !pkceMatches(issued.codeChallenge, form.get("code_verifier")))
      return oauthError(400, "invalid_request", "Code verifier or code challenge is invalid.");
    this.codes.delete(form.get("code") ?? "");
    const refreshToken = token("rft");
    this.refreshTokens.add(refreshToken);
    return { status: 200, body: this.tokenBody(refreshToken) };
  }

  private refresh(req: http.IncomingMessage, body: Buffer): Answer {
    const parsed = this.tokenForm(req, body);
    if ("refused" in parsed) return parsed.refused;
    const { form } = parsed;
    const old = form.get("refresh_token") ?? "";
    if (!this.refreshTokens.has(old)) return oauthError(400, "invalid_grant", "Refresh token is invalid or expired.");
    if (this.omitRefreshToken) return { status: 200, body: this.tokenBody(null) };
    // TikTok may hand back a new refresh token; the old one stops working then.
    this.refreshTokens.delete(old);
    const next = token("rft");
    this.refreshTokens.add(next);
    return { status: 200, body: this.tokenBody(next) };
  }

  private tokenBody(refreshToken: string | null): Record<string, unknown> {
    const accessToken = token("act");
    this.tokens.add(accessToken);
    const body: Record<string, unknown> = {
      access_token: accessToken,
      expires_in: 86400,
      open_id: this.user.openId,
      refresh_expires_in: 31536000,
      scope: "user.info.basic,user.info.profile,user.info.stats,video.publish,video.list",
      token_type: "Bearer",
    };
    if (refreshToken) body.refresh_token = refreshToken;
    return body;
  }

  private profile(url: URL): Answer {
    const fields = (url.searchParams.get("fields") ?? "").split(",").filter(Boolean);
    if (!fields.length || fields.some((f) => !USER_FIELDS[f])) return apiError(400, "invalid_params", "fields is missing or names an unknown field.");
    return ok({ user: Object.fromEntries(fields.map((f) => [f, USER_FIELDS[f](this.user)])) });
  }

  private privacyOptions(): string[] {
    return this.opts.privacyLevelOptions ?? ["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"];
  }

  private creatorInfo(): Answer {
    const off = this.opts.interactionsDisabled ?? {};
    return ok({
      creator_avatar_url: `${this.url}/avatar.jpg`,
      creator_username: this.user.username,
      creator_nickname: this.user.displayName,
      privacy_level_options: this.privacyOptions(),
      comment_disabled: off.comment ?? false,
      duet_disabled: off.duet ?? false,
      stitch_disabled: off.stitch ?? false,
      max_video_post_duration_sec: this.opts.maxVideoPostDurationSec ?? 600,
    });
  }

  private init(json: Record<string, unknown>): Answer {
    const postInfo = json.post_info;
    const source = json.source_info;
    if (!isObject(postInfo) || !isObject(source)) return apiError(400, "invalid_params", "post_info and source_info are required.");
    if (typeof postInfo.privacy_level !== "string" || !this.privacyOptions().includes(postInfo.privacy_level))
      return apiError(400, "privacy_level_option_mismatch", "privacy_level is not one of the creator's privacy_level_options.");
    if (postInfo.title !== undefined && (typeof postInfo.title !== "string" || [...postInfo.title].length > MAX_TITLE))
      return apiError(400, "invalid_params", `title must be a string of at most ${MAX_TITLE} characters.`);
    if (["disable_comment", "disable_duet", "disable_stitch"].some((k) => postInfo[k] !== undefined && typeof postInfo[k] !== "boolean"))
      return apiError(400, "invalid_params", "disable_comment, disable_duet and disable_stitch are booleans.");
    if (source.source !== "FILE_UPLOAD") return apiError(400, "invalid_params", "source must be FILE_UPLOAD here.");
    const problem = this.chunkProblem(source.video_size, source.chunk_size, source.total_chunk_count);
    if (problem) return apiError(400, "invalid_params", problem);
    const post: FakeTikTokPost = {
      publishId: `v_pub_file~v2-1.${this.posts.length + 1}${randomBytes(4).toString("hex")}`,
      postInfo,
      sourceInfo: { video_size: Number(source.video_size), chunk_size: Number(source.chunk_size), total_chunk_count: Number(source.total_chunk_count) },
      ranges: [],
      media: Buffer.alloc(0),
      failReason: null,
      postId: null,
      pollsLeft: 0,
      stats: { views: 0, likes: 0, comments: 0, shares: 0 },
    };
    this.posts.push(post);
    const uploadUrl = `${this.url}/upload/?upload_id=${encodeURIComponent(post.publishId)}&upload_token=${uploadToken(post.publishId)}`;
    return ok({ publish_id: post.publishId, upload_url: uploadUrl });
  }

  /** The media transfer guide's chunk restrictions, with the minimum configurable. */
  private chunkProblem(size: unknown, chunk: unknown, count: unknown): string | null {
    if (![size, chunk, count].every((n) => Number.isSafeInteger(n) && (n as number) > 0))
      return "video_size, chunk_size and total_chunk_count are positive integers.";
    const [s, c, n] = [size, chunk, count] as number[];
    if (s < this.minChunkBytes && c !== s) return "a video smaller than the minimum chunk goes whole: chunk_size must equal video_size.";
    if (s >= this.minChunkBytes && (c < this.minChunkBytes || c > MAX_CHUNK)) return `chunk_size must be between ${this.minChunkBytes} and ${MAX_CHUNK} bytes.`;
    if (n !== Math.floor(s / c)) return "total_chunk_count must be video_size / chunk_size, rounded down.";
    if (n > MAX_CHUNKS) return `at most ${MAX_CHUNKS} chunks.`;
    if (s - (n - 1) * c > MAX_LAST_CHUNK) return `the last chunk may be at most ${MAX_LAST_CHUNK} bytes.`;
    return null;
  }

  private chunk(res: http.ServerResponse, req: http.IncomingMessage, url: URL, body: Buffer): void {
    const post = this.posts.find((p) => p.publishId === url.searchParams.get("upload_id"));
    if (!post || url.searchParams.get("upload_token") !== uploadToken(post.publishId)) return reply(res, apiError(404, "invalid_params", "Unknown upload."));
    const checked = checkChunk(req, post, body);
    if ("refused" in checked) return reply(res, checked.refused);
    post.media = Buffer.concat([post.media, body]);
    post.ranges.push(checked.range);
    if (post.media.length < post.sourceInfo.video_size) return reply(res, { status: 206 });
    this.post(post);
    if (!this.publishDelayMs) return reply(res, { status: 201 });
    // The video is posted already; only the answer is late (the client's timeout hides the outcome).
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      reply(res, { status: 201 });
    }, this.publishDelayMs);
    this.publishDelayMs = 0;
    this.timers.add(timer);
  }

  /** The last chunk is in: TikTok posts the video (or fails it), public after `processingPolls` status polls. */
  private post(post: FakeTikTokPost): void {
    post.pollsLeft = this.processingPolls;
    if (this.nextPostFails) {
      post.failReason = this.nextPostFails;
      this.nextPostFails = null;
      return;
    }
    post.postId = String(7_300_000_000_000_000_000n + BigInt(this.posts.indexOf(post) + 1));
    this.publishes++;
  }

  private status(json: Record<string, unknown>): Answer {
    const post = this.posts.find((p) => p.publishId === json.publish_id);
    if (!post) return apiError(400, "invalid_publish_id", "publish_id does not exist.");
    const uploaded = post.media.length;
    const base = { fail_reason: "", publicaly_available_post_id: [] as string[], uploaded_bytes: uploaded };
    if (uploaded < post.sourceInfo.video_size) return ok({ ...base, status: "PROCESSING_UPLOAD" });
    if (post.failReason) return ok({ ...base, status: "FAILED", fail_reason: post.failReason });
    if (post.pollsLeft > 0) {
      post.pollsLeft--;
      return ok({ ...base, status: "PROCESSING_UPLOAD" });
    }
    return ok({ ...base, status: "PUBLISH_COMPLETE", publicaly_available_post_id: [post.postId] });
  }

  private videos(url: URL, json: Record<string, unknown>): Answer {
    const fields = (url.searchParams.get("fields") ?? "").split(",").filter(Boolean);
    if (!fields.length || fields.some((f) => !VIDEO_FIELDS[f])) return apiError(400, "invalid_params", "fields is missing or names an unknown field.");
    const ids = isObject(json.filters) ? json.filters.video_ids : undefined;
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > 20) return apiError(400, "invalid_params", "filters.video_ids takes 1 to 20 ids.");
    const found = this.posts.filter((p) => p.postId !== null && ids.includes(p.postId));
    return ok({ videos: found.map((p) => Object.fromEntries(fields.map((f) => [f, VIDEO_FIELDS[f](p)]))), cursor: 0, has_more: false });
  }
}

export async function startFakeTikTok(opts?: FakeTikTokOptions): Promise<FakeTikTok> {
  const fake = new FakeTikTok(opts);
  await fake.listen();
  return fake;
}

/** What TikTok's upload host checks of a chunk: its type, that it is the next one in order, and its exact range and length. */
function checkChunk(req: http.IncomingMessage, post: FakeTikTokPost, body: Buffer): { refused: Answer } | { range: string } {
  const { video_size: size, chunk_size: chunkSize, total_chunk_count: count } = post.sourceInfo;
  const refuse = (status: number, message: string) => ({ refused: apiError(status, "invalid_params", message) });
  if (!["video/mp4", "video/quicktime", "video/webm"].includes(req.headers["content-type"] ?? ""))
    return refuse(400, "Content-Type must be video/mp4, video/quicktime or video/webm.");
  if (post.media.length >= size) return refuse(400, "The upload is complete already.");
  const range = parseRange(req.headers["content-range"]);
  if (!range || range.total !== size) return refuse(400, `Content-Range must be bytes FIRST-LAST/${size}.`);
  const index = post.media.length / chunkSize;
  const last = index === count - 1 ? size - 1 : post.media.length + chunkSize - 1;
  if (range.first !== post.media.length || range.last !== last) return refuse(416, `Chunks go in order: expected bytes ${post.media.length}-${last}/${size}.`);
  if (Number(req.headers["content-length"]) !== body.length || body.length !== last - range.first + 1)
    return refuse(400, "Content-Length does not match the range.");
  return { range: `bytes ${range.first}-${range.last}/${range.total}` };
}

function refuseJson(req: http.IncomingMessage, body: Buffer): Answer | null {
  if (!(req.headers["content-type"] ?? "").startsWith("application/json")) return apiError(400, "invalid_params", "Content-Type must be application/json.");
  try {
    if (body.length && !isObject(JSON.parse(body.toString("utf8")))) throw new Error("not an object");
  } catch {
    return apiError(400, "invalid_params", "The body is not a JSON object.");
  }
  return null;
}

/**
 * RFC 7636 S256 is base64url(SHA-256(verifier)); TikTok's desktop guide shows the SHA-256 in hex.
 * Either is taken, so the fake does not decide for the engine which one it sends.
 */
function pkceMatches(challenge: string, verifier: string | null): boolean {
  if (!verifier) return false;
  const digest = createHash("sha256").update(verifier).digest();
  return challenge === digest.toString("base64url") || challenge === digest.toString("hex");
}

const uploadToken = (publishId: string) => createHash("sha256").update(`upload:${publishId}`).digest("hex").slice(0, 24);

function parseRange(header: string | undefined): { first: number; last: number; total: number } | null {
  const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(header ?? "");
  if (!m) return null;
  const [first, last, total] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return first <= last && last < total ? { first, last, total } : null;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

function parseObject(body: Buffer): Record<string, unknown> {
  const v: unknown = body.length ? JSON.parse(body.toString("utf8")) : {};
  return isObject(v) ? v : {};
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function reply(res: http.ServerResponse, answer: Answer): void {
  if (res.destroyed) return;
  const body = answer.body === undefined ? "" : JSON.stringify(answer.body);
  res.writeHead(answer.status, { ...(body ? { "Content-Type": "application/json; charset=UTF-8" } : {}), ...answer.headers });
  res.end(body);
}
