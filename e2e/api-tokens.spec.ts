import { AuthPages } from "./pages/studio";
import { createApiUser, expect, test } from "./fixtures";

test("an API token works as Bearer and X-API-Key until it is revoked", async ({ request }) => {
  const user = await createApiUser(request);

  const created = await request.post("/api/v1/api-tokens", { headers: user.headers, data: { name: "e2e script" } });
  expect(created.status(), await created.text()).toBe(201);
  const token = await created.json();
  expect(token).toMatchObject({ name: "e2e script", id: expect.any(String), created_at: expect.any(String) });
  expect(token.token).toMatch(/^ctw_/);
  expect(token.prefix).toBe(token.token.slice(0, 10));

  const asBearer = await request.get("/api/v1/persons", { headers: { Authorization: `Bearer ${token.token}` } });
  expect(asBearer.status()).toBe(200);
  const asKey = await request.get("/api/v1/persons", { headers: { "X-API-Key": token.token } });
  expect(asKey.status()).toBe(200);

  const list = await request.get("/api/v1/api-tokens", { headers: user.headers });
  expect(list.status()).toBe(200);
  const rows = await list.json();
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ id: token.id, name: "e2e script", prefix: token.prefix });
  expect(rows[0].last_used_at).toEqual(expect.any(String));
  expect(JSON.stringify(rows)).not.toContain(token.token);

  const bad = await request.post("/api/v1/api-tokens", { headers: user.headers, data: { name: "" } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).detail).toContain("name");

  expect((await request.delete(`/api/v1/api-tokens/${token.id}`, { headers: user.headers })).status()).toBe(204);
  expect((await request.delete(`/api/v1/api-tokens/${token.id}`, { headers: user.headers })).status()).toBe(404);

  const revokedBearer = await request.get("/api/v1/persons", { headers: { Authorization: `Bearer ${token.token}` } });
  expect(revokedBearer.status()).toBe(401);
  expect((await revokedBearer.json()).detail).toEqual(expect.any(String));
  expect((await request.get("/api/v1/persons", { headers: { "X-API-Key": token.token } })).status()).toBe(401);
  expect(await (await request.get("/api/v1/api-tokens", { headers: user.headers })).json()).toEqual([]);
});

test("a user cannot list or revoke another user's API token", async ({ request }) => {
  const a = await createApiUser(request);
  const b = await createApiUser(request);
  const token = await (await request.post("/api/v1/api-tokens", { headers: a.headers, data: { name: "a's" } })).json();
  expect(await (await request.get("/api/v1/api-tokens", { headers: b.headers })).json()).toEqual([]);
  expect((await request.delete(`/api/v1/api-tokens/${token.id}`, { headers: b.headers })).status()).toBe(404);
  expect((await request.get("/api/v1/persons", { headers: { "X-API-Key": token.token } })).status()).toBe(200);
  expect((await request.get("/api/v1/api-tokens")).status()).toBe(401);
});

test("the OpenAPI document and the docs page are public", async ({ request, page }) => {
  const res = await request.get("/api/openapi.json");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("application/json");
  const doc = await res.json();
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toContain("/api/v1/stories/create");
  expect(Object.keys(doc.paths)).toContain("/api/v1/api-tokens");
  expect(doc.components.securitySchemes).toMatchObject({ bearerAuth: { type: "http" }, apiKey: { in: "header", name: "X-API-Key" } });

  await page.goto("/docs");
  await expect(page).toHaveURL(/\/docs$/);
  await expect(page.getByRole("heading", { level: 1, name: "Cinetwin API" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Write a story into a scene project" })).toBeVisible();
  await expect(page.getByText("/api/v1/stories/create", { exact: true })).toBeVisible();
});

test("settings: a token created in the studio is shown once and works", async ({ page, request }) => {
  const user = await createApiUser(request);
  await new AuthPages(page).signIn(user.email, user.password);
  await page.goto("/settings");
  await page.getByLabel("Token name").fill("studio script");
  await page.getByRole("button", { name: "Create token" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByText("Copy it now")).toBeVisible();
  const secret = (await dialog.getByTestId("new-api-token").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^ctw_/);
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();
  expect(await page.content()).not.toContain(secret);
  const me = await request.get("/api/v1/auth/me", { headers: { "X-API-Key": secret } });
  expect(me.status()).toBe(200);
  expect((await me.json()).email).toBe(user.email);
});
