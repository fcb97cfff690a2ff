import { randomInt, randomUUID } from "node:crypto";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { AuthPages } from "./pages/studio";
import { createApiUser, expect, test } from "./fixtures";

/**
 * The login throttle, per account and address together and per address, through real sockets: every loopback address
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

test("a stranger's 20 failures from their address slow only them: the owner signs in from theirs, in the API and the browser", async ({
  page,
  request,
  baseURL,
}) => {
  const owner = await createApiUser(request);
  const stranger = freshAddress();

  const statuses: number[] = [];
  for (let i = 0; i < 20; i++) {
    const r = await login(baseURL!, stranger, owner.email, `wrong-${i}`);
    statuses.push(r.status);
    if (i < 5) expect(r.body.detail, `attempt ${i + 1}`).toBe("Incorrect username or password");
  }
  // Five free failures, then a wait, which every attempt during it is refused for.
  expect(statuses).toEqual([...Array(5).fill(401), ...Array(15).fill(429)]);
  const waiting = await login(baseURL!, stranger, owner.email.toUpperCase(), owner.password);
  expect(waiting.status).toBe(429);
  expect(waiting.body.detail).toMatch(/^Too many failed sign-in attempts; try again in \d+ seconds?$/);
  expect(Number(waiting.retryAfter)).toBeGreaterThan(0);
  expect(Number(waiting.retryAfter)).toBeLessThanOrEqual(5);

  // The owner, at their own address, is not locked out: through the API, and in the browser
  // (which signs in from 127.0.0.1, an address the stranger never used).
  const own = await login(baseURL!, freshAddress(), owner.email, owner.password);
  expect(own.status).toBe(200);
  expect(own.body.access_token).toEqual(expect.any(String));
  await new AuthPages(page).signIn(owner.email, owner.password);
});

test("each failure past the free ones waits longer", async ({ request, baseURL }) => {
  const user = await createApiUser(request);
  const from = freshAddress();
  for (let i = 0; i < 5; i++) expect((await login(baseURL!, from, user.email, `wrong-${i}`)).status).toBe(401);
  const first = await login(baseURL!, from, user.email, "wrong-again");
  expect(first.status).toBe(429);
  expect(Number(first.retryAfter)).toBeLessThanOrEqual(5);
  // Once the first wait (5 s) is over, one more try is let through, and the next wait is twice as long.
  await new Promise((r) => setTimeout(r, Number(first.retryAfter) * 1000 + 200));
  expect((await login(baseURL!, from, user.email, "wrong-5")).status).toBe(401);
  const second = await login(baseURL!, from, user.email, "wrong-6");
  expect(second.status).toBe(429);
  expect(Number(second.retryAfter)).toBeGreaterThan(5);
  expect(Number(second.retryAfter)).toBeLessThanOrEqual(10);
});

test("the sign-in form says how long to wait rather than 'wrong password'", async ({ page, request, baseURL }) => {
  const user = await createApiUser(request);
  const from = freshAddress();
  const relay = await relayFrom(from, new URL(baseURL!));
  try {
    await page.goto(`${relay.origin}/sign-in`);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    // Five failures from the browser's address just before it signs in with the right password.
    for (let i = 0; i < 5; i++) expect((await login(baseURL!, from, user.email, `wrong-${i}`)).status).toBe(401);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText(/^Too many failed attempts; try again in \d seconds?$/)).toBeVisible();
  } finally {
    await relay.close();
  }
});

/**
 * A TCP relay on 127.0.0.1 that reaches the server from `address`: a browser cannot choose its
 * source address, so it signs in through this to be a client of its own to the throttle.
 */
async function relayFrom(address: string, server: URL) {
  const sockets = new Set<net.Socket>();
  const relay = net.createServer((client) => {
    const upstream = net.connect({ host: server.hostname, port: Number(server.port), localAddress: address });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => s.destroy());
      s.on("close", () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(relay.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        relay.close(() => resolve());
      }),
  };
}

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

test("a burst of concurrent guesses gets exactly the free failures through", async ({ baseURL }) => {
  const from = freshAddress();
  const email = freshEmail();
  const results = await Promise.all(Array.from({ length: 20 }, () => login(baseURL!, from, email, "wrong-password")));
  const statuses = results.map((r) => r.status).sort();
  expect(statuses.filter((s) => s === 401)).toHaveLength(5);
  expect(statuses.filter((s) => s === 429)).toHaveLength(15);
});
