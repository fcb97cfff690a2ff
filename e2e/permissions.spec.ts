import { randomUUID } from "node:crypto";
import { createApiUser, expect, photoPng, test } from "./fixtures";

test("a second user cannot see the first user's character, project or media", async ({ request, browser }) => {
  const a = await createApiUser(request);
  const b = await createApiUser(request);
  const photo = (await photoPng(64, 64)).toString("base64");
  const person = await request.post("/api/v1/persons", { headers: a.headers, data: { name: "Alex", description: "Founder", photo_base64: photo } });
  expect(person.status()).toBe(201);
  const { id: personId, photo_url } = await person.json();
  const story = await request.post("/api/v1/stories/create", {
    headers: a.headers,
    data: { person_id: personId, story_idea: "A founder's journey from a garage to launch day", num_scenes: 2 },
  });
  expect(story.status()).toBe(201);
  const project = await story.json();

  // A sees their own things.
  expect((await request.get(`/api/v1/persons/${personId}`, { headers: a.headers })).status()).toBe(200);
  expect((await request.get(photo_url)).status()).toBe(200);

  // B gets 404s: API, pages and media URLs without A's signature.
  expect((await request.get(`/api/v1/persons/${personId}`, { headers: b.headers })).status()).toBe(404);
  expect((await request.get(`/api/v1/scene-projects/${project.id}`, { headers: b.headers })).status()).toBe(404);
  expect((await request.get(`/api/v1/scene-projects/${project.id}/status`, { headers: b.headers })).status()).toBe(404);
  expect((await request.get(`/api/projects/${project.id}`, { headers: b.headers })).status()).toBe(404);
  const scene = project.scenes[0];
  const put = await request.put(`/api/v1/scene-projects/${project.id}/scenes/${scene.id}`, { headers: b.headers, data: { narration_text: "hijacked" } });
  expect(put.status()).toBe(404);
  expect((await request.post(`/api/v1/scene-projects/${project.id}/approve`, { headers: b.headers, data: { confirm_credits: true } })).status()).toBe(404);
  const listB = await (await request.get("/api/v1/scene-projects", { headers: b.headers })).json();
  expect(listB).toEqual([]);

  const mediaUrl = new URL(photo_url);
  const bare = `${mediaUrl.pathname}`;
  expect((await request.get(bare, { headers: b.headers })).status()).toBe(404);
  const tampered = `${mediaUrl.pathname}?exp=${mediaUrl.searchParams.get("exp")}&sig=${"x".repeat(43)}`;
  expect((await request.get(tampered)).status()).toBe(404);
  const expired = `${mediaUrl.pathname}?exp=1000&sig=${mediaUrl.searchParams.get("sig")}`;
  expect((await request.get(expired)).status()).toBe(404);

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(b.email);
  await page.getByLabel("Password").fill(b.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  for (const path of [`/characters/${personId}`, `/projects/${project.id}`]) {
    const res = await page.goto(path);
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  }
  await context.close();
});

test("the API requires credentials", async ({ request }) => {
  expect((await request.get("/api/v1/persons")).status()).toBe(401);
  expect((await request.get("/api/v1/persons", { headers: { Authorization: "Bearer nonsense" } })).status()).toBe(401);
  expect((await request.get("/api/v1/persons", { headers: { "X-API-Key": "ctw_nonsense" } })).status()).toBe(401);
  // A fresh name each run: an account's failures from one address are remembered for a day.
  const bad = await request.post("/api/v1/auth/login", { form: { username: `nobody-${randomUUID().slice(0, 8)}@example.test`, password: "wrong-password" } });
  expect(bad.status()).toBe(401);
  expect((await bad.json()).detail).toMatch(/Incorrect username or password/);
});
