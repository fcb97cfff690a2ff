import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import { listenLocal } from "@/lib/test/local-server";

/**
 * A local Instagram (API with Instagram Login) for tests and dev servers: the documented requests
 * and answers of Business Login's token endpoints and the Graph endpoints that publish a Reel and
 * read its insights, checked the way Instagram checks them (Bearer or access_token, scopes,
 * required fields, caption limits, a container that must be FINISHED before media_publish, the
 * daily publishing quota). Like Instagram it fetches `video_url` itself over HTTP, and a file that
 * is not a complete MP4 (truncated, moov after mdat) leaves the container in ERROR.
 *
 * Faults for the publishing engine's tests: fail the next N calls of an endpoint, cut the
 * connection, answer the publish late after performing it, expire a token, slow processing.
 * One server answers for every host (api.instagram.com and graph.instagram.com).
 */

export type FakeEndpoint = "token" | "exchange" | "refresh" | "profile" | "account" | "create" | "status" | "limit" | "publish" | "list" | "media" | "insights";

export interface FakeAccount {
  /** The professional account's id: the {ig-user-id} of every publishing path. */
  id: string;
  /** The app-scoped id /me answers as `id`. */
  appScopedId: string;
  username: string;
  followers: number;
}

export interface FakeMetrics {
  views: number;
  reach: number;
  likes: number;
  comments: number;
  shares: number;
  saved: number;
}

export type ContainerStatus = "IN_PROGRESS" | "FINISHED" | "ERROR" | "EXPIRED" | "PUBLISHED";

export interface FakeVideo {
  bytes: number;
  sha256: string;
}

export interface FakeContainer {
  id: string;
  caption: string;
  videoUrl: string;
  shareToFeed: boolean;
  statusCode: ContainerStatus;
  /** The error text when statusCode is ERROR. */
  status: string;
  /** The fetched file, once Instagram has it. */
  video: FakeVideo | null;
  /** Status polls still to answer IN_PROGRESS after the fetch. */
  pollsLeft: number;
  fetched: Promise<void>;
}

export interface FakePost {
  id: string;
  containerId: string;
  caption: string;
  shareToFeed: boolean;
  permalink: string;
  timestamp: Date;
  video: FakeVideo;
  /** Lifetime insights; tests set them. */
  metrics: FakeMetrics;
}

export interface FakeRequest {
  endpoint: FakeEndpoint;
  method: string;
  path: string;
  /** Query and body parameters together, as Graph reads them. */
  params: Record<string, string>;
  authorization: string | null;
}

export interface FakeFailure {
  status: number;
  /** Sent as Retry-After. */
  retryAfterSec?: number;
  /** The Graph error code (e.g. 4 with status 400, as Graph throttles); a default per status otherwise. */
  code?: number;
  subcode?: number;
  message?: string;
}

export interface FakeInstagramOptions {
  clientId?: string;
  clientSecret?: string;
  account?: Partial<FakeAccount>;
  /** Posts per 24 h through the API; the current docs' example answers 50. */
  quotaTotal?: number;
  processingPolls?: number;
}

export interface FakeInstagram {
  /** The base of every host's paths: http://127.0.0.1:port */
  url: string;
  clientId: string;
  clientSecret: string;
  account: FakeAccount;
  counters: { publishes: number; containers: number; requests: Partial<Record<FakeEndpoint, number>> };
  containers: Map<string, FakeContainer>;
  posts: FakePost[];
  requests: FakeRequest[];
  /** Status polls a new container answers IN_PROGRESS after its video is fetched. */
  processingPolls: number;
  quotaTotal: number;
  /** What the authorization window hands the redirect: a code for these scopes and this redirect URI. */
  authorize(args: { redirectUri: string; scopes: readonly string[] }): string;
  /** A long-lived token for the account, as if it had signed in. */
  issueToken(scopes?: readonly string[]): string;
  /** The API refuses the token (401, code 190) from now on; the refresh endpoint still takes it. */
  expireToken(token: string): void;
  failNext(endpoint: FakeEndpoint, times: number, failure: FakeFailure): void;
  /** Destroys the connection of the next call after reading its request, before acting on it. */
  cutNext(endpoint: FakeEndpoint): void;
  /** Performs the next call, then holds its answer for `ms`: a timeout whose outcome is unknown. */
  delayNext(endpoint: FakeEndpoint, ms: number): void;
  close(): Promise<void>;
}

const ALL_SCOPES = ["instagram_business_basic", "instagram_business_content_publish", "instagram_business_manage_insights"];
const LONG_LIVED_SEC = 60 * 24 * 3600;
const QUOTA_WINDOW_SEC = 24 * 3600;
const MAX_CAPTION = 2200;
const MAX_HASHTAGS = 30;
const MAX_VIDEO_BYTES = 300_000_000;
// The Reels metrics of the Instagram Media Insights reference; plays, impressions and video_views are gone.
const REELS_METRICS = [
  "views",
  "reach",
  "likes",
  "comments",
  "shares",
  "saved",
  "total_interactions",
  "ig_reels_avg_watch_time",
  "ig_reels_video_view_total_time",
];

type Fault = { kind: "fail"; failure: FakeFailure } | { kind: "cut" } | { kind: "delay"; ms: number };
interface Answer {
  status: number;
  json: unknown;
  headers?: Record<string, string>;
}
interface Call {
  params: Record<string, string>;
  token: string | null;
  contentType: string;
}
interface TokenInfo {
  kind: "short" | "long";
  scopes: string[];
  expired: boolean;
}

const ok = (json: unknown): Answer => ({ status: 200, json });

function graphError(status: number, code: number, message: string, subcode?: number, type = "OAuthException"): Answer {
  const error = { message, type, code, ...(subcode ? { error_subcode: subcode } : {}), fbtrace_id: randomBytes(8).toString("base64url") };
  return { status, json: { error } };
}

/** api.instagram.com's OAuth errors have their own shape. */
const oauthError = (message: string): Answer => ({ status: 400, json: { error_type: "OAuthException", code: 400, error_message: message } });

const badParam = (message: string) => graphError(400, 100, `(#100) ${message}`);
const noSuchObject = (id: string) =>
  graphError(
    400,
    100,
    `Unsupported request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
    33,
    "GraphMethodException",
  );

/** Instagram's timestamps: ISO 8601 in UTC with a +0000 offset. */
const igTime = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "+0000");

/** The requested fields of a node (its id always), as Graph answers `?fields=`. */
function pick(node: Record<string, unknown>, fields: string | undefined, defaults: string): Record<string, unknown> {
  const out: Record<string, unknown> = { id: node.id };
  for (const f of (fields || defaults).split(",").map((s) => s.trim())) if (f in node) out[f] = node[f];
  return out;
}

/**
 * What Instagram checks of a fetched file, by its top-level boxes: they must tile the file exactly
 * (a truncated download does not), start with ftyp, and put moov before mdat ("moov atom at the
 * front of the file").
 */
export function mp4Problem(bytes: Buffer): string | null {
  const types: string[] = [];
  for (let off = 0; off < bytes.length;) {
    if (off + 8 > bytes.length) return "the file ends inside a box header";
    let size = bytes.readUInt32BE(off);
    const type = bytes.toString("latin1", off + 4, off + 8);
    if (size === 1 && off + 16 <= bytes.length) size = Number(bytes.readBigUInt64BE(off + 8));
    else if (size === 0) size = bytes.length - off;
    if (size < 8 || off + size > bytes.length) return `the ${type} box runs past the end of the file`;
    types.push(type);
    off += size;
  }
  if (types[0] !== "ftyp") return "not an MP4 (no ftyp box first)";
  const moov = types.indexOf("moov");
  const mdat = types.indexOf("mdat");
  if (moov < 0 || mdat < 0) return "the MP4 has no moov or no mdat box";
  if (moov > mdat) return "the moov atom is not at the front of the file";
  return null;
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Graph reads parameters from the query string and from a form or JSON body alike. */
function paramsOf(url: URL, body: string, contentType: string): Record<string, string> {
  const params: Record<string, string> = Object.fromEntries(url.searchParams);
  if (contentType === "application/x-www-form-urlencoded") Object.assign(params, Object.fromEntries(new URLSearchParams(body)));
  else if (contentType === "application/json" && body) {
    for (const [k, v] of Object.entries(JSON.parse(body) as Record<string, unknown>)) params[k] = typeof v === "string" ? v : JSON.stringify(v);
  }
  return params;
}

function hashtagCount(caption: string): number {
  return caption.match(/#[\p{L}\p{N}_]+/gu)?.length ?? 0;
}

export async function startFakeInstagram(opts: FakeInstagramOptions = {}): Promise<FakeInstagram> {
  const account: FakeAccount = { id: "17841400000000001", appScopedId: "9000000000000001", username: "cinetwin_test", followers: 1234, ...opts.account };
  const tokens = new Map<string, TokenInfo>();
  const codes = new Map<string, { redirectUri: string; scopes: string[] }>();
  const faults = new Map<FakeEndpoint, Fault[]>();
  const timers = new Set<NodeJS.Timeout>();
  const fetches = new AbortController();
  let nextId = 1;
  const newId = (prefix: string) => `${prefix}${String(nextId++).padStart(9, "0")}`;
  const newToken = (kind: TokenInfo["kind"], scopes: string[]) => {
    const token = `IG${kind === "long" ? "L" : "S"}${randomBytes(18).toString("base64url")}`;
    tokens.set(token, { kind, scopes, expired: false });
    return token;
  };

  const fake: FakeInstagram = {
    url: "",
    clientId: opts.clientId ?? "990602627938098",
    clientSecret: opts.clientSecret ?? "fake-instagram-secret",
    account,
    counters: { publishes: 0, containers: 0, requests: {} },
    containers: new Map(),
    posts: [],
    requests: [],
    processingPolls: opts.processingPolls ?? 0,
    quotaTotal: opts.quotaTotal ?? 50,
    authorize({ redirectUri, scopes }) {
      if (!scopes.includes("instagram_business_basic")) throw new Error("Instagram requires the instagram_business_basic scope");
      const code = `AQ${randomBytes(16).toString("base64url")}`;
      codes.set(code, { redirectUri, scopes: [...scopes] });
      return code;
    },
    issueToken: (scopes = ALL_SCOPES) => newToken("long", [...scopes]),
    expireToken(token) {
      const info = tokens.get(token);
      if (!info) throw new Error("the fake never issued that token");
      info.expired = true;
    },
    failNext(endpoint, times, failure) {
      for (let i = 0; i < times; i++) queue(endpoint).push({ kind: "fail", failure });
    },
    cutNext: (endpoint) => void queue(endpoint).push({ kind: "cut" }),
    delayNext: (endpoint, ms) => void queue(endpoint).push({ kind: "delay", ms }),
    close: () => close(),
  };

  function queue(endpoint: FakeEndpoint): Fault[] {
    let q = faults.get(endpoint);
    if (!q) faults.set(endpoint, (q = []));
    return q;
  }

  // --- Authentication -------------------------------------------------------------------------

  /** A Graph call's token check: null when the call may go on, else Instagram's refusal. */
  function refuse(call: Call, scope = "instagram_business_basic"): Answer | null {
    if (!call.token) return graphError(400, 104, "An access token is required to request this resource.");
    const info = tokens.get(call.token);
    if (!info) return graphError(400, 190, "Invalid OAuth access token - Cannot parse access token");
    if (info.expired) return graphError(401, 190, "Error validating access token: Session has expired.", 463);
    if (!info.scopes.includes(scope)) return graphError(403, 10, "(#10) Application does not have permission for this action");
    return null;
  }

  function exchangeCode(call: Call): Answer {
    const p = call.params;
    if (call.contentType !== "application/x-www-form-urlencoded") return oauthError("The request body must be form-encoded");
    if (p.client_id !== fake.clientId) return oauthError("Invalid platform app");
    if (p.client_secret !== fake.clientSecret) return oauthError("Error validating client secret.");
    if (p.grant_type !== "authorization_code") return oauthError("Invalid grant_type");
    const grant = codes.get(p.code ?? "");
    if (!grant) return oauthError("This authorization code has expired or been used.");
    if (p.redirect_uri !== grant.redirectUri)
      return oauthError("Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request");
    codes.delete(p.code);
    const accessToken = newToken("short", grant.scopes);
    return ok({ data: [{ access_token: accessToken, user_id: account.id, permissions: grant.scopes.join(",") }] });
  }

  function exchangeLongLived(call: Call): Answer {
    const p = call.params;
    if (p.grant_type !== "ig_exchange_token") return badParam("grant_type must be ig_exchange_token");
    if (p.client_secret !== fake.clientSecret) return graphError(400, 101, "Error validating client secret.");
    const info = tokens.get(p.access_token ?? "");
    if (!info || info.expired || info.kind !== "short") return graphError(400, 190, "Invalid OAuth access token - Cannot parse access token");
    return ok({ access_token: newToken("long", info.scopes), token_type: "bearer", expires_in: LONG_LIVED_SEC });
  }

  function refreshToken(call: Call): Answer {
    const p = call.params;
    if (p.grant_type !== "ig_refresh_token") return badParam("grant_type must be ig_refresh_token");
    const info = tokens.get(p.access_token ?? "");
    if (!info || info.kind !== "long") return graphError(400, 190, "Invalid OAuth access token - Cannot parse access token");
    return ok({ access_token: newToken("long", info.scopes), token_type: "bearer", expires_in: LONG_LIVED_SEC });
  }

  // --- Publishing -----------------------------------------------------------------------------

  const usedQuota = () => fake.posts.filter((p) => p.timestamp.getTime() > Date.now() - QUOTA_WINDOW_SEC * 1000).length;

  async function fetchVideo(container: FakeContainer): Promise<void> {
    try {
      const res = await fetch(container.videoUrl, { signal: fetches.signal });
      if (!res.ok) throw new Error(`the media URL answered ${res.status}`);
      const declared = Number(res.headers.get("content-length") ?? Number.NaN);
      const bytes = Buffer.from(
        await res.arrayBuffer().catch((e: unknown) => {
          throw new Error(`the download broke off (${(e as Error).message})`);
        }),
      );
      if (Number.isFinite(declared) && bytes.length !== declared) throw new Error(`got ${bytes.length} of ${declared} bytes`);
      if (bytes.length > MAX_VIDEO_BYTES) throw new Error("the video is larger than 300 MB");
      const problem = mp4Problem(bytes);
      if (problem) throw new Error(problem);
      container.video = { bytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };
      if (container.pollsLeft === 0) container.statusCode = "FINISHED";
    } catch (e) {
      container.statusCode = "ERROR";
      container.status = `Error: Media download has failed with error code 2207003 (${(e as Error).message})`;
    }
  }

  function createContainer(call: Call): Answer {
    const p = call.params;
    if (p.media_type !== "REELS") return badParam("media_type must be REELS for a video (VIDEO is no longer supported)");
    if (!p.video_url || !/^https?:\/\//.test(p.video_url)) return badParam("The parameter video_url is required and must be an http(s) URL");
    const caption = p.caption ?? "";
    if ([...caption].length > MAX_CAPTION) return badParam(`The caption is longer than ${MAX_CAPTION} characters`);
    if (hashtagCount(caption) > MAX_HASHTAGS) return badParam(`The caption has more than ${MAX_HASHTAGS} hashtags`);
    if (p.share_to_feed !== undefined && !["true", "false"].includes(p.share_to_feed)) return badParam("share_to_feed must be true or false");
    const container: FakeContainer = {
      id: newId("1789"),
      caption,
      videoUrl: p.video_url,
      shareToFeed: p.share_to_feed !== "false",
      statusCode: "IN_PROGRESS",
      status: "",
      video: null,
      pollsLeft: fake.processingPolls,
      fetched: Promise.resolve(),
    };
    container.fetched = fetchVideo(container);
    fake.containers.set(container.id, container);
    fake.counters.containers++;
    return ok({ id: container.id });
  }

  async function containerStatus(container: FakeContainer, call: Call): Promise<Answer> {
    // The fetch is local and quick: waiting for it keeps tests free of sleeps.
    await container.fetched;
    if (container.statusCode === "IN_PROGRESS" && container.video) {
      if (container.pollsLeft > 0) container.pollsLeft--;
      else container.statusCode = "FINISHED";
    }
    return ok(pick({ id: container.id, status_code: container.statusCode, status: container.status }, call.params.fields, "id"));
  }

  function publishingLimit(call: Call): Answer {
    const row = { quota_usage: usedQuota(), config: { quota_total: fake.quotaTotal, quota_duration: QUOTA_WINDOW_SEC } };
    const fields = (call.params.fields || "quota_usage").split(",");
    return ok({ data: [Object.fromEntries(Object.entries(row).filter(([k]) => fields.includes(k)))] });
  }

  function publish(call: Call): Answer {
    const id = call.params.creation_id;
    if (!id) return badParam("The parameter creation_id is required");
    const container = fake.containers.get(id);
    if (!container) return noSuchObject(id);
    if (usedQuota() >= fake.quotaTotal) return graphError(400, 9, "Application request limit reached", 2207042);
    if (container.statusCode === "PUBLISHED") return badParam("The media container has already been published");
    if (container.statusCode === "IN_PROGRESS") return graphError(400, 9007, "Media ID is not available", 2207027);
    if (container.statusCode !== "FINISHED" || !container.video)
      return graphError(400, -2, "The media you are trying to access has expired. Please try to upload again.", 2207020);
    const post: FakePost = {
      id: newId("1790"),
      containerId: container.id,
      caption: container.caption,
      shareToFeed: container.shareToFeed,
      permalink: `https://www.instagram.com/reel/${randomBytes(8).toString("base64url")}/`,
      timestamp: new Date(),
      video: container.video,
      metrics: { views: 0, reach: 0, likes: 0, comments: 0, shares: 0, saved: 0 },
    };
    fake.posts.push(post);
    container.statusCode = "PUBLISHED";
    fake.counters.publishes++;
    return ok({ id: post.id });
  }

  const mediaNode = (p: FakePost) => ({
    id: p.id,
    caption: p.caption,
    media_type: "VIDEO",
    media_product_type: "REELS",
    permalink: p.permalink,
    timestamp: igTime(p.timestamp),
    like_count: p.metrics.likes,
    comments_count: p.metrics.comments,
  });

  function listMedia(call: Call): Answer {
    const limit = Math.min(Number(call.params.limit) || 25, 100);
    const newestFirst = [...fake.posts].sort((a, b) => b.timestamp.getTime() - a.timestamp.getTime());
    return ok({ data: newestFirst.slice(0, limit).map((p) => pick(mediaNode(p), call.params.fields, "id")) });
  }

  function insights(post: FakePost, call: Call): Answer {
    const metrics = (call.params.metric ?? "").split(",").filter(Boolean);
    if (!metrics.length) return badParam("The parameter metric is required");
    const bad = metrics.findIndex((m) => !REELS_METRICS.includes(m));
    if (bad >= 0) return badParam(`metric[${bad}] must be one of the following values: ${REELS_METRICS.join(", ")}`);
    const values: Record<string, number> = {
      ...post.metrics,
      total_interactions: post.metrics.likes + post.metrics.comments + post.metrics.shares + post.metrics.saved,
    };
    const data = metrics.map((name) => ({
      name,
      period: "lifetime",
      values: [{ value: values[name] ?? 0 }],
      title: name,
      description: `Lifetime ${name}`,
      id: `${post.id}/insights/${name}/lifetime`,
    }));
    return ok({ data });
  }

  // --- Routing --------------------------------------------------------------------------------

  type Route = { endpoint: FakeEndpoint; run: (call: Call) => Answer | Promise<Answer>; scope?: string; open?: boolean };

  function route(method: string, segments: string[]): Route | null {
    const [a, b, extra] = segments;
    if (extra !== undefined) return null;
    if (method === "POST" && a === "oauth" && b === "access_token") return { endpoint: "token", run: exchangeCode, open: true };
    if (method === "GET" && a === "access_token" && !b) return { endpoint: "exchange", run: exchangeLongLived, open: true };
    if (method === "GET" && a === "refresh_access_token" && !b) return { endpoint: "refresh", run: refreshToken, open: true };
    const profile = { id: account.appScopedId, user_id: account.id, username: account.username };
    if (method === "GET" && a === "me" && !b) return { endpoint: "profile", run: (c) => ok(pick(profile, c.params.fields, "id")) };
    if (a === account.id) return accountRoute(method, b);
    const container = fake.containers.get(a);
    if (method === "GET" && container && !b) return { endpoint: "status", run: (c) => containerStatus(container, c) };
    const post = fake.posts.find((p) => p.id === a);
    if (method === "GET" && post && !b) return { endpoint: "media", run: (c) => ok(pick(mediaNode(post), c.params.fields, "id")) };
    if (method === "GET" && post && b === "insights")
      return { endpoint: "insights", run: (c) => insights(post, c), scope: "instagram_business_manage_insights" };
    return null;
  }

  function accountRoute(method: string, edge: string | undefined): Route | null {
    const publishScope = "instagram_business_content_publish";
    const node = { id: account.id, user_id: account.id, username: account.username, followers_count: account.followers, media_count: fake.posts.length };
    if (method === "GET" && !edge) return { endpoint: "account", run: (c) => ok(pick(node, c.params.fields, "id")) };
    if (method === "POST" && edge === "media") return { endpoint: "create", run: createContainer, scope: publishScope };
    if (method === "GET" && edge === "media") return { endpoint: "list", run: listMedia };
    if (method === "POST" && edge === "media_publish") return { endpoint: "publish", run: publish, scope: publishScope };
    if (method === "GET" && edge === "content_publishing_limit") return { endpoint: "limit", run: publishingLimit, scope: publishScope };
    return null;
  }

  function failure(f: FakeFailure): Answer {
    // Graph's own codes for the usual statuses when the test names none.
    const byStatus: Record<number, number> = { 401: 190, 429: 4 };
    const code = f.code ?? byStatus[f.status] ?? 2;
    const answer = graphError(f.status, code, f.message ?? `(#${code}) Injected failure`, f.subcode);
    if (f.retryAfterSec !== undefined) answer.headers = { "Retry-After": String(f.retryAfterSec) };
    return answer;
  }

  function send(res: http.ServerResponse, answer: Answer): void {
    if (res.destroyed) return;
    res.writeHead(answer.status, { "Content-Type": "application/json; charset=UTF-8", ...answer.headers }).end(JSON.stringify(answer.json));
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? "/", "http://fake.instagram");
    const segments = url.pathname.split("/").filter(Boolean);
    if (/^v\d+\.\d+$/.test(segments[0] ?? "")) segments.shift();
    const method = req.method ?? "GET";
    const contentType = String(req.headers["content-type"] ?? "")
      .split(";")[0]
      .trim()
      .toLowerCase();
    const found = route(method, segments);
    if (!found) return send(res, noSuchObject(segments.join("/")));
    const authorization = req.headers.authorization ?? null;
    const params = paramsOf(url, body, contentType);
    const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? null;
    const call: Call = { params, token: bearer ?? params.access_token ?? null, contentType };
    fake.requests.push({ endpoint: found.endpoint, method, path: url.pathname, params, authorization });
    fake.counters.requests[found.endpoint] = (fake.counters.requests[found.endpoint] ?? 0) + 1;

    const fault = faults.get(found.endpoint)?.shift();
    if (fault?.kind === "cut") return void req.socket.destroy();
    if (fault?.kind === "fail") return send(res, failure(fault.failure));
    const answer = (!found.open && refuse(call, found.scope)) || (await found.run(call));
    if (fault?.kind !== "delay") return send(res, answer);
    const timer = setTimeout(() => (timers.delete(timer), send(res, answer)), fault.ms);
    timers.add(timer);
  }

  const server = await listenLocal((req, res) => {
    handle(req, res).catch((e: unknown) => send(res, graphError(500, 2, `Fake Instagram failed: ${(e as Error).message}`)));
  });
  fake.url = server.url;

  async function close(): Promise<void> {
    fetches.abort();
    for (const t of timers) clearTimeout(t);
    await server.close();
  }

  return fake;
}
