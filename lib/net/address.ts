import ipaddr from "ipaddr.js";

/**
 * Which addresses and hosts a request made by the server may reach: the one block list every
 * outbound request (remote media, job callbacks, webhooks, providers) is checked against, and
 * the allow-list of hosts exempted from it. No Node built-ins: lib/validation (and through it
 * the browser) uses it to refuse a literal private host when a URL is submitted.
 */

type Verdict = "blocked" | "embedded";

/** Special-purpose IPv4 ranges (IANA registry, RFC 6890 and successors) no outbound request may reach. */
const BLOCKED_V4: string[] = [
  "0.0.0.0/8", // "this network"
  "10.0.0.0/8", // private
  "100.64.0.0/10", // carrier-grade NAT
  "127.0.0.0/8", // loopback
  "169.254.0.0/16", // link-local, cloud metadata
  "172.16.0.0/12", // private
  "192.0.0.0/24", // IETF protocol assignments
  "192.0.2.0/24", // TEST-NET-1
  "192.88.99.0/24", // 6to4 relay anycast
  "192.168.0.0/16", // private
  "198.18.0.0/15", // benchmarking
  "198.51.100.0/24", // TEST-NET-2
  "203.0.113.0/24", // TEST-NET-3
  "224.0.0.0/4", // multicast
  "240.0.0.0/4", // reserved, and 255.255.255.255 broadcast
];

/**
 * IPv6 ranges: "embedded" ones carry an IPv4 address in their last 32 bits and are judged by it
 * (a DNS64 resolver hands out 64:ff9b::/96 for public IPv4-only hosts); every other form that
 * embeds IPv4 is refused outright. Anything outside global unicast 2000::/3 is refused too.
 */
const V6: Array<[string, Verdict]> = [
  ["::ffff:0:0/96", "embedded"], // IPv4-mapped
  ["64:ff9b::/96", "embedded"], // NAT64 well-known prefix
  ["::/96", "blocked"], // IPv4-compatible (deprecated), with :: and ::1
  ["::ffff:0:0:0/96", "blocked"], // IPv4-translated (SIIT)
  ["64:ff9b:1::/48", "blocked"], // NAT64 local use
  ["100::/64", "blocked"], // discard-only
  ["2001::/23", "blocked"], // IETF protocol assignments, with Teredo 2001::/32 and benchmarking
  ["2001:db8::/32", "blocked"], // documentation
  ["2002::/16", "blocked"], // 6to4
  ["3fff::/20", "blocked"], // documentation
  ["fc00::/7", "blocked"], // unique local
  ["fe80::/10", "blocked"], // link-local
  ["fec0::/10", "blocked"], // site-local (deprecated)
  ["ff00::/8", "blocked"], // multicast
];

const v4Ranges = BLOCKED_V4.map((c) => ipaddr.IPv4.parseCIDR(c));
const v6Ranges = V6.map(([c, verdict]) => ({ range: ipaddr.IPv6.parseCIDR(c), verdict }));
const globalUnicast = ipaddr.IPv6.parseCIDR("2000::/3");

function blockedV4(ip: ipaddr.IPv4): boolean {
  return v4Ranges.some((r) => ip.match(r));
}

function blockedV6(ip: ipaddr.IPv6): boolean {
  const hit = v6Ranges.find((r) => ip.match(r.range));
  if (hit?.verdict === "embedded") {
    const [a, b] = ip.parts.slice(6);
    return blockedV4(new ipaddr.IPv4([a >> 8, a & 0xff, b >> 8, b & 0xff]));
  }
  return hit !== undefined || !ip.match(globalUnicast);
}

/**
 * True when an outbound request must not reach `address` (an IP address, brackets and a zone
 * id allowed); anything that is not an address is refused too.
 */
export function isBlockedAddress(address: string): boolean {
  const ip = parseAddress(address);
  if (!ip) return true;
  return ip.kind() === "ipv4" ? blockedV4(ip as ipaddr.IPv4) : blockedV6(ip as ipaddr.IPv6);
}

/**
 * IPv6 text goes through the URL parser first: ipaddr.js reads "::8.8.8.8" as IPv4-mapped
 * (::ffff:8.8.8.8) where a socket connects to IPv4-compatible ::808:808. IPv4 must be dotted
 * quads, as DNS answers and URL hosts are; any other spelling is not an address here.
 */
function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const bare = text.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (bare.includes(":")) {
    try {
      return ipaddr.IPv6.parse(new URL(`http://[${bare}]/`).hostname.slice(1, -1));
    } catch {
      return null;
    }
  }
  return ipaddr.IPv4.isValidFourPartDecimal(bare) ? ipaddr.IPv4.parse(bare) : null;
}

/** An IP literal in a URL's hostname (`[::1]`, `127.0.0.1`), or null for a name. */
export function ipLiteral(hostname: string): string | null {
  const bare = hostname.replace(/^\[|\]$/g, "");
  // WHATWG URL parsing has already turned 127.1, 0x7f.1 and 2130706433 into 127.0.0.1.
  return /^[\d.]+$/.test(bare) || bare.includes(":") ? bare : null;
}

/** Names that resolve to this machine by convention (RFC 6761), whatever DNS says. */
const isLocalName = (hostname: string) => /(^|\.)localhost\.?$/i.test(hostname);

/**
 * Hosts exempted from the block list: OUTBOUND_ALLOW_HOSTS, a comma-separated list of `host` or
 * `host:port` (as the URL spells them: `127.0.0.1:8080`, `[::1]:8080`, `media.internal`). Off
 * unless set; tests and private deployments use it. REMOTE_FETCH_ALLOW_HOSTS and
 * WEBHOOK_ALLOW_HOSTS, its older names, are read too. Read on each call so tests can set it.
 */
function allowList(): string[] {
  return [process.env.OUTBOUND_ALLOW_HOSTS, process.env.REMOTE_FETCH_ALLOW_HOSTS, process.env.WEBHOOK_ALLOW_HOSTS, ...operatorHosts()]
    .join(",")
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

/**
 * The model vendors' base URLs the operator set in the environment: trusted as they are (a local
 * Ollama, ComfyUI or speech server on this machine works), their host:port only. A base URL a
 * workspace sets in its Settings is not on this list and is checked like any user's URL.
 */
export const OPERATOR_URL_VARS = [
  "OPENAI_BASE_URL",
  "TRANSCRIBE_OPENAI_BASE_URL",
  "COMFYUI_URL",
  "FAL_BASE_URL",
  "FAL_QUEUE_URL",
  "ELEVENLABS_BASE_URL",
  "HEYGEN_BASE_URL",
  "HEYGEN_UPLOAD_URL",
  "REPLICATE_BASE_URL",
];

function operatorHosts(): string[] {
  return OPERATOR_URL_VARS.flatMap((name) => {
    const raw = process.env[name]?.trim();
    if (!raw) return [];
    try {
      const u = new URL(raw);
      return [`${u.hostname}:${u.port || (u.protocol === "https:" ? "443" : "80")}`];
    } catch {
      return [];
    }
  });
}

/** True when the URL's host (or host:port) is on the allow-list. */
export function isAllowListed(url: URL): boolean {
  const list = allowList();
  if (!list.length) return false;
  const host = url.hostname.toLowerCase();
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return list.includes(host) || list.includes(`${host}:${port}`);
}

export type UrlProblem = "invalid" | "blocked";

/**
 * What is wrong with a URL the server would request, judged from its text alone (no DNS): not
 * an absolute http(s) URL ("invalid"), or credentials, a `localhost` name or a literal blocked
 * address ("blocked"). Null when it may be tried; the request re-checks every resolved address.
 */
export function urlProblem(raw: string): UrlProblem | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "invalid";
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || !url.hostname) return "invalid";
  if (url.username || url.password) return "blocked";
  if (isAllowListed(url)) return null;
  const literal = ipLiteral(url.hostname);
  if (literal !== null ? isBlockedAddress(literal) : isLocalName(url.hostname)) return "blocked";
  return null;
}
