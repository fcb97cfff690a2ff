import { AuthPages, ProjectPages } from "./pages/studio";
import { createApiUser, expect, photoPng, screenshots, test } from "./fixtures";

test("a project is renamed in place, given and relieved of scenes with the price following, duplicated and deleted", async ({ page, request }) => {
  const user = await createApiUser(request);
  const person = await request.post("/api/v1/persons", {
    headers: user.headers,
    data: { name: "Ana Sousa", description: "Tile painter in Lisbon", photo_base64: (await photoPng(200, 200)).toString("base64") },
  });
  expect(person.status(), await person.text()).toBe(201);
  const created = await request.post("/api/v1/stories/create", {
    headers: user.headers,
    data: { person_id: (await person.json()).id, story_idea: "A tile painter's journey from a tiny studio to restoring a Lisbon palace", num_scenes: 3 },
  });
  expect(created.status(), await created.text()).toBeLessThan(300);
  const projectId: number = (await created.json()).id;

  await new AuthPages(page).signIn(user.email, user.password);
  await page.goto(`/projects/${projectId}`);
  const projects = new ProjectPages(page);
  await expect(projects.sceneCards()).toHaveCount(3);

  // Rename: keyboard only. An empty title is refused with the field named; Esc leaves it as it was.
  await page.getByRole("button", { name: "Rename project" }).click();
  const title = page.getByLabel("Project title");
  await expect(title).toBeFocused();
  await title.fill("   ");
  await title.press("Enter");
  await expect(page.locator("#project-title-error")).toHaveText("The title cannot be empty");
  await title.press("Escape");
  await expect(page.getByRole("button", { name: "Rename project" })).toBeFocused();
  await page.keyboard.press("Enter");
  await page.getByLabel("Project title").fill("Azulejos: a palace, one tile at a time");
  await page.getByLabel("Project title").press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Azulejos: a palace, one tile at a time" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Azulejos: a palace, one tile at a time" })).toBeVisible();

  // Add a scene after scene 1: the planner writes it, the scenes after it move down, the price goes up.
  const estimate = page.getByTestId("project-estimate");
  const credits = async () => Number(/(\d+) credits/.exec((await estimate.textContent()) ?? "")![1]);
  const before = await credits();
  const oldSecond = await projects.scene(2).getByTestId("scene-narration").textContent();
  await page.getByRole("button", { name: "Add scene after scene 1" }).click();
  await expect(page.getByText(/Scene 2 added/)).toBeVisible();
  await expect(projects.sceneCards()).toHaveCount(4);
  await expect(estimate).toContainText("4 scenes");
  await expect(projects.scene(3).getByTestId("scene-narration")).toHaveText(oldSecond!);
  const added = await projects.scene(2).getByTestId("scene-narration").textContent();
  expect(added).not.toBe(oldSecond);
  expect(await credits()).toBeGreaterThan(before);
  await screenshots(page, "project-scene-added");

  // Remove it again, undo, then remove it for good.
  await page.getByRole("button", { name: "Remove scene 2" }).click();
  await expect(projects.sceneCards()).toHaveCount(3);
  await expect(estimate).toContainText("3 scenes");
  expect(await credits()).toBe(before);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByText("Scene 2 is back")).toBeVisible();
  await expect(projects.sceneCards()).toHaveCount(4);
  await expect(projects.scene(2).getByTestId("scene-narration")).toHaveText(added!);
  await page.getByRole("button", { name: "Remove scene 2" }).click();
  await expect(projects.sceneCards()).toHaveCount(3);

  // Duplicate: a draft copy with the same scenes opens.
  const narrations = await page.getByTestId("scene-narration").allTextContents();
  await page.getByRole("button", { name: "Duplicate" }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/(?!${projectId}$)\\d+$`));
  const copyId = Number(page.url().split("/").pop());
  await expect(page.getByRole("heading", { level: 1, name: "Azulejos: a palace, one tile at a time (copy)" })).toBeVisible();
  await expect(page.getByText("draft", { exact: true })).toBeVisible();
  await expect(page.getByTestId("scene-narration")).toHaveText(narrations);
  await expect(page.getByRole("button", { name: "Approve & generate" })).toBeVisible();

  // Delete the copy: the dialog names what goes; the list no longer has it, the API answers 404.
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("Delete “Azulejos: a palace, one tile at a time (copy)”?");
  await expect(dialog).toContainText("the project and 3 scenes");
  await screenshots(page, "project-delete-dialog");
  await dialog.getByRole("button", { name: "Delete project" }).click();
  await expect(page).toHaveURL(/\/projects$/);
  await expect(page.getByText("Azulejos: a palace, one tile at a time (copy)")).toHaveCount(0);
  await expect(page.getByText("Azulejos: a palace, one tile at a time", { exact: true })).toBeVisible();
  expect((await request.get(`/api/v1/scene-projects/${copyId}`, { headers: user.headers })).status()).toBe(404);
  expect((await request.get(`/api/v1/scene-projects/${projectId}`, { headers: user.headers })).status()).toBe(200);
});
