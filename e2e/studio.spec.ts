import { randomUUID } from "node:crypto";
import { expect, photoPng, snap, test } from "./fixtures";
import { AuthPages, CharacterPages, ProjectPages } from "./pages/studio";

test("a creator goes from sign-up to a finished video", async ({ page }) => {
  const email = `creator-${randomUUID().slice(0, 8)}@example.test`;
  const auth = new AuthPages(page);

  await page.goto("/sign-in");
  await snap(page, "sign-in");
  await auth.signUp("Maya Ortiz", email, "a-long-password");
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByTestId("credit-balance")).toContainText("1,000");
  await snap(page, "dashboard-empty");

  await page.goto("/characters");
  await expect(page.getByText("No characters yet")).toBeVisible();
  await snap(page, "characters-empty");

  const characters = new CharacterPages(page);
  await page.goto("/characters/new");
  await snap(page, "character-new");
  const characterId = await characters.create({
    name: "Maya Ortiz",
    description: "Street chef who feeds the night shift",
    persona: "Warm, quick-witted, talks with her hands",
    photo: { name: "maya.png", mimeType: "image/png", buffer: await photoPng() },
  });
  expect(characterId).toBeGreaterThan(0);
  await snap(page, "character-edit");
  await page.goto("/characters");
  await expect(page.getByText("Maya Ortiz")).toBeVisible();
  await snap(page, "characters");

  const projects = new ProjectPages(page);
  await page.goto("/projects/new");
  await snap(page, "story-new");
  await projects.newStory("A day in the life of a street chef who feeds the night shift in a neon-lit city", 2);
  await expect(projects.sceneCards()).toHaveCount(2);
  await expect(page.getByText("Ready for review")).toBeVisible();
  await snap(page, "project-proposed");

  await projects.editNarration(1, "The city sleeps, but Maya's grill is just waking up.");
  await expect(projects.scene(1).getByTestId("scene-narration")).toContainText("Maya's grill is just waking up");

  await projects.approve();
  await expect(page.getByTestId("project-progress")).toBeVisible();
  await snap(page, "project-generating");

  const video = page.getByTestId("final-video");
  await expect(video).toBeVisible({ timeout: 200_000 });
  await expect(page.getByText(/^Final video · .* credits used$/)).toBeVisible();
  // The browser really decodes and plays it.
  const played = await video.evaluate(async (el: HTMLVideoElement) => {
    el.muted = true;
    await el.play();
    await new Promise((r) => setTimeout(r, 1200));
    return { time: el.currentTime, width: el.videoWidth, height: el.videoHeight, duration: el.duration };
  });
  expect(played.time).toBeGreaterThan(0.3);
  // The new-story form's default shape is vertical: VIDEO_WIDTH x VIDEO_HEIGHT (640x360 here) on its side.
  expect({ width: played.width, height: played.height }).toEqual({ width: 360, height: 640 });
  // Two scenes, each as long as its narration plus a breath (at least 3 s): no 10-second floor of silence.
  expect(played.duration).toBeGreaterThanOrEqual(6);
  await snap(page, "project-completed");

  const download = await page.request.get((await page.getByRole("link", { name: "Download MP4" }).getAttribute("href"))!);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toBe("video/mp4");

  await page.goto("/videos");
  await expect(page.getByRole("link", { name: /^A day in the life of a street chef/ })).toBeVisible();
  await snap(page, "videos");
  await page.goto("/projects");
  await snap(page, "projects");
  await page.goto("/dashboard");
  await snap(page, "dashboard");
});
