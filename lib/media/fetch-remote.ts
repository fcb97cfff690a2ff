import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import { lookup } from "node:dns/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";

export type RemoteFetchErrorCode = "bad_url" | "blocked_host" | "dns" | "http_status" | "bad_type" | "too_large" | "timeout" | "network";

/** A refused or failed download; `message` is safe to show next to the field that held the URL. */
export class RemoteFetchError extends Error {
  constructor(
    readonly code: RemoteFetchErrorCode,
    message: string,
    readonly url: string,
  ) {
    super(message);
    this.name = "RemoteFetchError";
  }
}

export interface FetchRemoteOptions {
  /** Largest body accepted, in bytes. */
  maxBytes: number;
  /** Accepted Content-Type values: exact ("image/png") or a family ("image/*" or "image/"). */
  allowedTypes: string[];
  timeoutMs: number;
  /** Hosts (or host:port) allowed even when they resolve to a private address; adds to env REMOTE_FETCH_ALLOW_HOSTS. */
  allowHosts?: string[];
  signal?: AbortSignal;
  /** Directory for the downloaded file; os.tmpdir() by default. */
  dir?: string;
  /** Exact path for the downloaded file (wins over `dir`). */
  destPath?: string;
  /** Redirects followed (each re-checked); 3 by default. */
  maxRedirects?: number;
}

export interface FetchRemoteResult {
  path: string;
  contentType: string;
  sizeBytes: number;
}

/** True for addresses a server-side fetch must not reach: private, loopback, link-local, unique-local, unspecified. */
export function isPrivateAddress(ip: string): boolean {
  const v4 = ip.startsWith("::ffff:") && net.isIPv4(ip.slice(7)) ? ip.slice(7) : ip;
  if (net.isIPv4(v4)) {
    const [a, b] = v4.split(".").map(Number);
    return (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  const x = ip.toLowerCase();
  if (x === "::1" || x === "::") return true;
  const first = parseInt(x.split(":")[0] || "0", 16);
  return (first & 0xffc0) === 0xfe80 || (first & 0xfe00) === 0xfc00;
}

function allowList(extra: string[] | undefined): Set<string> {
  const env = (process.env.REMOTE_FETCH_ALLOW_HOSTS ?? "").split(",");
  return new Set([...env, ...(extra ?? [])].map((h) => h.trim().toLowerCase()).filter(Boolean));
}

function typeAllowed(contentType: string, allowed: string[]): boolean {
  const t = contentType.split(";")[0].trim().toLowerCase();
  return allowed.some((a) => {
    const x = a.trim().toLowerCase();
    return x === t || (x.endsWith("/*") && t.startsWith(x.slice(0, -1))) || (x.endsWith("/") && t.startsWith(x));
  });
}

/**
 * Downloads a URL to a temp file with SSRF guards: http(s) only; the hostname is resolved first
 * and every address must be public unless the host (or host:port) is allow-listed; the connection
 * goes to the checked address (no second DNS lookup to rebind); Content-Type must be allowed;
 * the body is streamed with a byte cap and an overall timeout. Redirects are re-checked.
 */
export async function fetchRemote(url: string, opts: FetchRemoteOptions): Promise<FetchRemoteResult> {
  let current = url;
  for (let hop = 0; hop <= (opts.maxRedirects ?? 3); hop++) {
    const r = await fetchOnce(current, url, opts);
    if ("redirect" in r) {
      current = new URL(r.redirect, current).toString();
      continue;
    }
    return r;
  }
  throw new RemoteFetchError("network", "too many redirects", url);
}

/**
 * The same scheme and address checks as fetchRemote, without downloading: for validating a
 * submitted URL up front. Resolves to the checked address; throws RemoteFetchError.
 */
export async function checkRemoteUrl(url: string, opts: { allowHosts?: string[] } = {}): Promise<{ address: string; family: number }> {
  return (await checkTarget(url, url, opts.allowHosts)).resolved;
}

async function checkTarget(target: string, original: string, allowHosts: string[] | undefined) {
  let u: URL;
  try {
    u = new URL(target);
  } catch {
    throw new RemoteFetchError("bad_url", "is not a valid URL", original);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:")
    throw new RemoteFetchError("bad_url", `only http and https URLs are allowed, not ${u.protocol.replace(":", "")}`, original);
  const host = u.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const port = u.port || (u.protocol === "https:" ? "443" : "80");
  const allowed = allowList(allowHosts);
  const trusted = allowed.has(host) || allowed.has(`${host}:${port}`);
  let address: string;
  let family: number;
  try {
    const found = net.isIP(host) ? [{ address: host, family: net.isIP(host) }] : await lookup(host, { all: true });
    if (!found.length) throw new Error("no address");
    if (!trusted) {
      const bad = found.find((a) => isPrivateAddress(a.address));
      if (bad) throw new RemoteFetchError("blocked_host", `host ${host} resolves to a private or local address (${bad.address}); it is not allowed`, original);
    }
    ({ address, family } = found[0]);
  } catch (err) {
    if (err instanceof RemoteFetchError) throw err;
    throw new RemoteFetchError("dns", `host ${host} could not be resolved`, original);
  }
  return { u, host, port, resolved: { address, family } };
}

async function fetchOnce(target: string, original: string, opts: FetchRemoteOptions): Promise<FetchRemoteResult | { redirect: string }> {
  const { u, host, port, resolved } = await checkTarget(target, original, opts.allowHosts);
  const { address, family } = resolved;

  const dest = opts.destPath ?? path.join(opts.dir ?? os.tmpdir(), `remote-${randomUUID()}`);
  return new Promise((resolve, reject) => {
    const client = u.protocol === "https:" ? https : http;
    let settled = false;
    const fail = (e: RemoteFetchError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      void fs.rm(dest, { force: true });
      reject(e);
    };
    const timer = setTimeout(() => fail(new RemoteFetchError("timeout", `no complete response within ${opts.timeoutMs} ms`, original)), opts.timeoutMs);
    const onAbort = () => fail(new RemoteFetchError("network", "aborted", original));
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    const req = client.get(
      {
        host: address,
        family,
        port: Number(port),
        path: `${u.pathname}${u.search}`,
        headers: { host: u.host, "user-agent": "cinetwin-fetch/1" },
        servername: net.isIP(host) ? undefined : host,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && res.headers.location) {
          res.resume();
          settled = true;
          clearTimeout(timer);
          return resolve({ redirect: res.headers.location });
        }
        if (status < 200 || status >= 300) return (res.resume(), fail(new RemoteFetchError("http_status", `the server answered ${status}`, original)));
        const contentType = String(res.headers["content-type"] ?? "");
        if (!typeAllowed(contentType, opts.allowedTypes)) {
          res.resume();
          return fail(new RemoteFetchError("bad_type", `has type ${contentType || "(none)"}; expected ${opts.allowedTypes.join(", ")}`, original));
        }
        const declared = Number(res.headers["content-length"] ?? NaN);
        if (declared > opts.maxBytes) return (res.resume(), fail(new RemoteFetchError("too_large", `is larger than ${opts.maxBytes} bytes`, original)));
        const file = createWriteStream(dest);
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > opts.maxBytes) {
            file.destroy();
            fail(new RemoteFetchError("too_large", `is larger than ${opts.maxBytes} bytes`, original));
          }
        });
        res.on("error", () => fail(new RemoteFetchError("network", "the download was interrupted", original)));
        res.pipe(file);
        file.on("finish", () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          opts.signal?.removeEventListener("abort", onAbort);
          resolve({ path: dest, contentType: contentType.split(";")[0].trim(), sizeBytes: size });
        });
      },
    );
    req.on("error", (e) => fail(new RemoteFetchError("network", `could not download: ${e.message}`, original)));
  });
}
