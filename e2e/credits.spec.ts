import { AuthPages } from "./pages/studio";
import { createApiUser, expect, photoPng, screenshots, test } from "./fixtures";

test("the owner adds credits in Settings, the balance follows everywhere, and the approve dialog shows the providers' cost", async ({ page, request }) => {
  const user = await createApiUser(request);
  await new AuthPages(page).signIn(user.email, user.password);
  await page.goto("/settings");
  const card = page.getByRole("region", { name: "Credits" });
  await expect(card.getByTestId("settings-credit-balance")).toHaveText("1,000");
  await expect(card.getByRole("list", { name: "Recent credit movements" })).toContainText("Starting credits");

  // Out of range: the field says what is wrong, and nothing is added.
  await card.getByLabel("Amount").fill("0");
  await card.getByRole("button", { name: "Add credits" }).click();
  await expect(card.locator("#credits-amount-error")).toHaveText("amount must be at least 1");

  await card.getByLabel("Amount").fill("250");
  await card.getByLabel("Note (optional)").fill("December budget");
  await card.getByRole("button", { name: "Add credits" }).click();
  await expect(card.getByTestId("settings-credit-balance")).toHaveText("1,250");
  await expect(page.getByTestId("credit-balance")).toContainText("1,250");
  await expect(card.getByRole("list", { name: "Recent credit movements" }).getByRole("listitem").first()).toContainText("December budget");

  // The allowance: top up to 2,000 every month.
  await card.getByLabel("Credits each month (N)").fill("2000");
  await card.getByLabel(/Top up to N/).check();
  await card.getByRole("button", { name: "Save allowance" }).click();
  await expect(page.getByText("Monthly allowance saved")).toBeVisible();
  await page.reload();
  await expect(card.getByLabel("Credits each month (N)")).toHaveValue("2000");
  await expect(card.getByLabel(/Top up to N/)).toBeChecked();
  await screenshots(page, "credits-settings");

  // An API caller sees the same balance.
  const me = await request.get("/api/v1/auth/me", { headers: user.headers });
  expect(me.status()).toBe(200);
  expect((await me.json()).credits).toBe(1250);

  // The approve dialog: credits and, beside them, what the vendors bill (offline here: $0).
  const person = await request.post("/api/v1/persons", {
    headers: user.headers,
    data: { name: "Ana Sousa", description: "Tile painter in Lisbon", photo_base64: (await photoPng(200, 200)).toString("base64") },
  });
  expect(person.status(), await person.text()).toBe(201);
  const created = await request.post("/api/v1/stories/create", {
    headers: user.headers,
    data: { person_id: (await person.json()).id, story_idea: "A tile painter restores a Lisbon palace", num_scenes: 2 },
  });
  expect(created.status(), await created.text()).toBeLessThan(300);
  await page.goto(`/projects/${(await created.json()).id}`);
  await page.getByRole("button", { name: "Approve & generate" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("approve-vendor-cost")).toHaveText("Provider cost: $0 (offline)");
  await expect(dialog).toContainText("Balance 1,250");
  await screenshots(page, "credits-approve-dialog");
});
