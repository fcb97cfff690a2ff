import fs from "node:fs/promises";
import { createApiUser, expect, photoPng, screenshots, test } from "./fixtures";
import { AuthPages, ProjectPages } from "./pages/studio";

const API = "/api/v1";

test("the storyboard by keyboard, then a finished story's captions read, reworded (free, one scene re-burned) and downloaded", async ({ page, request }) => {
  test.setTimeout(300_000);
  const user = await createApiUser(request);
  const person = await request.post(`${API}/persons`, {
    headers: user.headers,
    data: { name: "Mara Quinn", description: "Lighthouse keeper", photo_base64: (await photoPng()).toString("base64") },
  });
  expect(person.status(), await person.text()).toBe(201);
  const story = await request.post(`${API}/stories/create`, {
    headers: user.headers,
    data: { person_id: (await person.json()).id, story_idea: "A lighthouse keeper's last night before the lamp is automated", num_scenes: 3 },
  });
  expect(story.status(), await story.text()).toBe(201);
  const projectId: number = (await story.json()).id;

  await new AuthPages(page).signIn(user.email, user.password);
  await page.goto(`/projects/${projectId}`);
  const projects = new ProjectPages(page);
  await expect(projects.sceneCards()).toHaveCount(3);

  // Arrow to scene 2, edit it with `e`, save with Ctrl+Enter: focus comes back to its card.
  await projects.scene(1).focus();
  await page.keyboard.press("ArrowRight");
  await expect(projects.scene(2)).toBeFocused();
  await page.keyboard.press("e");
  const description = projects.scene(2).getByLabel("Description");
  await expect(description).toBeFocused();
  await description.fill("The keeper climbs the stairs one last time, lamp in hand");
  // Keys typed in a field stay in the field.
  await description.press("a");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await description.press("Backspace");
  await page.keyboard.press("Control+Enter");
  await expect(page.getByText("Scene 2 saved")).toBeVisible();
  await expect(projects.scene(2)).toBeFocused();
  await expect(projects.scene(2)).toContainText("The keeper climbs the stairs one last time");
  // Alt+Down moves it after scene 3; it keeps the focus.
  await page.keyboard.press("Alt+ArrowDown");
  await expect(projects.scene(3)).toContainText("The keeper climbs the stairs one last time");
  await expect(projects.scene(3)).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(projects.scene(2)).toBeFocused();

  // `?` lists the page's shortcuts; `a` opens the approve dialog.
  await page.keyboard.press("?");
  const shortcuts = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(shortcuts).toBeVisible();
  await expect(shortcuts).toContainText("Move between scenes");
  await expect(shortcuts).toContainText("Open the approve dialog");
  await screenshots(page, "project-shortcuts");
  await page.keyboard.press("Escape");
  await expect(shortcuts).toHaveCount(0);
  await page.keyboard.press("a");
  await expect(page.getByRole("dialog", { name: "Approve and generate" })).toBeVisible();
  await page.keyboard.press("Escape");

  const approved = await request.post(`${API}/scene-projects/${projectId}/approve`, { headers: user.headers, data: { confirm_credits: true } });
  expect(approved.status(), await approved.text()).toBe(202);
  // Approved behind the page's back (the API): a proposal's page does not poll, so it is opened again to follow the run.
  await page.reload();
  await expect(page.getByTestId("final-video")).toBeVisible({ timeout: 180_000 });
  const balance = async () => (await (await request.get(`${API}/auth/me`, { headers: user.headers })).json()).credits as number;
  const creditsBefore = await balance();
  const usedBefore = await page.getByTestId("project-estimate").textContent();

  // The captions, each with its time.
  const panel = page.getByTestId("captions-panel");
  const cues = panel.getByTestId("caption-cue");
  await expect(cues.first()).toContainText(/^\d\d:\d\d\.\d–\d\d:\d\d\.\d/);
  const count = await cues.count();
  expect(count).toBeGreaterThanOrEqual(3);
  await screenshots(page, "project-captions");

  // Reword the last cue (scene 3's): an empty one is refused, naming the cue; Esc leaves it as it was.
  const last = cues.nth(count - 1);
  const original = (await last.getByRole("button").textContent())!.trim();
  await last.getByRole("button").click();
  const input = page.getByLabel(`Cue ${count}`, { exact: true });
  await expect(input).toBeFocused();
  await input.fill("   ");
  await input.press("Enter");
  await expect(last.getByRole("alert")).toHaveText(`Cue ${count} cannot be empty`);
  await input.press("Escape");
  await expect(last.getByRole("button")).toHaveText(original);
  await last.getByRole("button").click();
  await page.getByLabel(`Cue ${count}`, { exact: true }).fill("The lamp keeps its own watch now.");
  await page.getByLabel(`Cue ${count}`, { exact: true }).press("Enter");
  await expect(page.getByText("Re-burning captions: scene 3")).toBeVisible();
  await expect(page.getByTestId("final-video")).toBeVisible({ timeout: 120_000 });
  await expect(last).toContainText("The lamp keeps its own watch now.");
  await page.reload();
  await expect(cues.nth(count - 1)).toContainText("The lamp keeps its own watch now.");

  // Free: the credits are as they were.
  expect(await balance()).toBe(creditsBefore);
  await expect(page.getByTestId("project-estimate")).toHaveText(usedBefore!);

  // The SRT has the new wording, numbered, with SubRip times.
  const [download] = await Promise.all([page.waitForEvent("download"), panel.getByRole("link", { name: "Download SRT" }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.srt$/);
  const srt = await fs.readFile(await download.path(), "utf8");
  expect(srt).toMatch(/^1\n\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}\n/);
  expect(srt).toContain(`${count}\n`);
  expect(srt).toContain("The lamp keeps its own watch now.");
  expect(srt).not.toContain(original);
});
