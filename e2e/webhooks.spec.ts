import http from "node:http";
import { createHmac } from "node:crypto";
import { createApiUser, expect, test } from "./fixtures";
import { WEBHOOK_TEST_PORT } from "./playwright.config";

test("webhook endpoints: register, signed test event, delivery log, delete", async ({ request }) => {
  const got: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      got.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(WEBHOOK_TEST_PORT, "127.0.0.1", () => r()));
  try {
    const u = await createApiUser(request);
    const bad = await request.post("/api/v1/webhooks", { headers: u.headers, data: { url: "not a url" } });
    expect(bad.status()).toBe(400);
    const created = await request.post("/api/v1/webhooks", {
      headers: u.headers,
      data: { url: `http://127.0.0.1:${WEBHOOK_TEST_PORT}/hook`, events: ["project.completed"], description: "CI" },
    });
    expect(created.status()).toBe(201);
    const endpoint = await created.json();
    expect(endpoint.secret).toMatch(/^whsec_/);
    const list = await (await request.get("/api/v1/webhooks", { headers: u.headers })).json();
    expect(list).toHaveLength(1);
    expect(list[0].secret).toBeUndefined();

    expect((await request.post(`/api/v1/webhooks/${endpoint.id}/test`, { headers: u.headers })).status()).toBe(202);
    await expect.poll(() => got.length, { timeout: 30_000 }).toBe(1);
    const { headers, body } = got[0];
    expect(headers["cinetwin-event"]).toBe("webhook.test");
    const ts = String(headers["cinetwin-timestamp"]);
    expect(headers["cinetwin-signature"]).toBe("v1=" + createHmac("sha256", endpoint.secret).update(`${ts}.${body}`).digest("hex"));

    await expect
      .poll(async () => (await (await request.get(`/api/v1/webhooks/${endpoint.id}/deliveries`, { headers: u.headers })).json())[0]?.status, { timeout: 15_000 })
      .toBe("succeeded");
    const [delivery] = await (await request.get(`/api/v1/webhooks/${endpoint.id}/deliveries`, { headers: u.headers })).json();
    expect(delivery).toMatchObject({ event: "webhook.test", attempts: 1, last_status_code: 204 });

    const other = await createApiUser(request);
    expect((await request.delete(`/api/v1/webhooks/${endpoint.id}`, { headers: other.headers })).status()).toBe(404);
    expect((await request.delete(`/api/v1/webhooks/not-a-uuid`, { headers: u.headers })).status()).toBe(404);
    expect((await request.delete(`/api/v1/webhooks/${endpoint.id}`, { headers: u.headers })).status()).toBe(204);
    expect(await (await request.get("/api/v1/webhooks", { headers: u.headers })).json()).toEqual([]);
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
});

test("another user's webhook endpoint and its deliveries are not found; lists page", async ({ request }) => {
  const a = await createApiUser(request);
  const b = await createApiUser(request);
  const made = [];
  for (const n of [1, 2]) {
    const res = await request.post("/api/v1/webhooks", { headers: a.headers, data: { url: `https://hooks.example.com/${n}` } });
    expect(res.status()).toBe(201);
    made.push(await res.json());
  }
  expect((await request.get(`/api/v1/webhooks/${made[0].id}/deliveries`, { headers: b.headers })).status()).toBe(404);
  expect((await request.delete(`/api/v1/webhooks/${made[0].id}`, { headers: b.headers })).status()).toBe(404);
  expect(await (await request.get("/api/v1/webhooks", { headers: b.headers })).json()).toEqual([]);
  const page = await (await request.get("/api/v1/webhooks?limit=1&offset=1", { headers: a.headers })).json();
  expect(page.map((e: { id: string }) => e.id)).toEqual([made[0].id]);
  expect((await request.get(`/api/v1/webhooks/${made[0].id}/deliveries?limit=1`, { headers: a.headers })).status()).toBe(200);
  expect((await request.get("/api/v1/webhooks?limit=0", { headers: a.headers })).status()).toBe(400);
});
