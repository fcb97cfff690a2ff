import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { runFfmpeg } from "../lib/media/ffmpeg";
import { colourBox } from "../lib/test/boxes";
import { expect, snap, screenshots, test } from "./fixtures";
import { AuthPages } from "./pages/studio";

/**
 * What the editor previews is what renders: in a 1080x1920 timeline, a title at the top, a line in
 * a box mid-frame and a line near the bottom are found (by colour) in a screenshot of the preview
 * and in a frame of the render, and their boxes agree within 2% of the frame.
 */
const W = 1080;
const H = 1920;
const tracks = [
  { type: "text", text: "Top title", color: "#ff00ff", fontSize: 96, position: { x: 0, y: 200 } },
  { type: "text", text: "Middle of the frame", color: "#ffff00", fontSize: 80, position: { x: 80, y: 760 }, size: { width: 920, height: 400 } },
  { type: "text", text: "Bottom line", color: "#00ffff", fontSize: 88, position: { x: 0, y: 1300 } },
];
const colours = [
  [255, 0, 255],
  [255, 255, 0],
  [0, 255, 255],
] as const;

async function boxesOf(png: Buffer) {
  const { data, info } = await sharp(png)
    .resize(W / 4, H / 4, { fit: "fill" })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return colours.map((c) => colourBox(data, info.width, info.height, c));
}

test("the editor's preview and its render put a 1080x1920 timeline's texts in the same places", async ({ page, request }) => {
  test.setTimeout(180_000);
  await new AuthPages(page).signUp("Layout User", `layout-${randomUUID().slice(0, 8)}@example.test`, "a-long-password");
  await page.goto("/editor");
  await page.getByRole("button", { name: "Import" }).click();
  const dialog = page.getByRole("dialog");
  const job = {
    videoCreative: {
      settings: { name: "Layout", videoSize: { width: W, height: H }, backgroundColor: "#000000" },
      scenes: [{ name: "Layout", duration: 1000, tracks }],
    },
  };
  await dialog.getByLabel("Job JSON").fill(JSON.stringify(job));
  await dialog.getByRole("button", { name: "Load into editor" }).click();
  await expect(page.getByText("Imported 1 scene")).toBeVisible();

  const preview = page.getByRole("img", { name: "Preview of Layout, first frame" });
  await expect(preview.getByTestId("preview-text-line")).toHaveCount(3);
  await page.evaluate(() => document.fonts.ready);
  await screenshots(page, "editor-layout", ["phone", "tablet", "desktop", "wide"]);
  await page.setViewportSize({ width: 1440, height: 900 });
  const previewShot = await preview.screenshot();
  const seenInPreview = await boxesOf(previewShot);

  await page.getByRole("button", { name: "Render video" }).click();
  const video = page.getByLabel("Rendered video");
  await expect(video).toBeVisible({ timeout: 120_000 });
  const src = (await video.getAttribute("src"))!;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "editor-layout-"));
  try {
    await fs.writeFile(path.join(dir, "out.mp4"), await (await request.get(src)).body());
    await runFfmpeg(["-y", "-ss", "0.5", "-i", path.join(dir, "out.mp4"), "-frames:v", "1", path.join(dir, "frame.png")]);
    const rendered = await fs.readFile(path.join(dir, "frame.png"));
    // Kept beside the test's results, to look at.
    await fs.writeFile(test.info().outputPath("preview.png"), previewShot);
    await fs.writeFile(test.info().outputPath("render.png"), rendered);
    const seenInRender = await boxesOf(rendered);
    const tolerance = { x: (W / 4) * 0.02, y: (H / 4) * 0.02 };
    for (const [i, track] of tracks.entries()) {
      const p = seenInPreview[i]!;
      const r = seenInRender[i]!;
      expect(p, `${track.text} in the preview`).not.toBeNull();
      expect(r, `${track.text} in the render`).not.toBeNull();
      expect(Math.abs(p.y - r.y), `${track.text}: top`).toBeLessThanOrEqual(tolerance.y);
      expect(Math.abs(p.y + p.height - (r.y + r.height)), `${track.text}: bottom`).toBeLessThanOrEqual(tolerance.y);
      expect(Math.abs(p.x + p.width / 2 - (r.x + r.width / 2)), `${track.text}: centre`).toBeLessThanOrEqual(tolerance.x);
      expect(Math.abs(p.width - r.width), `${track.text}: width`).toBeLessThanOrEqual(tolerance.x * 2);
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});

test("layers move and resize on the canvas, and the numbers follow the pointer", async ({ page }) => {
  await new AuthPages(page).signUp("Drag User", `drag-${randomUUID().slice(0, 8)}@example.test`, "a-long-password");
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/editor");
  await page.getByRole("button", { name: "Import" }).click();
  const dialog = page.getByRole("dialog");
  const picture = { type: "image", imageUrl: "https://example.com/logo.png", position: { x: 100, y: 100 }, size: { width: 400, height: 300 } };
  const job = {
    videoCreative: { settings: { name: "Drag", videoSize: { width: W, height: H } }, scenes: [{ name: "Drag", duration: 1000, tracks: [picture, tracks[2]] }] },
  };
  await dialog.getByLabel("Job JSON").fill(JSON.stringify(job));
  await dialog.getByRole("button", { name: "Load into editor" }).click();
  await expect(page.getByText("Imported 1 scene")).toBeVisible();
  const preview = page.getByRole("img", { name: "Preview of Drag, first frame" });
  const frame = (await preview.boundingBox())!;
  const perPx = W / frame.width;

  // Drag the bottom line up by 60 screen pixels: its Y follows, in frame pixels.
  const text = page.getByTestId(/^handle-/).nth(1);
  const t = (await text.boundingBox())!;
  await page.mouse.move(t.x + t.width / 2, t.y + t.height / 2);
  await page.mouse.down();
  await page.mouse.move(t.x + t.width / 2, t.y + t.height / 2 - 30, { steps: 3 });
  await page.mouse.move(t.x + t.width / 2, t.y + t.height / 2 - 60, { steps: 3 });
  await page.mouse.up();
  const y = Number(await page.getByLabel("Y (px)").inputValue());
  expect(Math.abs(y - (1300 - 60 * perPx))).toBeLessThanOrEqual(2 * perPx);

  // Select the picture and pull its corner: its size follows.
  const pic = page.getByTestId(/^handle-/).first();
  const p = (await pic.boundingBox())!;
  await page.mouse.click(p.x + 10, p.y + 10);
  const corner = (await page.getByTestId("resize-handle").boundingBox())!;
  const grip = { x: corner.x + corner.width / 2, y: corner.y + corner.height / 2 };
  await page.mouse.move(grip.x, grip.y);
  await page.mouse.down();
  await page.mouse.move(grip.x + 40, grip.y + 20, { steps: 4 });
  await page.mouse.up();
  const width = Number(await page.getByLabel("Width (px)").inputValue());
  const height = Number(await page.getByLabel("Height (px)").inputValue());
  expect(Math.abs(width - (400 + 40 * perPx))).toBeLessThanOrEqual(3 * perPx);
  expect(Math.abs(height - (300 + 20 * perPx))).toBeLessThanOrEqual(3 * perPx);
  expect(await page.getByLabel("X (px)").inputValue()).toBe("100");
});

test("own media: an image uploaded to the library is chosen for a track, previewed, and rendered from storage", async ({ page }) => {
  test.setTimeout(180_000);
  await new AuthPages(page).signUp("Media User", `media-${randomUUID().slice(0, 8)}@example.test`, "a-long-password");
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/editor");
  await page.getByRole("button", { name: "Import" }).click();
  const dialog = page.getByRole("dialog");
  const job = {
    videoCreative: {
      settings: { name: "Own media", videoSize: { width: 640, height: 360 }, backgroundColor: "#000000" },
      scenes: [{ name: "Own", duration: 1000, tracks: [] }],
    },
  };
  await dialog.getByLabel("Job JSON").fill(JSON.stringify(job));
  await dialog.getByRole("button", { name: "Load into editor" }).click();
  await expect(page.getByText("Imported 1 scene")).toBeVisible();

  await page.getByRole("button", { name: "Add track" }).click();
  await page.getByRole("menuitem", { name: "Image" }).click();
  await page.getByRole("button", { name: "Library" }).click();
  const library = page.getByRole("dialog", { name: "Your images" });
  await expect(library.getByText("No images yet: upload one above.")).toBeVisible();
  const png = await sharp({ create: { width: 320, height: 180, channels: 3, background: "#ff0000" } })
    .png()
    .toBuffer();
  await library.getByLabel("Upload an image").setInputFiles({ name: "red.png", mimeType: "image/png", buffer: png });
  await expect(library).toBeHidden();
  await expect(page.getByText("From your library: red.png")).toBeVisible();
  const value = await page.getByLabel("Image", { exact: true }).inputValue();
  expect(value).toMatch(/^media:[0-9a-f-]{36}$/);
  const previewed = page.getByRole("img", { name: "Preview of Own, first frame" }).getByTestId("preview-image");
  await expect(previewed).toHaveJSProperty("complete", true);
  expect(await previewed.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320);

  await page.getByRole("button", { name: "Library" }).click();
  await expect(library.getByRole("button", { name: /red\.png/ })).toBeVisible();
  await screenshots(page, "editor-library");
  await page.keyboard.press("Escape");

  await page.getByRole("button", { name: "Export to API" }).click();
  const body = JSON.parse((await page.getByLabel("JSON body").textContent()) ?? "{}");
  expect(body.videoCreative.scenes[0].tracks[0]).toMatchObject({ type: "image", imageUrl: value });
  await page.keyboard.press("Escape");

  await page.getByRole("button", { name: "Render video" }).click();
  await expect(page.getByLabel("Rendered video")).toBeVisible({ timeout: 120_000 });
});

test("work is kept: autosaved, reopened after a reload, undone and redone, listed, duplicated, renamed and deleted", async ({ page }) => {
  test.setTimeout(120_000);
  await new AuthPages(page).signUp("Saver", `saver-${randomUUID().slice(0, 8)}@example.test`, "a-long-password");
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/editor");
  await expect(page.getByTestId("save-status")).toHaveText("Changes are saved as you work");
  await expect(page).toHaveURL(/\/editor$/);

  // The first change saves the timeline and names it in the address.
  await page.getByRole("tab", { name: "Settings" }).click();
  await page.getByLabel("Video name").fill("Lisbon teaser");
  await expect(page.getByTestId("save-status")).toHaveText("All changes saved");
  await expect(page).toHaveURL(/\/editor\?timeline=[0-9a-f-]{36}$/);
  await page.getByLabel("Scene name").fill("Opening");
  await expect(page.getByTestId("save-status")).toHaveText("All changes saved");

  await page.reload();
  await expect(page.getByLabel("Scene name")).toHaveValue("Opening");
  await page.getByRole("tab", { name: "Settings" }).click();
  await expect(page.getByLabel("Video name")).toHaveValue("Lisbon teaser");

  // Undo and redo, from the buttons and the keyboard (outside a field).
  await page.getByLabel("Scene name").fill("Opening shot");
  await page.getByRole("heading", { name: "Video editor" }).click();
  await page.keyboard.press("Control+z");
  await expect(page.getByLabel("Scene name")).toHaveValue("Opening");
  await page.getByRole("button", { name: "Redo" }).click();
  await expect(page.getByLabel("Scene name")).toHaveValue("Opening shot");
  await expect(page.getByTestId("save-status")).toHaveText("All changes saved");

  // The list: duplicate, rename, delete.
  await page.getByRole("button", { name: "Timelines" }).click();
  const dialog = page.getByRole("dialog", { name: "Your timelines" });
  await expect(dialog.getByRole("link", { name: "Lisbon teaser" })).toBeVisible();
  await dialog.getByRole("button", { name: "Duplicate Lisbon teaser" }).click();
  await expect(dialog.getByRole("link", { name: "Lisbon teaser (copy)" })).toBeVisible();
  await dialog.getByRole("button", { name: "Rename Lisbon teaser (copy)" }).click();
  await dialog.getByLabel("New name").fill("Porto teaser");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByRole("link", { name: "Porto teaser" })).toBeVisible();
  await screenshots(page, "editor-timelines");
  await dialog.getByRole("button", { name: "Delete Porto teaser" }).click();
  await dialog.getByRole("button", { name: "Delete “Porto teaser” for good" }).click();
  await expect(dialog.getByRole("link", { name: "Porto teaser" })).toHaveCount(0);
  await expect(dialog.getByRole("link", { name: "Lisbon teaser" })).toBeVisible();
});

test("a render refusal names the scene, track and field as the editor shows them, and sits beside that field", async ({ page }) => {
  await new AuthPages(page).signUp("Refused", `refused-${randomUUID().slice(0, 8)}@example.test`, "a-long-password");
  await page.goto("/editor");
  await page.getByRole("button", { name: "Import" }).click();
  const dialog = page.getByRole("dialog");
  const job = {
    videoCreative: {
      settings: { name: "Refused", videoSize: { width: 640, height: 360 } },
      scenes: [
        { name: "Intro", duration: 1000, tracks: [{ type: "text", text: "Fine" }] },
        { name: "Outro", duration: 1000, tracks: [{ type: "image", imageUrl: "http://127.0.0.1/private.png" }] },
      ],
    },
  };
  await dialog.getByLabel("Job JSON").fill(JSON.stringify(job));
  await dialog.getByRole("button", { name: "Load into editor" }).click();
  await page.getByRole("button", { name: "Render video" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "The video cannot be rendered yet" });
  await expect(alert).toContainText(/^The video cannot be rendered yetScene 2 \(Outro\), Image track 1, the image: /);
  await expect(alert).not.toContainText("videoCreative.");

  // The editor opened the scene and track it names; the field carries the message.
  const image = page.getByLabel("Image", { exact: true });
  await expect(image).toHaveValue("http://127.0.0.1/private.png");
  await expect(image).toHaveAttribute("aria-invalid", "true");
  await expect(image).toHaveAccessibleDescription(/\S/);
  const said = (await image.evaluate((el) => document.getElementById(el.getAttribute("aria-describedby") ?? "")?.textContent)) ?? "";
  expect(said).not.toMatch(/videoCreative|scenes\[/);
  await snap(page, "editor-field-error");

  // Another scene's fields carry nothing; back on scene 2 the message is there again.
  await page.getByRole("button", { name: "Select scene 1: Intro" }).click();
  await expect(page.locator("[aria-invalid=true]")).toHaveCount(0);
  await alert.getByRole("button", { name: "Go to scene 2, track 1" }).click();
  await expect(image).toHaveAttribute("aria-invalid", "true");
});

test("the editor works from the keyboard: scenes are chosen, moved and deleted with keys, undone, and the keys are listed under ?", async ({ page }) => {
  await new AuthPages(page).signUp("Keys", `keys-${randomUUID().slice(0, 8)}@example.test`, "a-long-password");
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/editor");
  await page.getByLabel("Scene name").fill("First");
  await page.getByRole("button", { name: "Add scene" }).click();
  await page.getByLabel("Scene name").fill("Second");

  const list = page.getByRole("region", { name: /Scenes/ });
  const sceneButtons = list.getByRole("button", { name: /^Select scene/ });
  await expect(sceneButtons).toHaveText([/First/, /Second/]);

  // Arrows move between scenes: the one focused is the one edited.
  await sceneButtons.nth(1).focus();
  await page.keyboard.press("ArrowUp");
  await expect(sceneButtons.nth(0)).toBeFocused();
  await expect(sceneButtons.nth(0)).toHaveAttribute("aria-current", "true");
  await expect(page.getByLabel("Scene name")).toHaveValue("First");

  // Alt+Down moves the focused scene later; focus follows it.
  await page.keyboard.press("Alt+ArrowDown");
  await expect(sceneButtons).toHaveText([/Second/, /First/]);
  await expect(sceneButtons.nth(1)).toBeFocused();

  // Delete removes it; Ctrl+Z brings it back where it was.
  await page.keyboard.press("Delete");
  await expect(sceneButtons).toHaveText([/Second/]);
  await expect(page.getByText("Scene 2 deleted")).toBeVisible();
  await page.getByRole("heading", { name: "Video editor" }).click();
  await page.keyboard.press("Control+z");
  await expect(sceneButtons).toHaveText([/Second/, /First/]);
  // Undone from the keyboard, the deletion's own "Undo" toast has nothing left to do and goes.
  await expect(page.getByText("Scene 2 deleted")).toBeHidden();

  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toContainText("Move the scene earlier or later");
  await screenshots(page, "editor-shortcuts");
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();
});
