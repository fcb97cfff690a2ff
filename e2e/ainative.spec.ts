import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { build } from "esbuild";
import { AuthPages } from "./pages/studio";
import { CharacterProfile } from "./pages/character";
import { createApiUser, expect, photoPng, screenshots, test, type ApiUser } from "./fixtures";

/** A user of the content-workflow API: an account and an API key, sent as X-API-Key. */
async function keyUser(request: APIRequestContext): Promise<ApiUser & { key: Record<string, string> }> {
  const user = await createApiUser(request);
  const res = await request.post("/api/v1/api-tokens", { headers: user.headers, data: { name: "content workflow" } });
  expect(res.status(), await res.text()).toBe(201);
  return { ...user, key: { "X-API-Key": (await res.json()).token } };
}

const seedTwin = {
  name: "Tech Creator",
  voice_id: "en-US-Neural2-A",
  style_tags: ["casual", "educational"],
  persona_prompt: "You are an engaging tech educator who explains complex topics simply.",
  platform_defaults: { tiktok: { caption_style: "short" }, instagram: { caption_style: "hashtag-heavy" } },
};

test("twins API: the seed's create, list, get, patch and soft delete with an X-API-Key, invisible to another workspace", async ({ request }) => {
  const a = await keyUser(request);
  const b = await keyUser(request);
  const created = await request.post("/api/v1/public/twins", { headers: a.key, data: seedTwin });
  expect(created.status(), await created.text()).toBe(201);
  const twin = await created.json();
  expect(twin).toMatchObject({ name: "Tech Creator", memory_namespace: `twin_${twin.id}`, style_tags: ["casual", "educational"] });
  expect(twin.created_at).toMatch(/Z$/);

  expect((await (await request.get("/api/v1/public/twins", { headers: a.key })).json()).map((t: { id: string }) => t.id)).toEqual([twin.id]);
  expect(await (await request.get("/api/v1/public/twins", { headers: b.key })).json()).toEqual([]);
  expect((await request.get(`/api/v1/public/twins/${twin.id}`, { headers: b.key })).status()).toBe(404);
  expect((await request.get("/api/v1/public/twins")).status()).toBe(401);

  const patched = await request.patch(`/api/v1/public/twins/${twin.id}`, { headers: a.key, data: { persona_prompt: "Updated persona..." } });
  expect(patched.status()).toBe(200);
  expect(await patched.json()).toMatchObject({ persona_prompt: "Updated persona...", name: "Tech Creator", platform_defaults: seedTwin.platform_defaults });

  const bad = await request.post("/api/v1/public/twins", { headers: a.key, data: { name: "Typo", platform_defaults: { tiktock: {} } } });
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({ field: "platform_defaults.tiktock" });
  expect((await request.post("/api/v1/public/twins", { headers: a.key, data: { style_tags: [] } })).status()).toBe(422);

  expect((await request.delete(`/api/v1/public/twins/${twin.id}`, { headers: a.key })).status()).toBe(204);
  expect((await request.get(`/api/v1/public/twins/${twin.id}`, { headers: a.key })).status()).toBe(404);
  expect((await request.delete(`/api/v1/public/twins/${twin.id}`, { headers: a.key })).status()).toBe(404);
  expect(await (await request.get("/api/v1/persons", { headers: a.key })).json()).toEqual([]);
});

test("the character page edits a twin's style tags, platform defaults and memory by keyboard, and the API reads them", async ({ page, request }) => {
  const user = await keyUser(request);
  const twin = await (await request.post("/api/v1/public/twins", { headers: user.key, data: seedTwin })).json();
  await new AuthPages(page).signIn(user.email, user.password);
  await page.goto("/characters");
  await page.getByRole("link", { name: /Tech Creator/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tech Creator" })).toBeVisible();

  // Style tags and a photo, in the character form.
  await page.getByLabel("Style tags").fill("casual, educational, neon");
  await page.getByLabel("Photo", { exact: true }).setInputFiles({ name: "me.png", mimeType: "image/png", buffer: await photoPng() });
  await page.getByRole("button", { name: "Save character" }).click();
  await expect(page.getByText("Character saved")).toBeVisible();

  const profile = new CharacterProfile(page);
  await expect(profile.platform("TikTok").getByLabel("Caption style")).toHaveValue("short");
  await expect(profile.platform("Instagram").getByLabel("Caption style")).toHaveValue("hashtag-heavy");
  // A bad hashtag is refused with the error under its field; nothing is saved.
  await profile.platform("TikTok").getByLabel("Hashtags").fill("#ai #not-a-tag!");
  await profile.savePlatformDefaults();
  const hashtags = profile.platform("TikTok").getByLabel("Hashtags");
  await expect(hashtags).toHaveAttribute("aria-invalid", "true");
  await expect(profile.platform("TikTok").getByRole("alert")).toHaveText(/hashtag is letters, digits and _/);
  await hashtags.fill("#ai #CreatorTips");
  await profile.platform("TikTok").getByLabel("Aspect ratio").selectOption("9:16");
  await profile.platform("YouTube").getByLabel("Caption style").fill("storytelling");
  // Keyboard: Enter in a field submits the form.
  await profile.platform("YouTube").getByLabel("Caption style").press("Enter");
  await expect(page.getByText("Platform defaults saved")).toBeVisible();
  await expect(hashtags).not.toHaveAttribute("aria-invalid", "true");

  await profile.addNote("Always wears a red scarf");
  await profile.addNote("Grew up in Lisbon");
  await profile.addNote("Never mentions competitors");
  await profile.memory().getByRole("button", { name: "Remove note: Grew up in Lisbon" }).press("Enter");
  await expect(profile.notes()).toHaveText(["Always wears a red scarf", "Never mentions competitors"]);
  await expect(profile.memory().getByRole("button", { name: "Remove note: Never mentions competitors" })).toBeFocused();
  await expect(profile.memory().getByText(`twin_${twin.id}`)).toBeVisible();
  // A blank note is refused under the field, and the list stays as it was.
  const newNote = profile.memory().getByLabel("New note");
  await newNote.fill("   ");
  await newNote.press("Enter");
  await expect(profile.memory().getByRole("alert")).toContainText("memory note");
  await expect(newNote).toHaveAttribute("aria-invalid", "true");
  await expect(profile.notes()).toHaveCount(2);

  await page.reload();
  await expect(profile.platform("TikTok").getByLabel("Hashtags")).toHaveValue("#ai #CreatorTips");
  await expect(profile.notes()).toHaveCount(2);
  await screenshots(page, "ainative-character");

  const read = await (await request.get(`/api/v1/public/twins/${twin.id}`, { headers: user.key })).json();
  expect(read).toMatchObject({
    style_tags: ["casual", "educational", "neon"],
    platform_defaults: {
      tiktok: { caption_style: "short", hashtags: ["ai", "CreatorTips"], aspect_ratio: "9:16" },
      instagram: { caption_style: "hashtag-heavy" },
      youtube: { caption_style: "storytelling" },
    },
    memory_notes: ["Always wears a red scarf", "Never mentions competitors"],
    photo_url: expect.stringMatching(/^http/),
  });
});

test("an avatar render reaches done through the seed's useTask hook in a browser, billed per second and listed with the videos", async ({
  page,
  request,
  baseURL,
}) => {
  const user = await keyUser(request);
  const twin = await (await request.post("/api/v1/public/twins", { headers: user.key, data: seedTwin })).json();
  const started = await request.post("/api/v1/public/multimodal/avatar/generate", {
    headers: user.key,
    data: { twin_id: twin.id, script: "Hello! I'm your AI twin. Let's create something amazing." },
  });
  expect(started.status(), await started.text()).toBe(202);
  const job = await started.json();
  expect(job).toMatchObject({ celery_task_id: job.task_id, provider: "local", status: "queued", progress: 0 });

  // The seed's hook, unchanged, bundled as the seed's app would bundle it (its key inlined at build time).
  const bundle = await build({
    entryPoints: [path.join(import.meta.dirname, "ainative/use-task-harness.tsx")],
    bundle: true,
    write: false,
    format: "iife",
    jsx: "automatic",
    define: { "process.env.NEXT_PUBLIC_AINATIVE_KEY": JSON.stringify(user.key["X-API-Key"]), "process.env.NODE_ENV": '"production"' },
  });
  // The creator's app on its own origin; the URL the hook calls, https://api.ainative.studio, is answered by this
  // server (CORS preflight included), so the browser applies the same cross-origin rules as in production.
  await page.route("https://creator.example/**", (route) =>
    route.fulfill({ contentType: "text/html", body: `<!doctype html><div id="root"></div><script>${bundle.outputFiles[0].text}</script>` }),
  );
  let polls = 0;
  await page.route("https://api.ainative.studio/**", async (route) => {
    const url = new URL(route.request().url());
    if (route.request().method() === "GET") polls++;
    return route.fulfill({ response: await route.fetch({ url: `${baseURL}${url.pathname}${url.search}` }) });
  });
  await page.goto(`https://creator.example/app?task=${job.task_id}`);
  await expect(page.getByTestId("task")).toHaveText(/^done 100 video \([\d.]+ s, \d+ credits\)$/, { timeout: 180_000 });
  const seen = await page.evaluate(() => window.seenStatuses);
  expect(seen.at(-1)).toBe("done");
  expect(seen[0]).not.toBe("done");
  // Done stops the polling (refetchInterval returns false).
  const settled = polls;
  await page.waitForTimeout(4500);
  expect(polls).toBe(settled);

  const done = await (await request.get(`/api/v1/public/multimodal/avatar/${job.task_id}`, { headers: user.key })).json();
  expect(done.result.credits_billed).toBe(Math.ceil(done.result.duration_seconds - 1e-9) * 10);
  const video = await request.get(done.result.video_url);
  expect(video.status()).toBe(200);
  expect(video.headers()["content-type"]).toBe("video/mp4");
  const me = await (await request.get("/api/v1/auth/me", { headers: user.key })).json();
  expect(me.credits).toBe(1000 - done.result.credits_billed);

  await new AuthPages(page).signIn(user.email, user.password);
  await page.goto("/videos");
  await expect(page.getByText("Tech Creator: Hello! I'm your AI twin. Let's…")).toBeVisible();
});
