import { env } from "@/lib/env";

/**
 * The address a request came from, for per-address throttling.
 *
 * `npm start` serves through scripts/server.mjs, which appends the TCP peer to X-Forwarded-For
 * the way a reverse proxy does, so the chain's last entry is always the real peer. Every entry
 * to its left was written by someone upstream: by our own proxies (TRUST_PROXY of them, each
 * appending the peer it saw) or by the client, who can write anything. So the address is the
 * entry TRUST_PROXY places left of the end: the last one a machine we trust wrote. The first
 * entry, the usual "client IP", is exactly the one a client can forge to get a fresh allowance
 * on every request.
 */
export function clientAddress(headers: Headers, trustedProxies = env().TRUST_PROXY): string {
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const address = chain[Math.max(0, chain.length - 1 - trustedProxies)];
  return address ? normalize(address) : "unknown";
}

// One client, one key: an IPv4 peer of a dual-stack socket is reported as ::ffff:a.b.c.d.
const normalize = (address: string) => address.toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
