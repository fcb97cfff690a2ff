import { randomInt, randomUUID } from "node:crypto";
import http from "node:http";
import { createApiUser, expect, test } from "./fixtures";

/**
 * The login throttle, per account and per address, through real sockets: every loopback address
 * reaches the server, so binding 127.x.y.z gives each simulated client an address of its own.
 * Addresses and emails are fresh per run and never 127.0.0.1, the address every other spec
 * signs in from, so no other spec's user or address is ever locked out.
 */

const freshAddress = () => `127.${randomInt(1, 250)}.${randomInt(1, 250)}.${randomInt(2, 250)}`;
const freshEmail = () => `throttle-${randomUUID().slice(0, 8)}@example.test`;

interface LoginResult {
  status: number;
  retryAfter: string | undefined;
  body: { detail?: string; access_token?: string };
}

function login(baseURL: string, from: string, username: string, password: string, headers: Record<string, string> = {}) {
  const url = new URL("/api/v1/auth/login", baseURL);
  const body = new URLSearchParams({ username, password }).toString();
  return new Promise<LoginResult>((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: "POST",
        localAddress: from,
        agent: false,
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body), ...headers },
      },
      (res) => {
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers["retry-after"], body: JSON.parse(text) }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

test("an account is locked after 10 failures with 429 + Retry-After; other accounts and addresses are not", async ({ request, baseURL }) => {
  const victim = await createApiUser(request);
  const bystander = await createApiUser(request);
  const attacker = freshAddress();
  const elsewhere = freshAddress();

  for (let i = 0; i < 10; i++) {
    const r = await login(baseURL!, attacker, victim.email, `wrong-${i}`);
    expect(r.status, `attempt ${i + 1}`).toBe(401);
    expect(r.body.detail).toBe("Incorrect username or password");
  }
  const locked = await login(baseURL!, attacker, victim.email, "wrong-again");
  expect(locked.status).toBe(429);
  expect(locked.body.detail).toMatch(/^Too many failed sign-in attempts; try again in \d+ minutes?$/);
  expect(locked.retryAfter).toMatch(/^\d+$/);
  expect(Number(locked.retryAfter)).toBeGreaterThan(0);
  expect(Number(locked.retryAfter)).toBeLessThanOrEqual(15 * 60);
  // Locked means locked: the right password, and the email in other case, get the same answer.
  expect((await login(baseURL!, attacker, victim.email.toUpperCase(), victim.password)).status).toBe(429);

  // Another account signs in from another address, and from the attacker's too (under its limit).
  const other = await login(baseURL!, elsewhere, bystander.email, bystander.password);
  expect(other.status).toBe(200);
  expect(other.body.access_token).toEqual(expect.any(String));
  expect((await login(baseURL!, attacker, bystander.email, bystander.password)).status).toBe(200);
});

test("a forged X-Forwarded-For does not buy a fresh per-address allowance", async ({ request, baseURL }) => {
  const from = freshAddress();
  // 30 failures, each for another account and claiming another origin.
  for (let i = 0; i < 30; i++) {
    const r = await login(baseURL!, from, freshEmail(), "wrong-password", { "X-Forwarded-For": freshAddress() });
    expect(r.status, `attempt ${i + 1}`).toBe(401);
  }
  const refused = await login(baseURL!, from, freshEmail(), "wrong-password", { "X-Forwarded-For": freshAddress() });
  expect(refused.status).toBe(429);
  expect(Number(refused.retryAfter)).toBeGreaterThan(0);

  // The limit is this address's alone: a user elsewhere signs in.
  const u = await createApiUser(request);
  expect((await login(baseURL!, freshAddress(), u.email, u.password)).status).toBe(200);
});

test("a burst of concurrent guesses gets exactly the allowance through", async ({ baseURL }) => {
  const from = freshAddress();
  const email = freshEmail();
  const results = await Promise.all(Array.from({ length: 20 }, () => login(baseURL!, from, email, "wrong-password")));
  const statuses = results.map((r) => r.status).sort();
  expect(statuses.filter((s) => s === 401)).toHaveLength(10);
  expect(statuses.filter((s) => s === 429)).toHaveLength(10);
});
