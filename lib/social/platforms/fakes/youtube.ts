import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import { listenLocal } from "@/lib/test/local-server";

/**
 * A local YouTube (Data API v3 + Google OAuth token endpoint) for tests and dev servers: it speaks
 * the documented requests and answers of every endpoint the adapter uses, refuses what YouTube
 * would refuse (missing fields, a bad Bearer token, chunks out of order or off the 256 KiB grid),
 * and lets a test inject the failures the publishing engine must survive.
 *
 *   POST /token                                      code exchange and refresh (oauth2.googleapis.com)
 *   GET  /youtube/v3/channels?mine=true               channels.list (profile, subscriber count)
 *   GET  /youtube/v3/videos?id=...                    videos.list (statistics, status, processingDetails)
 *   POST /upload/youtube/v3/videos?uploadType=resumable   opens an upload session (Location)
 *   PUT  <session URI>                                a chunk (308 + Range), the last chunk (201 + video),
 *                                                     or a status query (Content-Range: bytes *\/TOTAL)
 *   POST /upload/youtube/v3/captions?uploadType=multipart captions.insert
 *
 * The consent page is not served: a test gets a code from issueCode() as if a user had consented.
 */

/** Names for fault injection and counters: "publish" is the last chunk's PUT, the one that makes the video. */
export type FakeYouTubeEndpoint = "token" | "refresh" | "profile" | "lookup" | "initiate" | "upload" | "status" | "publish" | "captions";

export interface FakeVideo {
  id: string;
  snippet: { title: string; description: string; categoryId?: string };
  status: { privacyStatus: string; publishAt?: string; containsSyntheticMedia?: boolean };
  /** Exactly the bytes uploaded, in order. */
  bytes: Buffer;
  contentType: string;
  captions: Array<{ id: string; language: string; name: string; body: string }>;
  statistics: { viewCount: number; likeCount: number; commentCount: number };
  /** videos.list calls that asked for its status; processing ends after `processingPolls` of them. */
  statusPolls: number;
}

export interface FakeSession {
  id: string;
  uri: string;
  declaredBytes: number;
  contentType: string;
  resource: { snippet: FakeVideo["snippet"]; status: FakeVideo["status"] };
  received: Buffer[];
  receivedBytes: number;
  videoId: string | null;
  expired: boolean;
}

export interface FakeYouTubeOptions {
  clientId?: string;
  clientSecret?: string;
  /** Every chunk but the last must be a multiple of this (the protocol's 256 KiB). */
  chunkMultiple?: number;
  /** How many status lookups (videos.list part=status) a video stays "uploaded" before it is "processed". */
  processingPolls?: number;
  channel?: Partial<FakeChannel>;
}

export interface FakeChannel {
  id: string;
  title: string;
  customUrl: string;
  subscriberCount: number;
  hiddenSubscriberCount: boolean;
}

export interface FakeRequest {
  endpoint: FakeYouTubeEndpoint | null;
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

export interface FakeYouTube {
  url: string;
  close(): Promise<void>;
  /** A token and refresh token valid from the start, for the channel. */
  accessToken: string;
  refreshToken: string;
  channel: FakeChannel;
  /** Videos made by completed uploads, by id. */
  posts: Map<string, FakeVideo>;
  sessions: Map<string, FakeSession>;
  counters: {
    /** Videos actually created (an upload's last byte arrived); exactly-once tests read it. */
    publishes: number;
    calls: Record<FakeYouTubeEndpoint, number>;
  };
  /** Every request, in order (headers as received). */
  requests: FakeRequest[];
  /** An authorization code as Google would hand it to the redirect URI after consent. */
  issueCode(opts: { clientId?: string; redirectUri: string; codeChallenge?: string; scopes?: string[] }): string;
  /** The next `times` calls of `endpoint` answer `status` (a Google error body; Retry-After when given). */
  failNext(endpoint: FakeYouTubeEndpoint, opts: { status: number; times?: number; retryAfter?: string; reason?: string }): void;
  /** The next chunk PUT (after `skipChunks` more whole ones) has its connection cut after `afterBytes` of its body. */
  cutUpload(opts?: { skipChunks?: number; afterBytes?: number }): void;
  /** The next last-chunk PUT makes the video at once but answers only after `ms`. */
  delayPublish(ms: number): void;
  /** The token answers 401 from now on; a refresh gives a new one. */
  expireToken(token: string): void;
  /** Forgets the upload session (YouTube's sessions expire): its URI answers 404. */
  expireSession(uri: string): void;
  setStatistics(videoId: string, stats: Partial<FakeVideo["statistics"]>): void;
}

interface Fault {
  status: number;
  times: number;
  retryAfter?: string;
  reason?: string;
}

interface Code {
  clientId: string;
  redirectUri: string;
  codeChallenge?: string;
  scopes: string[];
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly reason = "badRequest",
  ) {
    super(message);
  }
}

const ALL_SCOPES = ["https://www.googleapis.com/auth/youtube.upload", "https://www.googleapis.com/auth/youtube.force-ssl"];
const MAX_UPLOAD = 256 * 1024 ** 3;
const endpoints: FakeYouTubeEndpoint[] = ["token", "refresh", "profile", "lookup", "initiate", "upload", "status", "publish", "captions"];

const token = (prefix: string) => `${prefix}${randomBytes(12).toString("base64url")}`;
/** YouTube video ids: 11 characters of the URL-safe base64 alphabet. */
const videoId = () => randomBytes(9).toString("base64url").slice(0, 11);

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "Content-Type": "application/json; charset=UTF-8", ...headers });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

/** Google's JSON error shape (docs/errors). */
const googleError = (status: number, message: string, reason: string) => ({
  error: { code: status, message, errors: [{ message, domain: "youtube", reason }] },
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "Parse Error", "parseError");
  }
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
    // A client that gave up mid-body (its timeout) sent no complete request: nothing is done with it.
    req.on("close", () => {
      if (!req.complete) reject(new Error("request aborted"));
    });
  });
}

/** Which endpoint a request is for, from its method, path and Content-Range alone (before its body is read). */
function endpointOf(req: http.IncomingMessage, url: URL, sessions: Map<string, FakeSession>): FakeYouTubeEndpoint | null {
  const path = url.pathname;
  if (req.method === "POST" && path === "/token") return null; // decided by grant_type, once the form is read
  if (req.method === "GET" && path === "/youtube/v3/channels") return "profile";
  if (req.method === "GET" && path === "/youtube/v3/videos") return "lookup";
  if (req.method === "POST" && path === "/upload/youtube/v3/captions") return "captions";
  if (path !== "/upload/youtube/v3/videos") return null;
  if (req.method === "POST") return "initiate";
  if (req.method !== "PUT") return null;
  const range = req.headers["content-range"] ?? "";
  if (range.startsWith("bytes */")) return "status";
  const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(range);
  const session = sessions.get(url.searchParams.get("upload_id") ?? "");
  return m && Number(m[2]) + 1 === Number(m[3]) && session ? "publish" : "upload";
}

export async function startFakeYouTube(opts: FakeYouTubeOptions = {}): Promise<FakeYouTube> {
  const clientId = opts.clientId ?? "fake-client-id";
  const clientSecret = opts.clientSecret ?? "fake-client-secret";
  const chunkMultiple = opts.chunkMultiple ?? 256 * 1024;
  const processingPolls = opts.processingPolls ?? 0;
  const channel: FakeChannel = {
    id: "UCfakechannel0000000000",
    title: "Fake Channel",
    customUrl: "@fakechannel",
    subscriberCount: 1234,
    hiddenSubscriberCount: false,
    ...opts.channel,
  };

  const accessTokens = new Set<string>();
  const refreshTokens = new Set<string>();
  const codes = new Map<string, Code>();
  const faults = new Map<FakeYouTubeEndpoint, Fault>();
  const timers = new Set<NodeJS.Timeout>();
  let cut: { skipChunks: number; afterBytes: number | null } | null = null;
  let publishDelayMs = 0;
  let base = "";

  const fake = {
    accessToken: token("ya29.fake-"),
    refreshToken: token("1//fake-"),
    channel,
    posts: new Map<string, FakeVideo>(),
    sessions: new Map<string, FakeSession>(),
    counters: { publishes: 0, calls: Object.fromEntries(endpoints.map((e) => [e, 0])) as Record<FakeYouTubeEndpoint, number> },
    requests: [] as FakeRequest[],
  };
  accessTokens.add(fake.accessToken);
  refreshTokens.add(fake.refreshToken);

  // ---- checks every endpoint shares ----

  function requireBearer(req: http.IncomingMessage) {
    const m = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "");
    if (!m || !accessTokens.has(m[1])) throw new HttpError(401, "Request had invalid authentication credentials. Expected OAuth 2 access token.", "authError");
  }

  function requireParam(url: URL, name: string): string {
    const v = url.searchParams.get(name);
    if (!v) throw new HttpError(400, `No filter selected. Expected one of: ${name}`, "missingRequiredParameter");
    return v;
  }

  /** Throws the injected failure of this endpoint, if one is armed. */
  function injectedFault(endpoint: FakeYouTubeEndpoint): Fault | null {
    const fault = faults.get(endpoint);
    if (!fault) return null;
    if (--fault.times <= 0) faults.delete(endpoint);
    return fault;
  }

  // ---- OAuth ----

  function issueTokens(scopes: string[], withRefresh: boolean) {
    const access = token("ya29.fake-");
    accessTokens.add(access);
    const out: Record<string, unknown> = { access_token: access, expires_in: 3599, scope: scopes.join(" "), token_type: "Bearer" };
    if (withRefresh) {
      const refresh = token("1//fake-");
      refreshTokens.add(refresh);
      out.refresh_token = refresh;
    }
    return out;
  }

  function exchangeCode(form: URLSearchParams) {
    const code = codes.get(form.get("code") ?? "");
    if (!code) throw new HttpError(400, "Malformed auth code.", "invalid_grant");
    codes.delete(form.get("code") ?? ""); // single use
    if (code.clientId !== form.get("client_id")) throw new HttpError(400, "The code was issued to another client.", "invalid_grant");
    if (code.redirectUri !== form.get("redirect_uri")) throw new HttpError(400, "Bad Request", "redirect_uri_mismatch");
    if (code.codeChallenge) {
      const verifier = form.get("code_verifier") ?? "";
      if (createHash("sha256").update(verifier).digest("base64url") !== code.codeChallenge) throw new HttpError(400, "Invalid code verifier.", "invalid_grant");
    }
    return issueTokens(code.scopes, true);
  }

  function refresh(form: URLSearchParams) {
    if (!refreshTokens.has(form.get("refresh_token") ?? "")) throw new HttpError(400, "Token has been expired or revoked.", "invalid_grant");
    // Google returns no new refresh token on a refresh: the old one stays valid.
    return issueTokens(ALL_SCOPES, false);
  }

  /** The token endpoint's errors are OAuth's flat { error, error_description }, not Google API errors. */
  function handleToken(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, log: FakeRequest) {
    if (!(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded"))
      return send(res, 400, { error: "invalid_request", error_description: "Expected a form body." });
    const form = new URLSearchParams(body.toString("utf8"));
    const grant = form.get("grant_type");
    const endpoint = grant === "refresh_token" ? "refresh" : "token";
    log.endpoint = endpoint;
    fake.counters.calls[endpoint]++;
    const fault = injectedFault(endpoint);
    if (fault)
      return send(res, fault.status, { error: fault.reason ?? "temporarily_unavailable" }, fault.retryAfter ? { "Retry-After": fault.retryAfter } : {});
    if (form.get("client_id") !== clientId || form.get("client_secret") !== clientSecret)
      return send(res, 401, { error: "invalid_client", error_description: "Unauthorized" });
    try {
      if (grant === "authorization_code") return send(res, 200, exchangeCode(form));
      if (grant === "refresh_token") return send(res, 200, refresh(form));
      return send(res, 400, { error: "unsupported_grant_type", error_description: `Invalid grant_type: ${grant}` });
    } catch (e) {
      if (e instanceof HttpError) return send(res, e.status, { error: e.reason, error_description: e.message });
      throw e;
    }
  }

  // ---- reads ----

  function channels(url: URL) {
    const parts = requireParam(url, "part").split(",");
    if (url.searchParams.get("mine") !== "true")
      throw new HttpError(400, "No filter selected. Expected one of: mine, id, forHandle", "missingRequiredParameter");
    const item: Record<string, unknown> = { kind: "youtube#channel", etag: "fake", id: channel.id };
    if (parts.includes("snippet")) item.snippet = { title: channel.title, description: "", customUrl: channel.customUrl };
    if (parts.includes("statistics"))
      item.statistics = {
        viewCount: "0",
        subscriberCount: channel.hiddenSubscriberCount ? "0" : String(channel.subscriberCount),
        hiddenSubscriberCount: channel.hiddenSubscriberCount,
        videoCount: String(fake.posts.size),
      };
    return { kind: "youtube#channelListResponse", etag: "fake", pageInfo: { totalResults: 1, resultsPerPage: 5 }, items: [item] };
  }

  /** A video resource with the requested parts. */
  function videoResource(video: FakeVideo, parts: string[]) {
    const out: Record<string, unknown> = { kind: "youtube#video", etag: "fake", id: video.id };
    const processed = video.statusPolls > processingPolls;
    if (parts.includes("snippet")) out.snippet = { ...video.snippet, channelId: channel.id };
    if (parts.includes("status")) out.status = { ...video.status, uploadStatus: processed ? "processed" : "uploaded" };
    if (parts.includes("processingDetails")) out.processingDetails = { processingStatus: processed ? "succeeded" : "processing" };
    if (parts.includes("statistics"))
      out.statistics = {
        viewCount: String(video.statistics.viewCount),
        likeCount: String(video.statistics.likeCount),
        favoriteCount: "0",
        commentCount: String(video.statistics.commentCount),
      };
    return out;
  }

  function videos(url: URL) {
    const parts = requireParam(url, "part").split(",");
    const ids = requireParam(url, "id").split(",");
    if (ids.length > 50) throw new HttpError(400, "Too many ids: at most 50.", "invalidValue");
    const items = ids.flatMap((id) => {
      const v = fake.posts.get(id);
      if (!v) return [];
      // Each lookup of its status moves processing along.
      if (parts.includes("status") || parts.includes("processingDetails")) v.statusPolls++;
      return [videoResource(v, parts)];
    });
    return { kind: "youtube#videoListResponse", etag: "fake", pageInfo: { totalResults: items.length, resultsPerPage: items.length }, items };
  }

  // ---- the resumable upload ----

  function validateResource(parts: string[], body: Record<string, unknown>): FakeSession["resource"] {
    for (const key of Object.keys(body)) if (!parts.includes(key)) throw new HttpError(400, `The part parameter does not name "${key}".`, "unexpectedPart");
    const snippet = (body.snippet ?? {}) as Record<string, unknown>;
    const status = (body.status ?? {}) as Record<string, unknown>;
    const title = snippet.title;
    if (typeof title !== "string" || !title.trim() || [...title].length > 100 || /[<>]/.test(title))
      throw new HttpError(400, "The request metadata specifies an invalid video title.", "invalidTitle");
    const description = snippet.description ?? "";
    if (typeof description !== "string" || Buffer.byteLength(description) > 5000 || /[<>]/.test(description))
      throw new HttpError(400, "The request metadata specifies an invalid video description.", "invalidDescription");
    const privacyStatus = status.privacyStatus ?? "public";
    if (typeof privacyStatus !== "string" || !["public", "private", "unlisted"].includes(privacyStatus))
      throw new HttpError(400, "The request metadata specifies an invalid privacy status.", "invalidVideoMetadata");
    const publishAt = status.publishAt;
    if (publishAt !== undefined) {
      const at = typeof publishAt === "string" ? Date.parse(publishAt) : NaN;
      // publishAt only for private videos, and only in the future (videos resource, status.publishAt).
      if (privacyStatus !== "private" || Number.isNaN(at) || at <= Date.now())
        throw new HttpError(400, "The request metadata specifies an invalid scheduled publishing time.", "invalidPublishAt");
    }
    return {
      snippet: { title, description, ...(typeof snippet.categoryId === "string" && { categoryId: snippet.categoryId }) },
      status: {
        privacyStatus,
        ...(typeof publishAt === "string" && { publishAt }),
        ...(typeof status.containsSyntheticMedia === "boolean" && { containsSyntheticMedia: status.containsSyntheticMedia }),
      },
    };
  }

  function initiate(req: http.IncomingMessage, url: URL, body: Buffer, res: http.ServerResponse) {
    if (url.searchParams.get("uploadType") !== "resumable") throw new HttpError(400, "Expected uploadType=resumable.", "invalidValue");
    const parts = requireParam(url, "part").split(",");
    if (!(req.headers["content-type"] ?? "").startsWith("application/json")) throw new HttpError(400, "The video resource must be JSON.", "badContent");
    const declared = Number(req.headers["x-upload-content-length"]);
    if (!Number.isInteger(declared) || declared <= 0 || declared > MAX_UPLOAD)
      throw new HttpError(400, "X-Upload-Content-Length is missing or out of range.", "badContent");
    const contentType = String(req.headers["x-upload-content-type"] ?? "");
    if (!contentType.startsWith("video/") && contentType !== "application/octet-stream")
      throw new HttpError(400, "Media type not accepted.", "mediaBodyRequired");
    const json = parseJson(body.toString("utf8"));
    const resource = validateResource(parts, (json ?? {}) as Record<string, unknown>);
    const id = randomBytes(16).toString("hex");
    const uri = `${base}/upload/youtube/v3/videos?uploadType=resumable&part=${parts.join(",")}&upload_id=${id}`;
    fake.sessions.set(id, { id, uri, declaredBytes: declared, contentType, resource, received: [], receivedBytes: 0, videoId: null, expired: false });
    res.writeHead(200, { Location: uri, "Content-Length": "0" }).end();
  }

  function sessionOf(url: URL): FakeSession {
    const session = fake.sessions.get(url.searchParams.get("upload_id") ?? "");
    if (!session || session.expired) throw new HttpError(404, "Not Found", "notFound");
    return session;
  }

  /** 308 Resume Incomplete, with the Range received so far (none when nothing was). */
  function resumeIncomplete(res: http.ServerResponse, session: FakeSession) {
    const headers: Record<string, string> = { "Content-Length": "0" };
    if (session.receivedBytes > 0) headers.Range = `bytes=0-${session.receivedBytes - 1}`;
    res.writeHead(308, headers).end();
  }

  function statusQuery(req: http.IncomingMessage, url: URL, res: http.ServerResponse) {
    const session = sessionOf(url);
    if (req.headers["content-range"] !== `bytes */${session.declaredBytes}`)
      throw new HttpError(400, "Content-Range total does not match the upload.", "badContent");
    const video = session.videoId ? fake.posts.get(session.videoId) : undefined;
    if (video) return send(res, 200, videoResource(video, ["snippet", "status"]));
    resumeIncomplete(res, session);
  }

  /** Checks a chunk's Content-Range against what the session holds; returns [start, end] inclusive. */
  function chunkRange(req: http.IncomingMessage, session: FakeSession, length: number): [number, number] {
    const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(req.headers["content-range"] ?? "");
    if (!m) throw new HttpError(400, "Content-Range is missing or malformed.", "badContent");
    const [start, end, total] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (total !== session.declaredBytes) throw new HttpError(400, "Content-Range total does not match X-Upload-Content-Length.", "badContent");
    if (start !== session.receivedBytes) throw new HttpError(400, `Chunk starts at ${start}, but ${session.receivedBytes} bytes were received.`, "badContent");
    if (end < start || end - start + 1 !== length) throw new HttpError(400, "Content-Range does not match the body's length.", "badContent");
    if (end + 1 < total && length % chunkMultiple !== 0)
      throw new HttpError(400, `A chunk other than the last must be a multiple of ${chunkMultiple} bytes.`, "badContent");
    return [start, end];
  }

  function createVideo(session: FakeSession): FakeVideo {
    const video: FakeVideo = {
      id: videoId(),
      ...session.resource,
      bytes: Buffer.concat(session.received),
      contentType: session.contentType,
      captions: [],
      statistics: { viewCount: 0, likeCount: 0, commentCount: 0 },
      statusPolls: 0,
    };
    fake.posts.set(video.id, video);
    session.videoId = video.id;
    fake.counters.publishes++;
    return video;
  }

  function chunk(req: http.IncomingMessage, url: URL, body: Buffer, res: http.ServerResponse) {
    const session = sessionOf(url);
    const done = session.videoId ? fake.posts.get(session.videoId) : undefined;
    // A chunk sent again after the upload finished changes nothing: the answer is the video.
    if (done) return send(res, 200, videoResource(done, ["snippet", "status"]));
    const [, end] = chunkRange(req, session, body.length);
    session.received.push(body);
    session.receivedBytes = end + 1;
    if (end + 1 < session.declaredBytes) return resumeIncomplete(res, session);
    const video = createVideo(session);
    const answer = () => send(res, 201, videoResource(video, ["snippet", "status"]));
    if (!publishDelayMs) return answer();
    const timer = setTimeout(() => (timers.delete(timer), answer()), publishDelayMs);
    timers.add(timer);
    publishDelayMs = 0;
  }

  /** Reads `afterBytes` of the chunk's body (half by default), then drops the connection, keeping none of it. */
  function cutChunk(req: http.IncomingMessage, afterBytes: number | null) {
    const limit = afterBytes ?? Math.floor(Number(req.headers["content-length"] ?? 0) / 2);
    let seen = 0;
    req.on("error", () => undefined); // the cut itself
    req.on("data", (c: Buffer) => {
      seen += c.length;
      if (seen >= limit) req.socket.destroy();
    });
  }

  // ---- captions ----

  function parseMultipart(req: http.IncomingMessage, body: Buffer): Array<{ type: string; body: string }> {
    const m = /^multipart\/related;\s*boundary="?([^";]+)"?/.exec(req.headers["content-type"] ?? "");
    if (!m) throw new HttpError(400, "Expected a multipart/related body.", "badContent");
    return body
      .toString("utf8")
      .split(`--${m[1]}`)
      .slice(1, -1)
      .map((part) => {
        const split = part.indexOf("\r\n\r\n");
        const head = part.slice(0, split);
        return { type: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? "", body: part.slice(split + 4).replace(/\r\n$/, "") };
      });
  }

  function captions(req: http.IncomingMessage, url: URL, body: Buffer) {
    if (url.searchParams.get("uploadType") !== "multipart") throw new HttpError(400, "Expected uploadType=multipart.", "invalidValue");
    if (requireParam(url, "part") !== "snippet") throw new HttpError(400, "part must be snippet.", "invalidPart");
    const parts = parseMultipart(req, body);
    if (parts.length !== 2 || !parts[0].type.startsWith("application/json"))
      throw new HttpError(400, "Expected the caption resource, then the caption file.", "badContent");
    const snippet = (parseJson(parts[0].body) as { snippet?: Record<string, unknown> } | null)?.snippet ?? {};
    const { videoId: id, language, name } = snippet;
    if (typeof language !== "string" || !language || typeof name !== "string")
      throw new HttpError(400, "snippet.language and snippet.name are required.", "invalidMetadata");
    const video = typeof id === "string" ? fake.posts.get(id) : undefined;
    if (!video) throw new HttpError(404, "The video identified by snippet.videoId could not be found.", "videoNotFound");
    if (!parts[1].body.trim()) throw new HttpError(400, "The caption track is empty.", "contentRequired");
    const caption = { id: token("AUieDa"), language, name, body: parts[1].body };
    video.captions.push(caption);
    return {
      kind: "youtube#caption",
      etag: "fake",
      id: caption.id,
      snippet: { videoId: video.id, language, name, trackKind: "standard", isDraft: false, status: "serving" },
    };
  }

  // ---- routing ----

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", base);
    const endpoint = endpointOf(req, url, fake.sessions);
    const log: FakeRequest = { endpoint, method: req.method ?? "", url: url.toString(), headers: req.headers };
    fake.requests.push(log);
    if (url.pathname === "/token" && req.method === "POST") return handleToken(req, res, await readBody(req), log);
    if (!endpoint) return send(res, 404, googleError(404, "Not Found", "notFound"));
    fake.counters.calls[endpoint]++;
    if ((endpoint === "upload" || endpoint === "publish") && cut && cut.skipChunks-- <= 0) {
      const { afterBytes } = cut;
      cut = null;
      return cutChunk(req, afterBytes);
    }
    const body = await readBody(req);
    const fault = injectedFault(endpoint);
    if (fault)
      return send(
        res,
        fault.status,
        googleError(fault.status, `Injected ${fault.status}`, fault.reason ?? "backendError"),
        fault.retryAfter ? { "Retry-After": fault.retryAfter } : {},
      );
    requireBearer(req);
    if (endpoint === "profile") return send(res, 200, channels(url));
    if (endpoint === "lookup") return send(res, 200, videos(url));
    if (endpoint === "captions") return send(res, 200, captions(req, url, body));
    if (endpoint === "initiate") return initiate(req, url, body, res);
    if (endpoint === "status") return statusQuery(req, url, res);
    return chunk(req, url, body, res);
  }

  const server = await listenLocal((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (res.headersSent) return;
      if (!(e instanceof HttpError)) return send(res, 500, googleError(500, String(e), "backendError"));
      const headers: Record<string, string> =
        e.status === 401 ? { "WWW-Authenticate": 'Bearer realm="https://accounts.google.com/", error="invalid_token"' } : {};
      send(res, e.status, googleError(e.status, e.message, e.reason), headers);
    });
  });
  base = server.url;

  return {
    ...fake,
    url: base,
    close: () => {
      for (const t of timers) clearTimeout(t);
      return server.close();
    },
    issueCode({ clientId: forClient = clientId, redirectUri, codeChallenge, scopes = ALL_SCOPES }) {
      const code = token("4/fake-");
      codes.set(code, { clientId: forClient, redirectUri, codeChallenge, scopes });
      return code;
    },
    failNext(endpoint, { status, times = 1, retryAfter, reason }) {
      faults.set(endpoint, { status, times, retryAfter, reason });
    },
    cutUpload({ skipChunks = 0, afterBytes } = {}) {
      cut = { skipChunks, afterBytes: afterBytes ?? null };
    },
    delayPublish(ms) {
      publishDelayMs = ms;
    },
    expireToken(t) {
      accessTokens.delete(t);
    },
    expireSession(uri) {
      const session = fake.sessions.get(new URL(uri).searchParams.get("upload_id") ?? "");
      if (session) session.expired = true;
    },
    setStatistics(id, stats) {
      const video = fake.posts.get(id);
      if (!video) throw new Error(`no video ${id}`);
      Object.assign(video.statistics, stats);
    },
  };
}

/** The environment that points Cinetwin's YouTube adapter and OAuth at a fake (tests, and worker processes they start). */
export function fakeYouTubeEnv(fake: Pick<FakeYouTube, "url">, client = { id: "yt-client", secret: "yt-secret" }): Record<string, string> {
  return {
    YOUTUBE_CLIENT_ID: client.id,
    YOUTUBE_CLIENT_SECRET: client.secret,
    YOUTUBE_API_BASE_URL: fake.url,
    YOUTUBE_UPLOAD_BASE_URL: fake.url,
    YOUTUBE_AUTH_BASE_URL: fake.url,
    OUTBOUND_ALLOW_HOSTS: new URL(fake.url).host,
  };
}
