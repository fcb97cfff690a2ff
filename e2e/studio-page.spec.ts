import { randomUUID } from "node:crypto";
import { expect, photoPng, screenshots, test } from "./fixtures";
import type { Page } from "@playwright/test";
import { AuthPages, CharacterPages } from "./pages/studio";

/** Full-page screenshots from the top, so the sticky header and preview sit where a creator sees them. */
async function shoot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshots(page, name);
}

test("the Studio page builds a two-scene 9:16 video, places the avatar by dragging, prices it and renders it", async ({ page }) => {
  await new AuthPages(page).signUp("Studio User", `studio-${randomUUID().slice(0, 8)}@example.test`, "a-long-password");

  // Without a character the page says how to get one.
  await page.goto("/studio");
  await expect(page.getByRole("heading", { level: 1, name: "Studio" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Create a character" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Render video/ })).toBeDisabled();
  await expect(page.getByText("Scene 1: write what the character says, choose a background, choose a character")).toBeVisible();
  await shoot(page, "studio-page-empty");

  await new CharacterPages(page).create({
    name: "Nova",
    description: "A cheerful host",
    persona: "Upbeat and brief",
    photo: { name: "nova.png", mimeType: "image/png", buffer: await photoPng() },
  });
  await page.getByRole("navigation", { name: "Studio" }).getByRole("link", { name: "Studio" }).click();
  await expect(page).toHaveURL(/\/studio$/);

  // 9:16, scene 1: a line, a built-in background, the character (the only one, chosen already).
  await page.getByRole("radio", { name: /^9:16/ }).click();
  await expect(page.getByRole("radio", { name: /^9:16/ })).toBeChecked();
  await page.getByLabel("Text", { exact: true }).fill("Welcome to the studio. Here is what we made today.");
  const backgrounds = page.getByRole("radiogroup", { name: "Built-in backgrounds" }).getByRole("radio");
  await expect(backgrounds.first()).toBeVisible();
  await backgrounds.first().click();
  await expect(backgrounds.first()).toBeChecked();
  await expect(page.getByRole("radio", { name: "Nova" })).toBeChecked();

  // The preview shows the renderer's own picture of the character, shaped like its box.
  const still = page.getByTestId("studio-avatar-still");
  await expect.poll(() => still.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  const [sw, sh] = await still.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]);
  expect(Math.abs(sw / sh - 9 / 16)).toBeLessThan(0.02);

  // Drag the avatar: x and y follow the pointer.
  const x = page.getByLabel("X (%)");
  const y = page.getByLabel("Y (%)");
  const [x0, y0] = [Number(await x.inputValue()), Number(await y.inputValue())];
  const avatar = page.getByTestId("studio-avatar");
  const box = (await avatar.boundingBox())!;
  const frame = (await page.getByTestId("studio-canvas").boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - frame.width * 0.2, box.y + box.height / 2 - frame.height * 0.1, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => Number(await x.inputValue())).toBeLessThan(x0 - 15);
  await expect.poll(async () => Number(await y.inputValue())).toBeLessThan(y0 - 5);
  // The keyboard nudges it too.
  const dragged = Number(await x.inputValue());
  await avatar.focus();
  await page.keyboard.press("ArrowRight");
  await expect(x).toHaveValue(String(dragged + 1));
  await page.getByRole("slider", { name: "Scale" }).fill("0.8");

  // A sixth scene cannot be added, and the page says why.
  const add = page.getByRole("button", { name: "Add scene" });
  for (let i = 0; i < 4; i++) await add.click();
  await expect(add).toBeDisabled();
  await expect(page.getByText("A video holds at most 5 scenes")).toBeVisible();
  for (const n of [5, 4, 3]) await page.getByRole("button", { name: `Remove scene ${n}` }).click();
  await expect(page.getByRole("list", { name: "Scenes" }).getByRole("listitem")).toHaveCount(2);

  // Scene 2 kept the background, character and placement; it needs its own line.
  await page.getByRole("button", { name: /^Scene 2/ }).click();
  await expect(page.getByRole("heading", { name: "Scene 2", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Render video/ })).toBeDisabled();
  await expect(page.getByText("Scene 2: write what the character says")).toBeVisible();
  await page.getByLabel("Text", { exact: true }).fill("Thanks for watching!");
  await expect(page.getByLabel("X (%)")).toHaveValue(String(dragged + 1));

  // Scene 2's background is painted from a prompt into the media library.
  const canvasBackground = page.getByTestId("studio-canvas").locator("img").first();
  const builtin = await canvasBackground.getAttribute("src");
  await page.getByRole("tab", { name: "Generate" }).click();
  await page.getByLabel("Describe the background").fill("a cosy studio at sunset");
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  await expect(canvasBackground).not.toHaveAttribute("src", builtin!, { timeout: 30_000 });

  // 2 scenes × 0.3 + captions 2 × 0.1.
  await expect(page.getByTestId("studio-cost")).toHaveText("0.8 credits");
  await expect(page.getByTestId("studio-balance")).toHaveText("1,000 credits");
  await shoot(page, "studio-page");

  await page.getByRole("button", { name: /^Render video/ }).click();
  const progress = page.getByRole("region", { name: "Render progress" });
  await expect(progress).toBeVisible();
  await expect(progress.getByRole("progressbar")).toBeVisible();
  const video = page.getByLabel("Rendered video");
  await expect(video).toBeVisible({ timeout: 180_000 });
  const played = await video.evaluate(async (el: HTMLVideoElement) => {
    if (el.readyState < 1) await new Promise((r) => el.addEventListener("loadedmetadata", r, { once: true }));
    el.muted = true;
    const ticking = new Promise((r) => el.addEventListener("timeupdate", r, { once: true }));
    await el.play();
    await ticking;
    return { readyState: el.readyState, duration: el.duration, time: el.currentTime };
  });
  expect(played.readyState).toBeGreaterThan(0);
  expect(played.duration).toBeGreaterThan(0);
  expect(played.time).toBeGreaterThan(0);
  await expect(page.getByTestId("credit-balance")).toContainText("999.2");
  await expect(page.getByRole("link", { name: "See it in Videos" })).toBeVisible();
  await shoot(page, "studio-page-rendered");

  // Square and brainrot: the built-in background follows the ratio, the preview splits the frame.
  await page.getByRole("button", { name: /^Scene 1/ }).click();
  await page.getByRole("radio", { name: /^1:1/ }).click();
  await page.getByRole("switch", { name: "Brainrot style" }).click();
  await expect(page.getByRole("radiogroup", { name: "Built-in backgrounds" }).getByRole("radio").first()).toBeChecked();
  await expect(page.getByRole("radiogroup", { name: "Built-in backgrounds" }).getByRole("radio", { checked: true })).toHaveAccessibleName(/square/);
  await expect(page.getByTestId("studio-canvas")).toContainText("Clip:");
  await shoot(page, "studio-page-brainrot");

  await page.getByRole("link", { name: "See it in Videos" }).click();
  await expect(page).toHaveURL(/\/videos#video-/);
});
