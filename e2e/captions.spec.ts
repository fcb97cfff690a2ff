import type { APIRequestContext } from "@playwright/test";
import { AuthPages } from "./pages/studio";
import { createApiUser, expect, screenshots, test, type ApiUser } from "./fixtures";

async function keyUser(request: APIRequestContext): Promise<ApiUser & { key: Record<string, string> }> {
  const user = await createApiUser(request);
  const res = await request.post("/api/v1/api-tokens", { headers: user.headers, data: { name: "captions" } });
  expect(res.status(), await res.text()).toBe(201);
  return { ...user, key: { "X-API-Key": (await res.json()).token } };
}

/** Polls a content-workflow task until done or error (the seed's one polling endpoint). */
async function settled(request: APIRequestContext, key: Record<string, string>, taskId: string) {
  let body: { status: string; result: Record<string, unknown> | null } = { status: "queued", result: null };
  await expect
    .poll(
      async () => {
        body = await (await request.get(`/api/v1/tasks/${taskId}`, { headers: key })).json();
        return body.status;
      },
      { timeout: 180_000, intervals: [500] },
    )
    .toMatch(/^(done|error)$/);
  return body;
}

test("captions: an avatar render captioned from its narration through the API, then edited, re-burned and downloaded in the studio", async ({
  page,
  request,
}) => {
  const user = await keyUser(request);
  const twin = await (await request.post("/api/v1/public/twins", { headers: user.key, data: { name: "Narrator", voice_id: "en-US-Neural2-A" } })).json();
  const script = "Captions come from the narration. Every line keeps its timing.";
  const render = await (await request.post("/api/v1/public/multimodal/avatar/generate", { headers: user.key, data: { twin_id: twin.id, script } })).json();
  const rendered = await settled(request, user.key, render.task_id);
  expect(rendered.status).toBe("done");

  // The API: the share link of our own video is captioned from its narration, exactly.
  const started = await request.post("/api/v1/public/captions/generate", { headers: user.key, multipart: { reel_url: String(rendered.result!.video_url) } });
  expect(started.status(), await started.text()).toBe(202);
  const { caption_id, task_id } = await started.json();
  expect((await settled(request, user.key, task_id)).status).toBe("done");
  const caption = await (await request.get(`/api/v1/public/captions/${caption_id}`, { headers: user.key })).json();
  expect(caption).toMatchObject({ status: "done", method: "narration" });
  expect(caption.segments.map((s: { text: string }) => s.text)).toEqual(["Captions come from the narration.", "Every line keeps its timing."]);
  expect(caption.srt).toContain("1\n00:00:00,000 --> ");

  // Another workspace sees nothing; bad input is refused by name.
  const other = await keyUser(request);
  expect((await request.get(`/api/v1/public/captions/${caption_id}`, { headers: other.key })).status()).toBe(404);
  const neither = await request.post("/api/v1/public/captions/generate", { headers: user.key, multipart: { language: "en" } });
  expect([neither.status(), (await neither.json()).field]).toEqual([400, "reel_url"]);

  // The studio: from the Videos page to the caption editor.
  await new AuthPages(page).signIn(user.email, user.password);
  await page.goto("/videos");
  await page
    .getByRole("link", { name: /^Captions of / })
    .first()
    .click();
  await expect(page.getByRole("list", { name: "Caption lines" }).getByRole("listitem")).toHaveCount(2);
  await screenshots(page, "captions-editor");

  // An edit with a bad time is refused until fixed, then saved.
  const text = page.getByLabel("Text of line 2");
  await text.fill("Every line keeps its exact timing.");
  const end = page.getByLabel("End of line 2 (seconds)");
  await end.fill("0");
  await expect(page.getByRole("list", { name: "Caption lines" }).getByRole("alert")).toHaveText("End must come after start");
  await expect(page.getByRole("button", { name: "Save" })).toBeDisabled();
  await end.fill(String(caption.segments[1].end));
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Captions saved")).toBeVisible();
  const saved = await (await request.get(`/api/v1/public/captions/${caption_id}`, { headers: user.key })).json();
  expect(saved.segments[1].text).toBe("Every line keeps its exact timing.");

  // Clicking a line's time seeks the video there and highlights the line.
  await page.getByRole("button", { name: "Play from line 2" }).click();
  await expect(page.getByLabel("Text of line 2").locator("xpath=ancestor::li")).toHaveAttribute("aria-current", "true");

  // Burn in with the boxed style, following the task to the download link.
  await page.getByLabel("Style").click();
  await page.getByRole("option", { name: "Boxed" }).click();
  await page.getByRole("button", { name: /Burn captions in/ }).click();
  await expect(page.getByRole("link", { name: "Download the video with captions burned in" })).toBeVisible({ timeout: 180_000 });
  const href = await page.getByRole("link", { name: "Download the video with captions burned in" }).getAttribute("href");
  const file = await request.get(href!);
  expect(file.status()).toBe(200);
  expect(file.headers()["content-type"]).toBe("video/mp4");
  await expect(page.getByRole("link", { name: "SRT" })).toHaveAttribute("download", "captions.srt");
  await expect(page.getByRole("link", { name: "VTT" })).toHaveAttribute("download", "captions.vtt");
  await screenshots(page, "captions-editor-burned");

  // The Content area's Captions page lists the video with where its captions stand.
  await page.getByRole("navigation", { name: "Studio" }).getByRole("link", { name: "Captions" }).click();
  await expect(page).toHaveURL(/\/captions$/);
  const row = page.getByRole("list", { name: "Videos and their captions" }).getByRole("listitem").first();
  await expect(row).toContainText("2 lines");
  await expect(row).toContainText("burned in");
  await screenshots(page, "captions-overview");
  await row.getByRole("link", { name: /^Edit captions: / }).click();
  await expect(page.getByRole("list", { name: "Caption lines" }).getByRole("listitem")).toHaveCount(2);
});
