import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";

/** A URL we will not POST to: wrong scheme, or it resolves to a private/loopback/link-local address. */
export class WebhookBlockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookBlockedError";
  }
}

// BlockList checks IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) against the IPv4 rules too.
const blocked = new net.BlockList();
for (const [net4, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved + broadcast
] as const)
  blocked.addSubnet(net4, prefix, "ipv4");
for (const [net6, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96], // NAT64
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
] as const)
  blocked.addSubnet(net6, prefix, "ipv6");

/** True for addresses a webhook must never reach unless allow-listed. */
export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family === 6) return blocked.check(address, "ipv6");
  return true;
}

/** Hosts from WEBHOOK_ALLOW_HOSTS (comma-separated `host` or `host:port`), read on each call. */
function allowList(): string[] {
  return (process.env.WEBHOOK_ALLOW_HOSTS ?? "")
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

export function isAllowListed(url: URL): boolean {
  const list = allowList();
  if (!list.length) return false;
  const hostname = url.hostname.toLowerCase();
  const bare = hostname.replace(/^\[|\]$/g, "");
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  const candidates = [hostname, bare, `${hostname}:${port}`, `${bare}:${port}`];
  return list.some((entry) => candidates.includes(entry));
}

/**
 * Parses and checks a URL without touching the network: scheme, credentials, literal private
 * addresses and `localhost`. Delivery re-checks every resolved address at connect time.
 */
export function checkWebhookUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookBlockedError("not a valid URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new WebhookBlockedError("only http and https URLs are allowed");
  if (url.username || url.password) throw new WebhookBlockedError("URLs with credentials are not allowed");
  if (isAllowListed(url)) return url;
  const bare = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (net.isIP(bare) && isPrivateAddress(bare)) throw new WebhookBlockedError(`refusing private address ${bare}`);
  if (bare === "localhost" || bare.endsWith(".localhost")) throw new WebhookBlockedError(`refusing private address ${bare}`);
  return url;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** Resolves like dns.lookup but fails when any answer is private, closing the DNS-rebinding gap. */
function guardedLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const bad = addresses.find((a) => isPrivateAddress(a.address));
    if (bad) return callback(new WebhookBlockedError(`refusing ${hostname}: resolves to private address ${bad.address}`), []);
    if (!addresses.length) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" }), []);
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
}

export interface PostResult {
  status: number;
  /** The first bytes of the response body, for the delivery log. */
  body: string;
}

const MAX_RESPONSE_BYTES = 4096;

/**
 * POSTs `body` once, without following redirects. Refuses private destinations (checked on
 * the literal host and on every resolved address) unless the host is allow-listed.
 */
export function postWebhook(rawUrl: string, headers: Record<string, string>, body: string, signal: AbortSignal): Promise<PostResult> {
  const url = checkWebhookUrl(rawUrl);
  const trusted = isAllowListed(url);
  const transport = url.protocol === "https:" ? https : http;
  return new Promise<PostResult>((resolve, reject) => {
    const req = transport.request(
      url,
      {
        method: "POST",
        headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) },
        signal,
        agent: false,
        ...(trusted ? {} : { lookup: guardedLookup }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") });
        res.on("data", (c: Buffer) => {
          if (size < MAX_RESPONSE_BYTES) chunks.push(c.subarray(0, MAX_RESPONSE_BYTES - size));
          size += c.length;
          if (size >= MAX_RESPONSE_BYTES) {
            res.destroy();
            finish();
          }
        });
        res.on("end", finish);
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
