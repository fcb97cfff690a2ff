import dns from "node:dns";
import fs from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { KnownFailure } from "@/lib/errors";
import { ipLiteral, isAllowListed, isBlockedAddress, urlProblem } from "./address";

/**
 * Every request the server makes to a URL someone gave it goes through here: remote media, job
 * callbacks, webhooks. The host is resolved once, every address is checked against the block
 * list (./address.ts), and the connection goes to that checked address (no second lookup for
 * DNS rebinding to answer); redirects are followed by hand, each hop checked again.
 */

/** What users and API clients are told about any refused or failed request, whatever the reason. */
export const OUTBOUND_REFUSED = "not allowed or unreachable";

export type OutboundReason = "bad_url" | "blocked" | "dns" | "connect" | "status" | "type" | "too_large" | "timeout" | "aborted" | "redirects";

/**
 * A refused or failed request. `message` is always OUTBOUND_REFUSED, so a closed port, a private
 * address and a wrong content type read the same; `reason` and `detail` are for the server's log.
 */
export class OutboundError extends KnownFailure {
  constructor(
    readonly reason: OutboundReason,
    readonly detail: string,
    retryable: boolean,
    readonly status: number | null = null,
  ) {
    super(OUTBOUND_REFUSED, retryable);
    this.name = "OutboundError";
  }
}

export interface ResolvedAddress {
  address: string;
  family: number;
}
/** All the addresses of a host name, as dns.lookup({ all: true }) gives them. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

const systemResolver: Resolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

export interface OutboundOptions {
  /** For the whole request: every lookup, hop and the body. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Replaces the system resolver (tests). */
  resolve?: Resolver;
}

const MAX_REDIRECTS = 5;
const USER_AGENT = "Cinetwin/1";

interface Target {
  url: URL;
  address: string;
  family: number;
}

/**
 * Checks a URL as a request would, without connecting: an http(s) URL whose host resolves only
 * to allowed addresses (or is on the allow-list). For validating a submitted URL up front.
 * Throws OutboundError.
 */
export async function checkOutboundUrl(raw: string, opts: { resolve?: Resolver; signal?: AbortSignal } = {}): Promise<Target> {
  const problem = urlProblem(raw);
  if (problem === "invalid") throw new OutboundError("bad_url", "not an absolute http(s) URL", false);
  if (problem === "blocked") throw new OutboundError("blocked", `${new URL(raw).host} is a local or private host, or carries credentials`, false);
  const url = new URL(raw);
  const literal = ipLiteral(url.hostname);
  const found = literal !== null ? [{ address: literal, family: literal.includes(":") ? 6 : 4 }] : await lookup(url.hostname, opts);
  if (!isAllowListed(url)) {
    const bad = found.find((a) => isBlockedAddress(a.address));
    if (bad) throw new OutboundError("blocked", `${url.host} resolves to ${bad.address}`, false);
  }
  return { url, ...found[0] };
}

async function lookup(hostname: string, opts: { resolve?: Resolver; signal?: AbortSignal }): Promise<ResolvedAddress[]> {
  let found: ResolvedAddress[];
  try {
    found = await abortable((opts.resolve ?? systemResolver)(hostname), opts.signal);
  } catch (e) {
    if (e instanceof OutboundError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? "";
    // No such name is an answer; a resolver that did not answer (EAI_AGAIN, a timeout) may next time.
    throw new OutboundError("dns", `${hostname}: ${code || String(e)}`, !["ENOTFOUND", "ENODATA"].includes(code));
  }
  if (!found.length) throw new OutboundError("dns", `${hostname}: no address`, false);
  return found;
}

function abortable<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    // The lookup is already under way: its answer is always taken, even after an abort, or its
    // failure would surface later as an unhandled rejection.
    p.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * The caller's signal and the deadline as one; abortError tells which fired. The timer holds its
 * controller, so the deadline lives as long as it must: Node's AbortSignal.timeout is held weakly,
 * and inside AbortSignal.any it can be collected before it fires, leaving a request with no
 * deadline at all. `clear` stops the timer once the answer is read.
 */
function deadline(opts: OutboundOptions): { signal: AbortSignal; clear: () => void } {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new DOMException("no complete answer in time", "TimeoutError")), opts.timeoutMs);
  timer.unref();
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout.signal]) : timeout.signal;
  return { signal, clear: () => clearTimeout(timer) };
}

function abortError(signal: AbortSignal): OutboundError {
  const timedOut = (signal.reason as { name?: string } | undefined)?.name === "TimeoutError";
  return new OutboundError(timedOut ? "timeout" : "aborted", timedOut ? "no complete answer in time" : "aborted by the caller", true);
}

/** Connects to the checked address only: the lookup the socket asks for answers with it. */
function open(
  target: Target,
  init: { method: string; headers: Record<string, string>; body?: string | Buffer },
  signal: AbortSignal,
): Promise<http.IncomingMessage> {
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const client = target.url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      target.url,
      { method: init.method, headers: { "User-Agent": USER_AGENT, ...init.headers }, agent: false, lookup: pinned, signal },
      resolve,
    );
    req.on("error", (e) =>
      reject(signal.aborted ? abortError(signal) : new OutboundError("connect", `${target.url.host} (${target.address}): ${e.message}`, true)),
    );
    req.end(init.body);
  });
}

/**
 * Sends the request, following up to `maxRedirects` redirects (GET only) with every hop
 * re-resolved and re-checked; resolves to the response whose body the caller reads.
 */
async function send(
  raw: string,
  init: { method: string; headers: Record<string, string>; body?: string | Buffer; maxRedirects: number },
  opts: OutboundOptions,
) {
  const { signal, clear } = deadline(opts);
  let current = raw;
  try {
    for (let hop = 0; ; hop++) {
      const target = await checkOutboundUrl(current, { resolve: opts.resolve, signal });
      const res = await open(target, init, signal);
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (init.maxRedirects === 0 || status < 300 || status > 399 || !location) return { res, signal, clear };
      res.resume();
      if (hop >= init.maxRedirects) throw new OutboundError("redirects", `more than ${init.maxRedirects} redirects`, false);
      try {
        current = new URL(location, target.url).toString();
      } catch {
        throw new OutboundError("bad_url", `redirect to an unparsable location`, false);
      }
    }
  } catch (e) {
    clear();
    throw e;
  }
}

function typeAllowed(contentType: string, allowed: string[]): boolean {
  return allowed.some((a) => {
    const x = a.trim().toLowerCase();
    return x === contentType || (x.endsWith("/*") && contentType.startsWith(x.slice(0, -1))) || (x.endsWith("/") && contentType.startsWith(x));
  });
}

/** A remote status: the client's own errors are final, except "too early" and "slow down". */
const statusRetryable = (status: number) => status >= 500 || [408, 425, 429].includes(status);

export interface DownloadOptions extends OutboundOptions {
  destPath: string;
  /** Largest body accepted; reading stops past it. */
  maxBytes: number;
  /** Accepted Content-Types: exact ("image/png") or a family ("image/*" or "image/"). */
  allowedTypes: string[];
}

/** GETs a URL into `destPath` within the limits; throws OutboundError (and leaves no file). */
export async function downloadToFile(url: string, opts: DownloadOptions): Promise<{ path: string; contentType: string; sizeBytes: number }> {
  let clear = () => {};
  try {
    const sent = await send(url, { method: "GET", headers: {}, maxRedirects: MAX_REDIRECTS }, opts);
    const { res, signal } = sent;
    clear = sent.clear;
    const status = res.statusCode ?? 0;
    const contentType = String(res.headers["content-type"] ?? "")
      .split(";")[0]
      .trim()
      .toLowerCase();
    const refuse = (e: OutboundError) => {
      res.destroy();
      return e;
    };
    if (status < 200 || status > 299) throw refuse(new OutboundError("status", `answered ${status}`, statusRetryable(status), status));
    if (!typeAllowed(contentType, opts.allowedTypes)) throw refuse(new OutboundError("type", `type ${contentType || "(none)"}`, false));
    if (Number(res.headers["content-length"] ?? 0) > opts.maxBytes)
      throw refuse(new OutboundError("too_large", `declares ${res.headers["content-length"]} bytes`, false));
    let size = 0;
    const cap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        done(size > opts.maxBytes ? new OutboundError("too_large", `more than ${opts.maxBytes} bytes`, false) : null, chunk);
      },
    });
    // Opened before the body flows: a write stream opens its file later, and a refusal mid-body would
    // otherwise remove the file before it was made, leaving the partial behind.
    const file = await fs.open(opts.destPath, "w");
    await pipeline(res, cap, file.createWriteStream(), { signal }).catch((e: unknown) => {
      if (e instanceof OutboundError) throw e;
      throw signal.aborted ? abortError(signal) : new OutboundError("connect", `body: ${(e as Error).message}`, true);
    });
    return { path: opts.destPath, contentType, sizeBytes: size };
  } catch (e) {
    await fs.rm(opts.destPath, { force: true });
    throw logged("GET", url, e);
  } finally {
    clear();
  }
}

export interface PostOptions extends OutboundOptions {
  headers: Record<string, string>;
  /** Text, or bytes (a multipart upload to a provider). */
  body: string | Buffer;
  /** How much of the response body to keep; the rest is not read. */
  keepBytes: number;
}

/**
 * POSTs once, never following a redirect (a 3xx is the answer), and resolves with the status
 * and the first `keepBytes` of the body whatever the status; throws OutboundError when no answer came.
 */
export async function postOutbound(url: string, opts: PostOptions): Promise<{ status: number; body: string }> {
  const { status, body } = await requestOutbound(url, { ...opts, method: "POST" });
  return { status, body };
}

export interface RequestOptions extends OutboundOptions {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  headers: Record<string, string>;
  body?: string | Buffer;
  /** How much of the response body to keep; the rest is not read. */
  keepBytes: number;
}

export interface OutboundResponse {
  status: number;
  /** Lower-case names; a repeated header's values joined with ", ". */
  headers: Record<string, string>;
  /** The kept bytes as UTF-8 text. */
  body: string;
  /** The kept bytes as they came (audio, images). */
  bytes: Buffer;
}

/**
 * One request with any method, never following a redirect (a 3xx is the answer, as a resumable
 * upload's 308 is): resolves with the status, headers and the first `keepBytes` of the body
 * whatever the status; throws OutboundError when no answer came (refused, unreachable, timed out).
 */
export async function requestOutbound(url: string, opts: RequestOptions): Promise<OutboundResponse> {
  let clear = () => {};
  try {
    const headers = opts.body === undefined ? opts.headers : { ...opts.headers, "Content-Length": String(Buffer.byteLength(opts.body)) };
    const sent = await send(url, { method: opts.method, headers, body: opts.body, maxRedirects: 0 }, opts);
    const { res, signal } = sent;
    clear = sent.clear;
    const chunks: Buffer[] = [];
    let kept = 0;
    await new Promise<void>((resolve, reject) => {
      const done = () => {
        res.destroy();
        resolve();
      };
      res.on("data", (c: Buffer) => {
        chunks.push(c.subarray(0, opts.keepBytes - kept));
        kept += Math.min(c.length, opts.keepBytes - kept);
        if (kept >= opts.keepBytes) done();
      });
      res.on("end", done);
      // A body cut off mid-way is no complete answer: the caller cannot tell what it said.
      res.on("error", (e) => reject(signal.aborted ? abortError(signal) : new OutboundError("connect", `body: ${e.message}`, true)));
      signal.addEventListener("abort", () => reject(abortError(signal)), { once: true });
    });
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
    const bytes = Buffer.concat(chunks);
    return { status: res.statusCode ?? 0, headers: out, body: bytes.toString("utf8"), bytes };
  } catch (e) {
    throw logged(opts.method, url, e);
  } finally {
    clear();
  }
}

/** Logs what users are not told (the target's address, the socket error) and passes the error on. */
function logged(method: string, url: string, e: unknown): unknown {
  if (!(e instanceof OutboundError)) return e;
  let where = "an invalid URL";
  try {
    const u = new URL(url);
    where = `${u.origin}${u.pathname}`;
  } catch {
    // keep "an invalid URL"
  }
  console.warn(`[outbound] ${method} ${where}: ${e.reason}${e.retryable ? " (retryable)" : ""}: ${e.detail}`);
  return e;
}
