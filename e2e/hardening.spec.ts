import http from "node:http";
import type { AddressInfo } from "node:net";
import { AuthPages } from "./pages/studio";
import { createApiUser, expect, test } from "./fixtures";

/**
 * What a page elsewhere can make a signed-in browser do (nothing), the headers every response
 * carries, and weak passwords.
 */

/** A page on another port of this host: another origin, yet the same site, so the browser sends our Lax session cookie along. */
async function attackerSite(html: string) {
  const server = http.createServer((_, res) => res.writeHead(200, { "Content-Type": "text/html" }).end(html));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => new Promise((r) => server.close(r)) };
}

test("a page elsewhere cannot create a token, a webhook or run an action with the session cookie", async ({ page, request, baseURL }) => {
  const user = await createApiUser(request);
  await new AuthPages(page).signIn(user.email, user.password);
  const target = new URL(baseURL!);

  // The review's finding: a text/plain POST, as a form or a no-cors fetch may send it cross-origin.
  const site = await attackerSite(`<!doctype html><body>
    <form id="f" method="POST" enctype="text/plain" action="${target.origin}/api/v1/webhooks">
      <input name='{"url":"https://hooks.example.com/x","pad":"' value='"}'>
    </form>
    <script>
      fetch(${JSON.stringify(`${target.origin}/api/v1/api-tokens`)}, { method: "POST", mode: "no-cors", credentials: "include",
        headers: { "Content-Type": "text/plain" }, body: JSON.stringify({ name: "planted" }) })
        .finally(() => document.getElementById("f").submit());
    </script></body>`);
  try {
    await page.goto(site.url);
    // The form's navigation lands on our answer: a 403 in the API's error shape.
    await expect(page).toHaveURL(`${target.origin}/api/v1/webhooks`);
    expect(JSON.parse((await page.locator("body").textContent()) ?? "")).toEqual({
      detail: expect.stringMatching(/^Cross-origin request refused/),
      code: "forbidden",
    });
  } finally {
    await site.close();
  }
  expect(await (await request.get("/api/v1/webhooks", { headers: user.headers })).json()).toEqual([]);
  expect(await (await request.get("/api/v1/api-tokens", { headers: user.headers })).json()).toEqual([]);

  // The same POST with a forged-looking origin header is as refused; a server action too, with a 403 rather than Next.js's 500.
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const foreign = { Cookie: cookie, Origin: "http://evil.example" };
  const planted = await request.post("/api/v1/api-tokens", {
    headers: { ...foreign, "Content-Type": "text/plain" },
    data: JSON.stringify({ name: "planted" }),
  });
  expect(planted.status()).toBe(403);
  const action = await request.post("/settings", {
    headers: { ...foreign, "Next-Action": "7f".repeat(21), "Content-Type": "text/plain;charset=UTF-8" },
    data: "[{}]",
  });
  expect(action.status()).toBe(403);
  expect(await action.text()).toMatch(/^Cross-origin request refused/);

  // The studio's own pages still write as JSON.
  await page.goto("/settings");
  const status = await page.evaluate(async () => {
    const res = await fetch("/api/v1/api-tokens", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name: "mine" }) });
    return res.status;
  });
  expect(status).toBe(201);
  expect((await (await request.get("/api/v1/api-tokens", { headers: user.headers })).json()).map((t: { name: string }) => t.name)).toEqual(["mine"]);
});

test("pages and API routes carry the security headers, and the studio runs under its CSP", async ({ page, request }) => {
  for (const path of ["/sign-in", "/api/health", "/api/openapi.json"]) {
    const res = await request.get(path);
    const h = res.headers();
    expect(h["x-content-type-options"], path).toBe("nosniff");
    expect(h["referrer-policy"], path).toBe("same-origin");
    expect(h["x-powered-by"], path).toBeUndefined();
    const csp = h["content-security-policy"];
    expect(csp, path).toContain("default-src 'self'");
    expect(csp, path).toContain("script-src 'self' 'unsafe-inline'");
    expect(csp, path).not.toContain("unsafe-eval");
    expect(csp, path).toContain("object-src 'none'");
    expect(csp, path).toContain("frame-ancestors 'none'");
  }
  // The public share page may be embedded anywhere.
  expect((await request.get("/v/not-a-real-share-token")).headers()["content-security-policy"]).toContain("frame-ancestors *");

  // No page of the golden path trips the policy.
  const violations: string[] = [];
  page.on("console", (m) => void (/Content Security Policy|Refused to/i.test(m.text()) && violations.push(m.text())));
  page.on("pageerror", (e) => violations.push(e.message));
  const user = await createApiUser(request);
  await new AuthPages(page).signIn(user.email, user.password);
  const titles: Record<string, string> = {
    "/dashboard": "Dashboard",
    "/characters/new": "New character",
    "/projects": "Projects",
    "/editor": "Video editor",
    "/settings": "Settings",
  };
  for (const [path, title] of Object.entries(titles)) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  }
  // Client-side code runs: a menu opens.
  await page.getByRole("button", { name: "Account", exact: true }).click();
  await expect(page.getByRole("menuitem", { name: "Sign out" })).toBeVisible();
  await page.goto("/docs");
  await expect(page.getByRole("heading", { level: 1, name: "Cinetwin API" })).toBeVisible();
  expect(violations).toEqual([]);
});

test("a weak password is refused with its reason, in the API and the sign-up form", async ({ page, request }) => {
  const email = `weak-${Date.now()}@example.test`;
  const api = await request.post("/api/v1/auth/register", { data: { email, password: "password123" } });
  expect(api.status()).toBe(400);
  expect(await api.json()).toMatchObject({
    detail: "password is too weak: this is a commonly used password. Add more words that are less common.",
    field: "password",
  });

  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Weak Password");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("qwertyuiop");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(/^password is too weak: this is a (frequently|commonly) used password/).first()).toBeVisible();
  await expect(page).toHaveURL(/\/sign-up$/);

  // The same form takes a passphrase (React resets a form after its action: fill it again).
  await page.getByLabel("Name").fill("Weak Password");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("quiet-harbor-lantern-42");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
});
