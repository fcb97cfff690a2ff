import { createApiUser, expect, photoPng, snap, test } from "./fixtures";
import { AuthPages, ProjectPages } from "./pages/studio";

test("the storyboard previews each frame before approval and repaints it when the prompt changes", async ({ page, request }) => {
  const user = await createApiUser(request);
  const person = await (
    await request.post("/api/v1/persons", {
      headers: user.headers,
      data: { name: "Noor", description: "Night-market cook", photo_base64: (await photoPng()).toString("base64") },
    })
  ).json();
  const project = await (
    await request.post("/api/v1/stories/create", {
      headers: user.headers,
      data: { person_id: person.id, story_idea: "A night-market cook's busiest Saturday, from the first lantern to the last bowl", num_scenes: 3 },
    })
  ).json();

  await new AuthPages(page).signIn(user.email, user.password);
  await page.goto(`/projects/${project.id}`);
  const pages = new ProjectPages(page);
  const preview = pages.scene(1).getByRole("img", { name: "Scene 1 frame preview" });
  await expect(preview).toBeVisible();
  await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(480);
  const before = await preview.getAttribute("src");
  await snap(page, "project-proposed-previews");

  await page.getByRole("button", { name: "Edit scene 1" }).click();
  await pages.scene(1).getByLabel("Image prompt").fill("A rainy harbour at dawn, fishing boats, soft grey light");
  await pages.scene(1).getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Scene 1 saved")).toBeVisible();
  await expect(preview).not.toHaveAttribute("src", before!);
  await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(480);

  // Previews are the owner's only.
  const url = (await preview.getAttribute("src"))!;
  expect((await page.request.get(url)).headers()["content-type"]).toBe("image/png");
  const other = await createApiUser(request);
  expect((await request.get(url, { headers: other.headers })).status()).toBe(404);
  expect((await request.get(url)).status()).toBe(401);
});
