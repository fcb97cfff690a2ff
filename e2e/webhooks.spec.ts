import { createHmac } from "node:crypto";
import http from "node:http";
import type { Page } from "@playwright/test";
import { verifySignature } from "../lib/webhooks/sign";
import { createApiUser, expect, photoPng, SAVE_SCREENSHOTS, saveShot, snap, test } from "./fixtures";
import { AuthPages } from "./pages/studio";
import { WEBHOOK_TEST_PORT } from "./playwright.config";

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A receiver on the allow-listed port that answers 200 to everything; this file's tests run one at a time. */
async function startReceiver() {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(WEBHOOK_TEST_PORT, "127.0.0.1", () => r()));
  return { received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** snap() takes full pages, where a fixed dialog lands off-screen: the viewport shows it as the user sees it. */
async function snapDialog(page: Page, name: string) {
  if (!SAVE_SCREENSHOTS) return;
  const original = page.viewportSize() ?? { width: 1280, height: 720 };
  for (const [suffix, size] of [
    ["desktop", { width: 1280, height: 800 }],
    ["phone", { width: 390, height: 844 }],
  ] as const) {
    await page.setViewportSize(size);
    await saveShot(page, `${name}-${suffix}`);
  }
  await page.setViewportSize(original);
}

// A browser clock far from the server's (UTC+14) makes any date formatted on both sides disagree.
test.use({ timezoneId: "Pacific/Kiritimati" });

test("settings: register a webhook, see its secret once, send a signed test event, read the log, delete it", async ({ page, request }) => {
  const receiver = await startReceiver();
  try {
    // Client components render dates and state on the server too: no hydration mismatch, no uncaught error.
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    // Production React reports a mismatch as minified error #418 (text) or #425 (attribute).
    page.on("console", (m) => m.type() === "error" && /hydrat|react-dom.*#4(18|23|25)|error #4(18|23|25)/i.test(m.text()) && pageErrors.push(m.text()));
    const user = await createApiUser(request);
    await new AuthPages(page).signIn(user.email, user.password);
    await page.goto("/settings");
    const section = page.getByRole("region", { name: "Webhooks" });
    await expect(section.getByText("No webhook endpoints yet")).toBeVisible();
    const url = section.getByLabel("Endpoint URL");

    // A private address is refused, and the message is tied to the URL field.
    await url.fill("http://10.0.0.1/hook");
    await section.getByRole("button", { name: "Add endpoint" }).click();
    await expect(url).toHaveAttribute("aria-invalid", "true");
    await expect(url).toHaveAccessibleDescription(/URL not allowed or unreachable/);
    await expect(url).toBeFocused();
    await url.fill("not a url");
    await url.press("Enter");
    await expect(url).toHaveAccessibleDescription(/Enter a full URL/);

    // Keyboard only: type the URL, tick one event with Space, submit with Enter.
    const hookUrl = `http://127.0.0.1:${WEBHOOK_TEST_PORT}/hook`;
    await url.fill(hookUrl);
    const allEvents = section.getByRole("checkbox", { name: /All events/ });
    await expect(allEvents).toBeChecked();
    await section.getByRole("checkbox", { name: /project\.completed/ }).focus();
    await page.keyboard.press("Space");
    await expect(section.getByRole("checkbox", { name: /project\.completed/ })).toBeChecked();
    await expect(allEvents).not.toBeChecked();
    await section.getByLabel("Description (optional)").fill("CI receiver");
    await section.getByLabel("Description (optional)").press("Enter");

    const dialog = page.getByRole("dialog", { name: "Endpoint added" });
    await expect(dialog).toBeVisible();
    const secret = (await dialog.getByTestId("webhook-secret").textContent())?.trim() ?? "";
    expect(secret).toMatch(/^whsec_/);
    await expect(dialog.getByRole("button", { name: "Copy signing secret" })).toBeVisible();
    await snapDialog(page, "settings-webhook-secret");
    await dialog.getByRole("button", { name: "Done" }).click();
    await expect(dialog).toBeHidden();

    // Shown once: neither the reloaded page nor the API list carries it again.
    await page.reload();
    expect(await page.content()).not.toContain(secret);
    const [listed] = await (await request.get("/api/v1/webhooks", { headers: user.headers })).json();
    expect(listed).toMatchObject({ url: hookUrl, events: ["project.completed"], description: "CI receiver", enabled: true });
    expect(listed.secret).toBeUndefined();

    const endpoint = section.getByTestId("webhook-endpoint").filter({ hasText: hookUrl });
    await expect(endpoint.getByRole("list", { name: "Events" })).toHaveText("project.completed");
    await expect(endpoint.getByText("CI receiver")).toBeVisible();
    await expect(endpoint.getByText("No deliveries yet")).toBeVisible();

    // Off: no test events; on again.
    const enabled = endpoint.getByRole("switch", { name: "Enabled" });
    const testButton = endpoint.getByRole("button", { name: `Send test event to ${hookUrl}` });
    await enabled.click();
    await expect(enabled).not.toBeChecked();
    await expect(testButton).toBeDisabled();
    await expect.poll(async () => (await (await request.get("/api/v1/webhooks", { headers: user.headers })).json())[0].enabled).toBe(false);
    // The switch stays disabled until the save's page refresh lands, which can outlast the write on a busy machine.
    await expect(enabled).toBeEnabled();
    await enabled.press("Space");
    await expect(enabled).toBeChecked();
    await expect(testButton).toBeEnabled();
    await expect.poll(async () => (await (await request.get("/api/v1/webhooks", { headers: user.headers })).json())[0].enabled).toBe(true);

    // The test event arrives signed with the secret shown once, and the log polls until it settles.
    await testButton.click();
    await expect(page.getByText("Test event queued")).toBeVisible();
    await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBe(1);
    const { headers, body } = receiver.received[0];
    expect(headers["cinetwin-event"]).toBe("webhook.test");
    expect(verifySignature(secret, String(headers["cinetwin-signature"]), String(headers["cinetwin-timestamp"]), body)).toBe(true);
    expect(verifySignature("whsec_wrong", String(headers["cinetwin-signature"]), String(headers["cinetwin-timestamp"]), body)).toBe(false);

    const log = endpoint.getByRole("table", { name: `Deliveries to ${hookUrl}` });
    const row = log.getByTestId("delivery-row");
    await expect(row).toHaveCount(1);
    await expect(row).toHaveAttribute("data-status", "succeeded", { timeout: 20_000 });
    await expect(row).toContainText("webhook.test");
    await expect(row.getByTestId("delivery-code")).toHaveText("200");
    await expect(row.getByRole("cell").nth(2)).toHaveText("1");
    await expect(row.getByRole("cell").nth(4).locator("time")).toHaveAttribute("datetime", /^\d{4}-\d\d-\d\dT/);
    await snap(page, "settings-webhooks");

    // A second test event lands on top: newest first.
    await testButton.click();
    await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBe(2);
    await expect(row).toHaveCount(2);
    await expect(row.first()).toHaveAttribute("data-status", "succeeded", { timeout: 20_000 });
    const times = await log.locator("tbody td:last-child time").evaluateAll((els) => els.map((e) => e.getAttribute("datetime") ?? ""));
    expect(times[0] >= times[1]).toBe(true);

    await endpoint.getByRole("button", { name: `Delete ${hookUrl}` }).click();
    const confirm = page.getByRole("alertdialog");
    await expect(confirm).toContainText(hookUrl);
    await confirm.getByRole("button", { name: "Delete endpoint" }).click();
    await expect(page.getByText("Endpoint deleted")).toBeVisible();
    await expect(section.getByText("No webhook endpoints yet")).toBeVisible();
    expect(await (await request.get("/api/v1/webhooks", { headers: user.headers })).json()).toEqual([]);
    await snap(page, "settings-webhooks-empty");
    expect(pageErrors).toEqual([]);
  } finally {
    await receiver.close();
  }
});

test("API: register, signed test event, delivery log, delete", async ({ request }) => {
  const receiver = await startReceiver();
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
    await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBe(1);
    const { headers, body } = receiver.received[0];
    expect(headers["cinetwin-event"]).toBe("webhook.test");
    // The documented scheme, computed here rather than with lib/webhooks/sign.ts: HMAC-SHA256 of "<timestamp>.<body>".
    const ts = String(headers["cinetwin-timestamp"]);
    expect(headers["cinetwin-signature"]).toBe("v1=" + createHmac("sha256", endpoint.secret).update(`${ts}.${body}`).digest("hex"));

    await expect
      .poll(async () => (await (await request.get(`/api/v1/webhooks/${endpoint.id}/deliveries`, { headers: u.headers })).json())[0]?.status, {
        timeout: 15_000,
      })
      .toBe("succeeded");
    const [delivery] = await (await request.get(`/api/v1/webhooks/${endpoint.id}/deliveries`, { headers: u.headers })).json();
    expect(delivery).toMatchObject({ event: "webhook.test", attempts: 1, last_status_code: 200 });

    expect((await request.delete(`/api/v1/webhooks/not-a-uuid`, { headers: u.headers })).status()).toBe(404);
    expect((await request.delete(`/api/v1/webhooks/${endpoint.id}`, { headers: u.headers })).status()).toBe(204);
    expect(await (await request.get("/api/v1/webhooks", { headers: u.headers })).json()).toEqual([]);
  } finally {
    await receiver.close();
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

test("a project's deliveries are readable only from its own workspace", async ({ request }) => {
  const a = await createApiUser(request);
  const b = await createApiUser(request);
  const person = await request.post("/api/v1/persons", {
    headers: a.headers,
    data: { name: "Alex", description: "Founder", photo_base64: (await photoPng(64, 64)).toString("base64") },
  });
  expect(person.status()).toBe(201);
  const story = await request.post("/api/v1/stories/create", {
    headers: a.headers,
    data: { person_id: (await person.json()).id, story_idea: "A founder's journey from a garage to launch day", num_scenes: 2 },
  });
  expect(story.status()).toBe(201);
  const { id } = await story.json();

  const own = await request.get(`/api/projects/${id}/deliveries`, { headers: a.headers });
  expect(own.status()).toBe(200);
  expect(await own.json()).toEqual([]);
  const other = await request.get(`/api/projects/${id}/deliveries`, { headers: b.headers });
  expect(other.status()).toBe(404);
  expect(await other.json()).toMatchObject({ detail: "Project not found" });
  expect((await request.get(`/api/projects/${id}/deliveries`)).status()).toBe(401);
  expect((await request.get(`/api/projects/not-a-number/deliveries`, { headers: a.headers })).status()).toBe(404);
});

test("a finished project's project.completed delivery is listed on the project's deliveries route", async ({ request }) => {
  const receiver = await startReceiver();
  try {
    const u = await createApiUser(request);
    const hookUrl = `http://127.0.0.1:${WEBHOOK_TEST_PORT}/project-hook`;
    const created = await request.post("/api/v1/webhooks", { headers: u.headers, data: { url: hookUrl, events: ["project.completed"] } });
    expect(created.status()).toBe(201);
    const endpoint = await created.json();
    const person = await request.post("/api/v1/persons", {
      headers: u.headers,
      data: { name: "Alex", description: "Founder", photo_base64: (await photoPng(64, 64)).toString("base64") },
    });
    const story = await request.post("/api/v1/stories/create", {
      headers: u.headers,
      data: { person_id: (await person.json()).id, story_idea: "A founder's journey from a garage to launch day", num_scenes: 2 },
    });
    const { id } = await story.json();
    expect((await request.post(`/api/v1/scene-projects/${id}/approve`, { headers: u.headers, data: { confirm_credits: true } })).status()).toBe(202);
    await expect
      .poll(async () => (await (await request.get(`/api/v1/scene-projects/${id}/status`, { headers: u.headers })).json()).status, {
        timeout: 200_000,
        intervals: [2000],
      })
      .toBe("completed");

    const deliveries = async () => (await request.get(`/api/projects/${id}/deliveries`, { headers: u.headers })).json();
    await expect.poll(async () => (await deliveries())[0]?.status, { timeout: 30_000 }).toBe("succeeded");
    const rows = await deliveries();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      event: "project.completed",
      subject: `project:${id}`,
      endpoint_id: endpoint.id,
      url: hookUrl,
      attempts: 1,
      last_status_code: 200,
    });

    const hit = receiver.received.find((r) => r.headers["cinetwin-event"] === "project.completed");
    expect(hit).toBeDefined();
    expect(verifySignature(endpoint.secret, String(hit!.headers["cinetwin-signature"]), String(hit!.headers["cinetwin-timestamp"]), hit!.body)).toBe(true);
    expect(JSON.parse(hit!.body)).toMatchObject({ id, status: "completed" });
  } finally {
    await receiver.close();
  }
});
