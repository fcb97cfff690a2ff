import { randomBytes } from "node:crypto";
import http from "node:http";
import { listenLocal } from "@/lib/test/local-server";

/**
 * A local LinkedIn for tests and dev servers: one node:http server on 127.0.0.1 that answers the
 * documented requests of every endpoint the LinkedIn adapter uses (OAuth token and refresh, OpenID
 * userinfo, the Videos API upload and status, the Posts API publish and author finder, member and
 * page analytics) and refuses what LinkedIn would: a missing LinkedIn-Version or Rest.li header, a
 * missing, unknown or expired Bearer token, a scope the token lacks, someone else's owner or author,
 * a part of the wrong size or out of order, a finalize whose part ids are not the parts' ETags, a
 * post of a video still processing, a duplicate post. The authorization page is not served: tests
 * take a code from issueCode().
 *
 * Faults for the engine's tests: failNext (a status, e.g. 429 with Retry-After, N times),
 * cutUpload (the connection dropped mid-part), delayPublish (the post is made, the answer comes
 * late), expireToken (401 until refreshed), processingPolls (status polls before AVAILABLE); a test
 * may also set a video's status or a post's metrics directly.
 */

export type FakeLinkedInEndpoint =
  | "token"
  | "userinfo"
  | "initializeUpload"
  | "uploadPart"
  | "uploadCaptions"
  | "finalizeUpload"
  | "getVideo"
  | "createPost"
  | "findPosts"
  | "postAnalytics"
  | "memberFollowers"
  | "shareStatistics"
  | "networkSizes";

export interface FakeLinkedInOptions {
  clientId?: string;
  clientSecret?: string;
  /** The size of the upload parts handed out (LinkedIn's: 4 MiB); small in tests so a video has several. */
  partBytes?: number;
  /** The smallest video accepted (LinkedIn: 75 KB). */
  minFileBytes?: number;
  /** How many status polls a finalized video answers PROCESSING before it is AVAILABLE. */
  processingPolls?: number;
}

export interface FakeVideo {
  urn: string;
  owner: string;
  fileSizeBytes: number;
  parts: { firstByte: number; lastByte: number; etag: string | null; bytes: Buffer | null }[];
  wantsCaptions: boolean;
  captions: string | null;
  status: "WAITING_UPLOAD" | "PROCESSING" | "AVAILABLE" | "PROCESSING_FAILED";
  pollsLeft: number;
}

export interface FakePostMetrics {
  impressions: number;
  reactions: number;
  comments: number;
  reshares: number;
}

export interface FakePost {
  id: string;
  author: string;
  /** As sent, in little text format. */
  commentary: string;
  /** The commentary as LinkedIn shows it (escapes and hashtag templates read). */
  text: string;
  visibility: string;
  distribution: Record<string, unknown>;
  media: { id: string; title: string };
  lifecycleState: string;
  isReshareDisabledByAuthor: boolean;
  createdAt: number;
  lastModifiedAt: number;
  metrics: FakePostMetrics;
}

export interface FakeLinkedIn {
  /** The base of every endpoint: the adapter's apiBaseUrl and authBaseUrl. */
  url: string;
  clientId: string;
  clientSecret: string;
  /** The signed-in member: OpenID sub, name, and urn:li:person:{sub}. */
  member: { sub: string; name: string; urn: string };
  /** Pages the member administers, by URN, with their follower counts. */
  organizations: Map<string, { followers: number }>;
  /** The member's follower count. */
  followers: number;
  counters: { publishes: number; initializes: number; finalizes: number; partPuts: number; requests: Record<string, number> };
  posts: FakePost[];
  videos: Map<string, FakeVideo>;
  processingPolls: number;
  /** Whether a refresh answers with a refresh_token (LinkedIn does, for apps allowed refresh tokens). */
  refreshReturnsRefreshToken: boolean;
  /** The video's bytes as its parts assembled them; null until every part arrived. */
  videoBytes(video: string): Buffer | null;
  /** An access token for the member, as a code exchange would give (every scope unless told). */
  issueToken(scopes?: string[]): string;
  /** An authorization code, as the authorization page would redirect back with. */
  issueCode(redirectUri: string, scopes?: string[]): string;
  /** The token answers 401 from now on (a refresh gives a new one). */
  expireToken(token: string): void;
  failNext(endpoint: FakeLinkedInEndpoint, fault: { times?: number; status: number; retryAfterSec?: number }): void;
  /** Drops the connection of the next PUT of upload part `part` (0-based) once `afterBytes` of it arrived. */
  cutUpload(part: number, afterBytes: number): void;
  /** Makes the next post at once but answers only after `ms`. */
  delayPublish(ms: number): void;
  close(): Promise<void>;
}

const ALL_SCOPES = [
  "openid",
  "profile",
  "w_member_social",
  "r_member_social",
  "r_member_postAnalytics",
  "r_member_profileAnalytics",
  "w_organization_social",
  "r_organization_social",
  "rw_organization_admin",
];
const METRIC_TYPES = ["IMPRESSION", "MEMBERS_REACHED", "RESHARE", "REACTION", "COMMENT"];

/** A refusal in LinkedIn's error shape; thrown by handlers, answered by the dispatcher. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

interface Token {
  sub: string;
  scopes: string[];
  expired: boolean;
}

interface Call {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  url: URL;
  /** The token's holder, for endpoints that take one. */
  token: Token;
}

type Handler = (call: Call) => Promise<void>;

export async function startFakeLinkedIn(opts: FakeLinkedInOptions = {}): Promise<FakeLinkedIn> {
  const tokens = new Map<string, Token>();
  const refreshTokens = new Map<string, Token>();
  const codes = new Map<string, { redirectUri: string; scopes: string[] }>();
  const faults = new Map<FakeLinkedInEndpoint, { times: number; status: number; retryAfterSec?: number }>();
  const timers = new Set<NodeJS.Timeout>();
  /** Upload URLs are signed per video, as LinkedIn's are; they take no LinkedIn-Version or token. */
  const signatures = new Map<string, string>();
  let cut: { part: number; afterBytes: number } | null = null;
  let publishDelayMs = 0;
  let nextId = 7_100_000_000_000_000_000n;
  const id = () => String(nextId++);
  const secret = () => randomBytes(12).toString("hex");
  const partBytes = opts.partBytes ?? 4 * 1024 * 1024;
  const minFileBytes = opts.minFileBytes ?? 75 * 1000;

  const sub = "fA3kZ9xQ2w";
  const fake: FakeLinkedIn = {
    url: "",
    clientId: opts.clientId ?? "fake-client-id",
    clientSecret: opts.clientSecret ?? "fake-client-secret",
    member: { sub, name: "Ada Lovelace", urn: `urn:li:person:${sub}` },
    organizations: new Map([["urn:li:organization:2414183", { followers: 0 }]]),
    followers: 0,
    counters: { publishes: 0, initializes: 0, finalizes: 0, partPuts: 0, requests: {} },
    posts: [],
    videos: new Map(),
    processingPolls: opts.processingPolls ?? 1,
    refreshReturnsRefreshToken: true,
    videoBytes(video) {
      const v = fake.videos.get(video);
      if (!v || v.parts.some((p) => !p.bytes)) return null;
      return Buffer.concat(v.parts.map((p) => p.bytes as Buffer));
    },
    issueToken(scopes = ALL_SCOPES) {
      const token = `AQ${secret()}`;
      tokens.set(token, { sub, scopes, expired: false });
      return token;
    },
    issueCode(redirectUri, scopes = ALL_SCOPES) {
      const code = `AQT${secret()}`;
      codes.set(code, { redirectUri, scopes });
      return code;
    },
    expireToken(token) {
      const t = tokens.get(token);
      if (t) t.expired = true;
    },
    failNext(endpoint, fault) {
      faults.set(endpoint, { times: fault.times ?? 1, status: fault.status, retryAfterSec: fault.retryAfterSec });
    },
    cutUpload(part, afterBytes) {
      cut = { part, afterBytes };
    },
    delayPublish(ms) {
      publishDelayMs = ms;
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      await server.close();
    },
  };

  // ------------------------------------------------------------------------------------- helpers

  const send = (res: http.ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) => {
    if (res.headersSent || res.destroyed) return;
    const text = body === undefined ? "" : JSON.stringify(body);
    res.writeHead(status, { ...(text ? { "Content-Type": "application/json" } : {}), ...headers });
    res.end(text);
  };

  const readBody = (req: http.IncomingMessage): Promise<Buffer> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => resolve(Buffer.concat(chunks)));
      req.on("error", reject);
    });

  const readJson = async (req: http.IncomingMessage): Promise<Record<string, unknown>> => {
    if (!String(req.headers["content-type"] ?? "").startsWith("application/json")) throw new Refusal(415, "Content-Type must be application/json");
    try {
      const v: unknown = JSON.parse((await readBody(req)).toString("utf8"));
      if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
    } catch {
      // answered below
    }
    throw new Refusal(400, "Request body is not a JSON object");
  };

  const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const need = (ok: boolean, message: string, status = 400) => {
    if (!ok) throw new Refusal(status, message);
  };
  const needScope = (token: Token, ...anyOf: string[]) =>
    need(
      anyOf.some((s) => token.scopes.includes(s)),
      `Not enough permissions to access this resource (needs ${anyOf.join(" or ")})`,
      403,
    );
  /** The member acts as themself or as a page they administer. */
  const mayActAs = (token: Token, actor: unknown) => actor === `urn:li:person:${token.sub}` || (typeof actor === "string" && fake.organizations.has(actor));
  const isOrg = (actor: string) => actor.startsWith("urn:li:organization:");
  const needWrite = (token: Token, actor: unknown, what: string) => {
    need(typeof actor === "string" && actor !== "", `${what} is required`);
    need(mayActAs(token, actor), `Accessing this resource is forbidden for ${String(actor)}`, 403);
    needScope(token, isOrg(actor as string) ? "w_organization_social" : "w_member_social");
  };

  const bearer = (req: http.IncomingMessage): Token => {
    const m = /^Bearer (\S+)$/.exec(String(req.headers.authorization ?? ""));
    const token = m ? tokens.get(m[1]) : undefined;
    if (!token) throw new Refusal(401, "Invalid access token", "INVALID_ACCESS_TOKEN");
    if (token.expired) throw new Refusal(401, "The token used in the request has expired", "EXPIRED_ACCESS_TOKEN");
    return token;
  };

  const versioned = (req: http.IncomingMessage) => {
    need(/^\d{6}(\.\d{2})?$/.test(String(req.headers["linkedin-version"] ?? "")), "A valid LinkedIn-Version header (YYYYMM) is required", 400);
    need(req.headers["x-restli-protocol-version"] === "2.0.0", "X-Restli-Protocol-Version: 2.0.0 is required", 400);
  };

  // ---------------------------------------------------------------------------------------- OAuth

  const tokenAnswer = (t: Token, refreshToken: string | null) => {
    const access = `AQ${secret()}`;
    tokens.set(access, { ...t, expired: false });
    return {
      access_token: access,
      expires_in: 5_184_000,
      ...(refreshToken ? { refresh_token: refreshToken, refresh_token_expires_in: 31_536_000 } : {}),
      scope: t.scopes.join(","),
    };
  };

  const oauthToken = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    need(String(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded"), "Content-Type must be application/x-www-form-urlencoded");
    const form = new URLSearchParams((await readBody(req)).toString("utf8"));
    const oauthError = (error: string, description: string) => send(res, 400, { error, error_description: description });
    if (form.get("client_id") !== fake.clientId || form.get("client_secret") !== fake.clientSecret)
      return send(res, 401, { error: "invalid_client", error_description: "Client authentication failed" });
    if (form.get("grant_type") === "authorization_code") {
      const code = codes.get(form.get("code") ?? "");
      if (!code || code.redirectUri !== form.get("redirect_uri"))
        return oauthError("invalid_request", "Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code");
      codes.delete(form.get("code") ?? "");
      const refresh = `AQX${secret()}`;
      refreshTokens.set(refresh, { sub, scopes: code.scopes, expired: false });
      return send(res, 200, tokenAnswer({ sub, scopes: code.scopes, expired: false }, refresh));
    }
    if (form.get("grant_type") === "refresh_token") {
      const refresh = form.get("refresh_token") ?? "";
      const holder = refreshTokens.get(refresh);
      if (!holder) return oauthError("invalid_request", "The provided refresh token is invalid");
      return send(res, 200, tokenAnswer(holder, fake.refreshReturnsRefreshToken ? refresh : null));
    }
    return oauthError("unsupported_grant_type", "grant_type must be authorization_code or refresh_token");
  };

  const userinfo: Handler = async ({ res, token }) => {
    needScope(token, "openid");
    const [given, family] = fake.member.name.split(" ");
    send(res, 200, { sub: token.sub, name: fake.member.name, given_name: given, family_name: family, locale: { country: "GB", language: "en" } });
  };

  // --------------------------------------------------------------------------------------- videos

  const initializeUpload: Handler = async ({ req, res, token }) => {
    const r = obj((await readJson(req)).initializeUploadRequest);
    needWrite(token, r.owner, "initializeUploadRequest.owner");
    const size = r.fileSizeBytes;
    need(typeof size === "number" && Number.isInteger(size), "initializeUploadRequest.fileSizeBytes must be an integer");
    need((size as number) >= minFileBytes, `fileSizeBytes must be at least ${minFileBytes}`);
    need(r.uploadCaptions === undefined || typeof r.uploadCaptions === "boolean", "uploadCaptions must be a boolean");
    need(r.uploadThumbnail === undefined || typeof r.uploadThumbnail === "boolean", "uploadThumbnail must be a boolean");
    const video: FakeVideo = {
      urn: `urn:li:video:C5F10AQ${secret()}`,
      owner: r.owner as string,
      fileSizeBytes: size as number,
      parts: [],
      wantsCaptions: r.uploadCaptions === true,
      captions: null,
      status: "WAITING_UPLOAD",
      pollsLeft: 0,
    };
    for (let first = 0; first < video.fileSizeBytes; first += partBytes)
      video.parts.push({ firstByte: first, lastByte: Math.min(first + partBytes, video.fileSizeBytes) - 1, etag: null, bytes: null });
    fake.videos.set(video.urn, video);
    fake.counters.initializes++;
    const key = secret();
    const upload = (path: string) => `${fake.url}${path}?sig=${key}&video=${encodeURIComponent(video.urn)}`;
    signatures.set(video.urn, key);
    send(res, 200, {
      value: {
        uploadUrlsExpireAt: Date.now() + 24 * 3600_000,
        video: video.urn,
        uploadInstructions: video.parts.map((p, i) => ({ uploadUrl: upload(`/dms-uploads/part/${i}`), firstByte: p.firstByte, lastByte: p.lastByte })),
        uploadToken: "",
        ...(video.wantsCaptions ? { captionsUploadUrl: upload("/dms-uploads/captions") } : {}),
      },
    });
  };

  const signedVideo = (url: URL): FakeVideo => {
    const video = fake.videos.get(url.searchParams.get("video") ?? "");
    need(!!video && signatures.get(video.urn) === url.searchParams.get("sig"), "Upload URL is invalid or expired", 403);
    return video as FakeVideo;
  };

  /** Reads a part, or drops the connection part-way when told to (an interrupted upload). */
  const readPart = (req: http.IncomingMessage, index: number): Promise<Buffer | null> => {
    if (cut?.part !== index) return readBody(req);
    const { afterBytes } = cut;
    cut = null;
    return new Promise((resolve) => {
      let got = 0;
      req.on("data", (c: Buffer) => {
        got += c.length;
        if (got >= afterBytes) {
          req.socket.destroy();
          resolve(null);
        }
      });
      req.on("end", () => resolve(null));
    });
  };

  const uploadPart = async ({ req, res, url }: Omit<Call, "token">, index: number) => {
    const video = signedVideo(url);
    need(req.method === "PUT", "Upload with PUT", 405);
    need(req.headers["content-type"] === "application/octet-stream", "Content-Type must be application/octet-stream");
    const part = video.parts[index];
    need(!!part, "No such upload part", 404);
    need(video.status === "WAITING_UPLOAD", "The upload is already finalized");
    need(
      video.parts.slice(0, index).every((p) => p.bytes),
      "Upload parts must be sent in order",
    );
    const bytes = await readPart(req, index);
    if (!bytes) return;
    need(bytes.length === part.lastByte - part.firstByte + 1, `Part ${index} must be bytes ${part.firstByte}-${part.lastByte} (${bytes.length} bytes sent)`);
    part.bytes = bytes;
    part.etag = `/ambry-video/signedId/${secret()}`;
    fake.counters.partPuts++;
    send(res, 201, undefined, { ETag: part.etag });
  };

  const uploadCaptions = async ({ req, res, url }: Omit<Call, "token">) => {
    const video = signedVideo(url);
    need(req.method === "PUT", "Upload with PUT", 405);
    need(video.wantsCaptions, "The upload was initialized without uploadCaptions");
    const srt = (await readBody(req)).toString("utf8");
    need(/^\d+\r?\n\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}/.test(srt.trimStart()), "Captions must be an SRT file");
    video.captions = srt;
    send(res, 201);
  };

  const finalizeUpload: Handler = async ({ req, res, token }) => {
    const r = obj((await readJson(req)).finalizeUploadRequest);
    const video = fake.videos.get(String(r.video));
    need(!!video, "finalizeUploadRequest.video is not an initialized upload", 404);
    const v = video as FakeVideo;
    needWrite(token, v.owner, "owner");
    need(r.uploadToken === "", "finalizeUploadRequest.uploadToken must be the one initializeUpload gave");
    need(v.status === "WAITING_UPLOAD", "The upload is already finalized");
    need(
      v.parts.every((p) => p.bytes),
      "Not every part was uploaded",
    );
    const ids = r.uploadedPartIds;
    need(
      Array.isArray(ids) && ids.length === v.parts.length && v.parts.every((p, i) => p.etag === ids[i]),
      "uploadedPartIds must be the parts' ETags in order",
    );
    v.status = "PROCESSING";
    v.pollsLeft = fake.processingPolls;
    fake.counters.finalizes++;
    send(res, 200);
  };

  const getVideo = async ({ res, token }: Call, videoUrn: string) => {
    const v = fake.videos.get(videoUrn);
    need(!!v, "Video not found", 404);
    const video = v as FakeVideo;
    need(mayActAs(token, video.owner), "Accessing this video resource is forbidden", 403);
    if (video.status === "PROCESSING" && video.pollsLeft-- <= 0) video.status = "AVAILABLE";
    send(res, 200, { id: video.urn, owner: video.owner, status: video.status, ...(video.captions ? { captions: [{ format: "SRT" }] } : {}) });
  };

  // ---------------------------------------------------------------------------------------- posts

  /** Little text as the feed shows it: hashtag templates read, escapes dropped. */
  const readLittleText = (s: string) => s.replace(/\{hashtag\|\\#\|((?:\\.|[^}])*)\}/g, "#$1").replace(/\\(.)/g, "$1");

  const createPost: Handler = async ({ req, res, token }) => {
    const body = await readJson(req);
    needWrite(token, body.author, "author");
    need(typeof body.commentary === "string", "commentary is required");
    need((body.commentary as string).length <= 3000, "commentary is longer than 3000 characters", 422);
    need(["PUBLIC", "CONNECTIONS", "LOGGED_IN"].includes(String(body.visibility)), "visibility must be PUBLIC, CONNECTIONS or LOGGED_IN");
    const distribution = obj(body.distribution);
    need(["MAIN_FEED", "NONE"].includes(String(distribution.feedDistribution)), "distribution.feedDistribution is required");
    need(Array.isArray(distribution.targetEntities) && Array.isArray(distribution.thirdPartyDistributionChannels), "distribution lists are required");
    need(body.lifecycleState === "PUBLISHED", "lifecycleState must be PUBLISHED");
    need(typeof body.isReshareDisabledByAuthor === "boolean", "isReshareDisabledByAuthor is required");
    const media = obj(obj(body.content).media);
    const video = fake.videos.get(String(media.id));
    need(!!video && video.owner === body.author, "content.media.id must be a video of the author");
    need(video?.status === "AVAILABLE", "The video is not ready to be posted");
    const duplicate = fake.posts.find((p) => p.author === body.author && p.commentary === body.commentary && p.media.id === media.id);
    need(!duplicate, `Content is a duplicate of ${duplicate?.id}`, 422);
    const now = Date.now();
    const post: FakePost = {
      id: `urn:li:share:${id()}`,
      author: body.author as string,
      commentary: body.commentary as string,
      text: readLittleText(body.commentary as string),
      visibility: body.visibility as string,
      distribution,
      media: { id: String(media.id), title: typeof media.title === "string" ? media.title : "" },
      lifecycleState: "PUBLISHED",
      isReshareDisabledByAuthor: body.isReshareDisabledByAuthor as boolean,
      createdAt: now,
      lastModifiedAt: now,
      metrics: { impressions: 0, reactions: 0, comments: 0, reshares: 0 },
    };
    fake.posts.push(post);
    fake.counters.publishes++;
    const answer = () => send(res, 201, undefined, { "x-restli-id": post.id });
    const delay = publishDelayMs;
    publishDelayMs = 0;
    if (!delay) return answer();
    const timer = setTimeout(() => {
      timers.delete(timer);
      answer();
    }, delay);
    timers.add(timer);
  };

  const postJson = (p: FakePost) => ({
    id: p.id,
    author: p.author,
    commentary: p.commentary,
    visibility: p.visibility,
    distribution: p.distribution,
    content: { media: p.media },
    lifecycleState: p.lifecycleState,
    isReshareDisabledByAuthor: p.isReshareDisabledByAuthor,
    createdAt: p.createdAt,
    lastModifiedAt: p.lastModifiedAt,
    publishedAt: p.createdAt,
  });

  const findPosts: Handler = async ({ req, res, url, token }) => {
    need(req.headers["x-restli-method"]?.toString().toUpperCase() === "FINDER", "X-RestLi-Method: FINDER is required");
    need(url.searchParams.get("q") === "author", "q must be author");
    const author = url.searchParams.get("author") ?? "";
    need(mayActAs(token, author), `Not enough permissions to read the posts of ${author}`, 403);
    needScope(token, isOrg(author) ? "r_organization_social" : "r_member_social");
    const start = Number(url.searchParams.get("start") ?? 0);
    const count = Math.min(Number(url.searchParams.get("count") ?? 10), 100);
    const mine = fake.posts.filter((p) => p.author === author).sort((a, b) => b.lastModifiedAt - a.lastModifiedAt || b.id.localeCompare(a.id));
    send(res, 200, { elements: mine.slice(start, start + count).map(postJson), paging: { start, count, total: mine.length, links: [] } });
  };

  // ------------------------------------------------------------------------------------ analytics

  const postOf = (token: Token, postUrn: string) => {
    const post = fake.posts.find((p) => p.id === postUrn);
    need(!!post, `${postUrn} not found`, 404);
    need(mayActAs(token, post?.author), `Not enough permissions to read the analytics of ${postUrn}`, 403);
    return post as FakePost;
  };

  const postAnalytics: Handler = async ({ res, url, token }) => {
    needScope(token, "r_member_postAnalytics");
    need(url.searchParams.get("q") === "entity", "q must be entity");
    const m = /^\((share|ugc):(urn:li:(share|ugcPost):\d+)\)$/.exec(url.searchParams.get("entity") ?? "");
    need(!!m && (m[1] === "share") === (m[3] === "share"), "entity must be (share:{share URN}) or (ugc:{ugcPost URN})");
    const queryType = url.searchParams.get("queryType") ?? "";
    need(METRIC_TYPES.includes(queryType), `queryType must be one of ${METRIC_TYPES.join(", ")}`);
    need(["TOTAL", null].includes(url.searchParams.get("aggregation")), "aggregation must be TOTAL");
    const post = postOf(token, (m as RegExpExecArray)[2]);
    const { impressions, reactions, comments, reshares } = post.metrics;
    const count = { IMPRESSION: impressions, MEMBERS_REACHED: impressions, RESHARE: reshares, REACTION: reactions, COMMENT: comments }[queryType];
    send(res, 200, {
      elements: [{ count, metricType: queryType, targetEntity: { [(m as RegExpExecArray)[1]]: post.id } }],
      paging: { start: 0, count: 10, links: [] },
    });
  };

  const memberFollowers: Handler = async ({ res, url, token }) => {
    needScope(token, "r_member_profileAnalytics");
    need(url.searchParams.get("q") === "me", "q must be me");
    send(res, 200, { elements: [{ memberFollowersCount: fake.followers }], paging: { start: 0, count: 10, links: [] } });
  };

  const listParam = (url: URL, name: string) =>
    /^List\((.*)\)$/
      .exec(url.searchParams.get(name) ?? "List()")?.[1]
      .split(",")
      .filter(Boolean) ?? [];

  const shareStatistics: Handler = async ({ res, url, token }) => {
    needScope(token, "rw_organization_admin");
    need(url.searchParams.get("q") === "organizationalEntity", "q must be organizationalEntity");
    const org = url.searchParams.get("organizationalEntity") ?? "";
    need(isOrg(org) && mayActAs(token, org), `Not an administrator of ${org}`, 403);
    const ids = [...listParam(url, "shares"), ...listParam(url, "ugcPosts")];
    const elements = ids.map((postUrn) => {
      const p = postOf(token, postUrn);
      need(p.author === org, `${postUrn} is not a post of ${org}`);
      return {
        organizationalEntity: org,
        [p.id.startsWith("urn:li:share:") ? "share" : "ugcPost"]: p.id,
        totalShareStatistics: {
          impressionCount: p.metrics.impressions,
          uniqueImpressionsCount: p.metrics.impressions,
          likeCount: p.metrics.reactions,
          commentCount: p.metrics.comments,
          shareCount: p.metrics.reshares,
          clickCount: 0,
          engagement: 0,
        },
      };
    });
    send(res, 200, { elements, paging: { start: 0, count: 10, links: [] } });
  };

  const networkSizes = async ({ res, url, token }: Call, org: string) => {
    needScope(token, "rw_organization_admin");
    need(url.searchParams.get("edgeType") === "COMPANY_FOLLOWED_BY_MEMBER", "edgeType must be COMPANY_FOLLOWED_BY_MEMBER");
    const page = fake.organizations.get(org);
    need(!!page, `${org} not found`, 404);
    send(res, 200, { firstDegreeSize: page?.followers });
  };

  // ------------------------------------------------------------------------------------- dispatch

  /** Which endpoint a request is for, and how to serve it; null for a path LinkedIn does not have. */
  const route = (method: string, url: URL): { endpoint: FakeLinkedInEndpoint; serve: (c: Call) => Promise<void>; auth: "bearer" | "none" } | null => {
    const p = url.pathname;
    const action = url.searchParams.get("action");
    if (method === "POST" && p === "/oauth/v2/accessToken") return { endpoint: "token", auth: "none", serve: (c) => oauthToken(c.req, c.res) };
    if (method === "GET" && p === "/v2/userinfo") return { endpoint: "userinfo", auth: "bearer", serve: userinfo };
    const part = /^\/dms-uploads\/part\/(\d+)$/.exec(p);
    if (part) return { endpoint: "uploadPart", auth: "none", serve: (c) => uploadPart(c, Number(part[1])) };
    if (p === "/dms-uploads/captions") return { endpoint: "uploadCaptions", auth: "none", serve: uploadCaptions };
    if (method === "POST" && p === "/rest/videos" && action === "initializeUpload")
      return { endpoint: "initializeUpload", auth: "bearer", serve: initializeUpload };
    if (method === "POST" && p === "/rest/videos" && action === "finalizeUpload") return { endpoint: "finalizeUpload", auth: "bearer", serve: finalizeUpload };
    const video = /^\/rest\/videos\/([^/]+)$/.exec(p);
    if (method === "GET" && video) return { endpoint: "getVideo", auth: "bearer", serve: (c) => getVideo(c, decodeURIComponent(video[1])) };
    if (method === "POST" && p === "/rest/posts") return { endpoint: "createPost", auth: "bearer", serve: createPost };
    if (method === "GET" && p === "/rest/posts") return { endpoint: "findPosts", auth: "bearer", serve: findPosts };
    if (method === "GET" && p === "/rest/memberCreatorPostAnalytics") return { endpoint: "postAnalytics", auth: "bearer", serve: postAnalytics };
    if (method === "GET" && p === "/rest/memberFollowersCount") return { endpoint: "memberFollowers", auth: "bearer", serve: memberFollowers };
    if (method === "GET" && p === "/rest/organizationalEntityShareStatistics") return { endpoint: "shareStatistics", auth: "bearer", serve: shareStatistics };
    const sizes = /^\/rest\/networkSizes\/([^/]+)$/.exec(p);
    if (method === "GET" && sizes) return { endpoint: "networkSizes", auth: "bearer", serve: (c) => networkSizes(c, decodeURIComponent(sizes[1])) };
    return null;
  };

  /** Answers an injected fault instead of the endpoint, when one is armed for it. */
  const injected = (endpoint: FakeLinkedInEndpoint, res: http.ServerResponse): boolean => {
    const fault = faults.get(endpoint);
    if (!fault) return false;
    if (--fault.times <= 0) faults.delete(endpoint);
    const headers: Record<string, string> = fault.retryAfterSec !== undefined ? { "Retry-After": String(fault.retryAfterSec) } : {};
    send(res, fault.status, { status: fault.status, message: `Injected failure of ${endpoint}` }, headers);
    return true;
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? "/", fake.url);
    const r = route(req.method ?? "GET", url);
    if (!r) return send(res, 404, { status: 404, message: `No resource at ${req.method} ${url.pathname}` });
    fake.counters.requests[r.endpoint] = (fake.counters.requests[r.endpoint] ?? 0) + 1;
    if (injected(r.endpoint, res)) return;
    if (url.pathname.startsWith("/rest/")) versioned(req);
    const token = r.auth === "bearer" ? bearer(req) : { sub, scopes: [], expired: false };
    await r.serve({ req, res, url, token });
  };

  const server = await listenLocal((req, res) => {
    handle(req, res).catch((e: unknown) => {
      // A refusal may come before the body is read: drain it so the client reads the answer, not a reset.
      req.resume();
      if (e instanceof Refusal) send(res, e.status, { status: e.status, message: e.message, ...(e.code ? { code: e.code, serviceErrorCode: 65600 } : {}) });
      else send(res, 500, { status: 500, message: String(e) });
    });
  });
  fake.url = server.url;
  return fake;
}
