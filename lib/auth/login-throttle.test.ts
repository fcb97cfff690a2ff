import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { clientAddress } from "./client-address";
import { beginLoginAttempt, LOGIN_WINDOW_SECONDS, loginSucceeded, MAX_ATTEMPTS_PER_ACCOUNT, MAX_ATTEMPTS_PER_ADDRESS } from "./login-throttle";

afterAll(() => closeDb());

const email = () => `throttle-${randomUUID()}@test.local`;
const address = () => `test-address-${randomUUID()}`;
const attempt = (e: string, a: string) => beginLoginAttempt(getDb(), e, a);

describe("login throttle", () => {
  it("refuses an account after its allowance, from any address, and says when to come back", async () => {
    const victim = email();
    for (let i = 0; i < MAX_ATTEMPTS_PER_ACCOUNT; i++) expect(await attempt(victim, address())).toEqual({ allowed: true });
    const refused = await attempt(victim.toUpperCase(), address());
    expect(refused.allowed).toBe(false);
    if (refused.allowed) return;
    expect(refused.retryAfterSeconds).toBeGreaterThan(LOGIN_WINDOW_SECONDS - 60);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(LOGIN_WINDOW_SECONDS);
    // Another account, from another address, is untouched.
    expect(await attempt(email(), address())).toEqual({ allowed: true });
  });

  it("refuses an address after its allowance, whichever accounts it tries, and only that address", async () => {
    const a = address();
    for (let i = 0; i < MAX_ATTEMPTS_PER_ADDRESS; i++) expect((await attempt(email(), a)).allowed).toBe(true);
    expect((await attempt(email(), a)).allowed).toBe(false);
    expect((await attempt(email(), address())).allowed).toBe(true);
  });

  it("lets through exactly the allowance of a burst of concurrent attempts", async () => {
    const victim = email();
    const results = await Promise.all(Array.from({ length: 25 }, () => attempt(victim, address())));
    expect(results.filter((r) => r.allowed)).toHaveLength(MAX_ATTEMPTS_PER_ACCOUNT);
  });

  it("gives a successful sign-in's attempt back", async () => {
    const user = email();
    const a = address();
    for (let i = 0; i < MAX_ATTEMPTS_PER_ACCOUNT; i++) {
      expect((await attempt(user, a)).allowed).toBe(true);
      await loginSucceeded(getDb(), user, a);
    }
    for (let i = 0; i < MAX_ATTEMPTS_PER_ACCOUNT; i++) expect((await attempt(user, a)).allowed).toBe(true);
    expect((await attempt(user, a)).allowed).toBe(false);
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
