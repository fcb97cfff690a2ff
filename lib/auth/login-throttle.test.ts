import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { rateLimits } from "@/db/schema/accounts";
import { clientAddress } from "./client-address";
import { beginLoginAttempt, loginSucceeded, MAX_ATTEMPTS_PER_ADDRESS, PAIR_BACKOFF, pairKey, waitInWords } from "./login-throttle";
import { backoffSeconds, storedKey, take } from "./rate-limit";

afterAll(() => closeDb());

const email = () => `throttle-${randomUUID()}@test.local`;
const address = () => `test-address-${randomUUID()}`;
const attempt = (e: string, a: string) => beginLoginAttempt(getDb(), e, a);

/** Moves a pair's last counted failure `seconds` into the past, as if that long had gone by. */
async function age(e: string, a: string, seconds: number) {
  await getDb()
    .update(rateLimits)
    .set({ windowStart: sql`${rateLimits.windowStart} - make_interval(secs => ${seconds})` })
    .where(eq(rateLimits.key, pairKey(e, a)));
}

describe("login throttle", () => {
  it("a stranger's 20 failures from their address leave the owner signing in from theirs", async () => {
    const owner = email();
    const stranger = address();
    const results = [];
    for (let i = 0; i < 20; i++) results.push(await attempt(owner, stranger));
    expect(results.filter((r) => r.allowed)).toHaveLength(PAIR_BACKOFF.free);
    expect(results.slice(PAIR_BACKOFF.free).every((r) => !r.allowed)).toBe(true);
    // The account is not locked: its owner, at home, gets through at once, in any letter case.
    expect(await attempt(owner.toUpperCase(), address())).toEqual({ allowed: true });
    expect(await attempt(owner, address())).toEqual({ allowed: true });
  });

  it("waits longer after each failure past the free ones, up to 15 minutes, and says how long", async () => {
    const user = email();
    const from = address();
    for (let i = 0; i < PAIR_BACKOFF.free; i++) expect(await attempt(user, from)).toEqual({ allowed: true });
    for (const wait of [5, 10, 20, 40]) {
      const refused = await attempt(user, from);
      expect(refused).toEqual({ allowed: false, retryAfterSeconds: expect.any(Number) });
      if (refused.allowed) return;
      expect(refused.retryAfterSeconds).toBeGreaterThan(wait - 2);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(wait);
      await age(user, from, wait - 2);
      expect((await attempt(user, from)).allowed, `still waiting ${wait} s`).toBe(false);
      await age(user, from, 2);
      expect(await attempt(user, from), `after ${wait} s`).toEqual({ allowed: true });
    }
    expect([5, 6, 7, 8, 9, 13, 14, 30].map((n) => backoffSeconds(n, PAIR_BACKOFF))).toEqual([5, 10, 20, 40, 80, 900, 900, 900]);
  });

  it("a day without failures forgets them", async () => {
    const user = email();
    const from = address();
    for (let i = 0; i < PAIR_BACKOFF.free; i++) await attempt(user, from);
    expect((await attempt(user, from)).allowed).toBe(false);
    await age(user, from, PAIR_BACKOFF.forgetSeconds + 1);
    for (let i = 0; i < PAIR_BACKOFF.free; i++) expect(await attempt(user, from)).toEqual({ allowed: true });
  });

  it("a successful sign-in ends its backoff and gives its address attempt back", async () => {
    const user = email();
    const from = address();
    for (let i = 0; i < PAIR_BACKOFF.free - 1; i++) await attempt(user, from);
    expect(await attempt(user, from)).toEqual({ allowed: true }); // the right password, this time
    await loginSucceeded(getDb(), user, from);
    for (let i = 0; i < PAIR_BACKOFF.free; i++) expect(await attempt(user, from)).toEqual({ allowed: true });
    expect((await attempt(user, from)).allowed).toBe(false);
  });

  it("refuses an address after its allowance, whichever accounts it tries, and only that address", async () => {
    const a = address();
    for (let i = 0; i < MAX_ATTEMPTS_PER_ADDRESS; i++) expect((await attempt(email(), a)).allowed).toBe(true);
    const refused = await attempt(email(), a);
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) expect(refused.retryAfterSeconds).toBeGreaterThan(60);
    expect((await attempt(email(), address())).allowed).toBe(true);
  });

  it("lets exactly the free failures of a burst of concurrent attempts through", async () => {
    const victim = email();
    const from = address();
    const results = await Promise.all(Array.from({ length: 25 }, () => attempt(victim, from)));
    expect(results.filter((r) => r.allowed)).toHaveLength(PAIR_BACKOFF.free);
  });

  it("takes a login name of kilobytes without outgrowing the key index", async () => {
    const huge = `${"x".repeat(20_000)}@test.local`;
    const from = address();
    expect(await attempt(huge, from)).toEqual({ allowed: true });
    expect(pairKey(huge, from)).toHaveLength("login:pair:".length + 64);
    // Any caller's key: a long one is stored as its hash, under its prefix.
    const long = `upload:${"y".repeat(10_000)}`;
    expect(storedKey(long)).toMatch(/^upload:sha256:[0-9a-f]{64}$/);
    expect((await take(getDb(), long, 60)).count).toBe(1);
    expect((await take(getDb(), long, 60)).count).toBe(2);
    expect(storedKey("voice-clone:abc")).toBe("voice-clone:abc");
  });

  it("says the wait in seconds under a minute, else in whole minutes", () => {
    expect([1, 5, 59, 60, 61, 900].map(waitInWords)).toEqual(["1 second", "5 seconds", "59 seconds", "1 minute", "2 minutes", "15 minutes"]);
  });
});

describe("clientAddress", () => {
  const h = (xff?: string) => new Headers(xff === undefined ? {} : { "x-forwarded-for": xff });

  it("is the TCP peer (the last entry, appended by scripts/server.mjs) when no proxy is trusted", () => {
    expect(clientAddress(h("203.0.113.7"), 0)).toBe("203.0.113.7");
    expect(clientAddress(h("::ffff:127.0.0.2"), 0)).toBe("127.0.0.2");
    expect(clientAddress(h("2001:DB8::1"), 0)).toBe("2001:db8::1");
  });

  it("ignores what the client wrote: forged entries sit left of the peer", () => {
    expect(clientAddress(h("1.2.3.4, 203.0.113.7"), 0)).toBe("203.0.113.7");
    expect(clientAddress(h("1.2.3.4, 5.6.7.8, 203.0.113.7"), 0)).toBe("203.0.113.7");
  });

  it("behind n trusted proxies, is the entry the outermost one wrote", () => {
    // client -> proxy (appends the client it saw) -> our server (appends the proxy).
    expect(clientAddress(h("198.51.100.9, 10.0.0.2"), 1)).toBe("198.51.100.9");
    // The client's own X-Forwarded-For is kept by the proxy, left of what the proxy saw.
    expect(clientAddress(h("1.2.3.4, 198.51.100.9, 10.0.0.2"), 1)).toBe("198.51.100.9");
    expect(clientAddress(h("1.2.3.4, 198.51.100.9, 10.0.0.3, 10.0.0.2"), 2)).toBe("198.51.100.9");
    // A chain shorter than the configuration says: its first entry, never an index past it.
    expect(clientAddress(h("10.0.0.2"), 2)).toBe("10.0.0.2");
  });

  it("is 'unknown' without any chain", () => {
    expect(clientAddress(h(), 0)).toBe("unknown");
    expect(clientAddress(h(" , "), 0)).toBe("unknown");
  });
});
