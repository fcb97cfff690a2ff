import { randomUUID } from "node:crypto";
import { expect, snap, test } from "./fixtures";
import { AuthPages } from "./pages/studio";

test("the video editor renders a timeline, exports its API body and saves a template", async ({ page }) => {
  await new AuthPages(page).signUp("Editor User", `editor-${randomUUID().slice(0, 8)}@example.test`, "a-long-password");
  await page.goto("/editor");
  await expect(page.getByRole("button", { name: "Render video" })).toBeVisible();
  await snap(page, "editor");

  // Shorten the default scene so the render is quick, whatever the default tracks are.
  await page.getByLabel("Scene length").selectOption("fixed");
  await page.getByLabel("Scene duration (ms)").fill("2000");

  await page.getByRole("button", { name: "Export to API" }).click();
  const body = JSON.parse((await page.getByLabel("JSON body").textContent()) ?? "{}");
  expect(body.videoCreative.scenes).toHaveLength(1);
  expect(body.videoCreative.scenes[0].duration).toBe(2000);
  await page.keyboard.press("Escape");

  await page.getByRole("button", { name: "Render video" }).click();
  const video = page.getByLabel("Rendered video");
  await expect(video).toBeVisible({ timeout: 120_000 });
  const duration = await video.evaluate(async (el: HTMLVideoElement) => {
    if (Number.isNaN(el.duration) || !el.duration) await new Promise((r) => el.addEventListener("loadedmetadata", r, { once: true }));
    return el.duration;
  });
  expect(Math.abs(duration - 2)).toBeLessThan(0.2);
  await snap(page, "editor-rendered");

  await page.getByRole("button", { name: "Save as template" }).click();
  await expect(page.getByTestId("template-id")).toHaveText(/^[0-9a-f-]{36}$/);

  // The gallery shows it with its first frame and its variables; "Use" opens it in the editor.
  const templateName = "Untitled video";
  await page.goto("/templates");
  const card = page.getByRole("listitem").filter({ hasText: templateName }).first();
  await expect(card.getByTestId("template-variables")).toContainText("{name}");
  await snap(page, "templates");

  // Fill from a CSV: a misspelt column is named in the preview; one video per valid row, priced first.
  await card.getByRole("button", { name: "Fill from CSV" }).click();
  const fill = page.getByRole("dialog");
  await fill.getByRole("textbox", { name: "CSV" }).fill("nmae\nAna\n");
  await expect(fill.getByRole("alert")).toContainText("column nmae: not a variable of this template");
  await expect(fill.getByRole("button", { name: "Render videos" })).toBeDisabled();
  await fill.getByRole("textbox", { name: "CSV" }).fill("name\nAna\nBo\n");
  await expect(fill.getByTestId("fill-status")).toHaveText(/^2 videos · \d+ credits \(balance \d+\)$/);
  await snap(page, "templates-fill");
  await fill.getByRole("button", { name: "Render 2 videos" }).click();
  await expect(page).toHaveURL(/\/videos$/);
  for (const who of ["Ana", "Bo"]) await expect(page.getByText(`${templateName} · ${who}`).first()).toBeVisible();

  await page.goto("/templates");
  await card.getByRole("link", { name: `Use ${templateName}` }).click();
  await expect(page).toHaveURL(/\/editor\?template=[0-9a-f-]{36}$/);
  await page.getByRole("tab", { name: "Variables" }).click();
  await expect(page.getByLabel("{name}", { exact: true })).toBeVisible();
  await page.goto("/editor");

  // Import: broken JSON is refused with a message; a job body with two scenes replaces the editor's.
  await page.getByRole("button", { name: "Import" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Job JSON").fill("{ not json");
  await dialog.getByRole("button", { name: "Load into editor" }).click();
  await expect(dialog.getByRole("alert")).toBeVisible();
  const imported = {
    videoCreative: {
      settings: { name: "Imported", videoSize: { width: 1080, height: 1080 } },
      scenes: [
        { name: "Intro", duration: 1500, tracks: [{ type: "text", text: "One" }] },
        { name: "Outro", duration: 1500, tracks: [{ type: "text", text: "Two" }] },
      ],
    },
  };
  await dialog.getByLabel("Job JSON").fill(JSON.stringify(imported));
  await dialog.getByRole("button", { name: "Load into editor" }).click();
  await expect(page.getByText("Imported 2 scenes")).toBeVisible();
  await page.getByRole("button", { name: "Export to API" }).click();
  const round = JSON.parse((await page.getByLabel("JSON body").textContent()) ?? "{}");
  expect(round.videoCreative.scenes.map((s: { name: string }) => s.name)).toEqual(["Intro", "Outro"]);
  expect(round.videoCreative.settings.videoSize).toEqual({ width: 1080, height: 1080 });
});
