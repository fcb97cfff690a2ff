import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { AccountSettings } from "./pages/account";
import { AuthPages } from "./pages/studio";
import { createApiUser, expect, saveShot, screenshots, test } from "./fixtures";

/**
 * Settings › Account, through the browser: the name and email, "Export all my data" (a task with
 * progress, then a zip to download), and deleting the account behind a typed confirmation.
 */
test("change the name, export everything as a zip, then delete the account for good", async ({ page, request }) => {
  const user = await createApiUser(request);
  const other = await createApiUser(request);
  await new AuthPages(page).signIn(user.email, user.password);
  const account = new AccountSettings(page);
  await account.open();

  // The page is long on a phone: its jump links stay under the header, and a card's heading lands below them.
  await page.setViewportSize({ width: 390, height: 844 });
  const sections = page.getByRole("navigation", { name: "Settings sections" });
  await sections.getByRole("link", { name: "Webhooks", exact: true }).click();
  await expect(page).toHaveURL(/\/settings#webhooks$/);
  const webhooks = page.getByRole("region", { name: "Webhooks", exact: true }).getByRole("heading", { name: "Webhooks", level: 2 });
  await expect(async () => {
    const [bar, title] = [(await sections.boundingBox())!, (await webhooks.boundingBox())!];
    expect(bar.y, "the jump links stick under the 56 px header").toBeGreaterThanOrEqual(55);
    expect(title.y, "the heading is not under the jump links").toBeGreaterThanOrEqual(bar.y + bar.height);
    expect(title.y, "the heading is near the top").toBeLessThan(844 / 2);
  }).toPass({ timeout: 5_000 });
  await saveShot(page, "settings-jump-phone");
  await page.setViewportSize({ width: 1280, height: 720 });

  // The name saves without a password and stays after a reload.
  await account.save({ name: "Alex Rivera" });
  await expect(page.getByText("Account saved")).toBeVisible();
  await page.reload();
  await expect(account.form.getByLabel("Name")).toHaveValue("Alex Rivera");

  // Another account's email, in other letters' case: a clear error on the field, nothing saved.
  await account.form.getByLabel("Email").fill(other.email.toUpperCase());
  await expect(account.form.getByLabel("Current password")).toBeVisible();
  await account.save({ currentPassword: user.password });
  await expect(account.form.getByRole("alert")).toHaveText("That email is already in use");
  await expect(account.form.getByLabel("Email")).toBeFocused();
  await account.form.getByLabel("Email").fill(user.email);
  await expect(account.form.getByRole("alert")).toBeHidden();
  await expect(account.form.getByLabel("Current password")).toBeHidden();

  // The export: a task with progress, then a link to the zip.
  await account.region.getByRole("button", { name: "Export all my data" }).click();
  const link = account.region.getByRole("link", { name: /Download your data \(zip/ });
  await expect(link).toBeVisible({ timeout: 120_000 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshots(page, "settings-account");
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const file = await download.path();
  expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe("PK");
  const entries = execFileSync("unzip", ["-Z1", file], { encoding: "utf8" }).trim().split("\n");
  expect(entries).toEqual(expect.arrayContaining(["users.json", "workspaces.json", "media.json", "README.txt"]));
  const users = JSON.parse(execFileSync("unzip", ["-p", file, "users.json"], { encoding: "utf8" })) as Array<Record<string, unknown>>;
  expect(users).toEqual([expect.objectContaining({ email: user.email, name: "Alex Rivera" })]);
  expect(users[0]).not.toHaveProperty("password_hash");

  // Delete: the button waits for the typed confirmation and the password.
  const dialog = await account.openDeleteDialog();
  const confirm = dialog.getByRole("button", { name: "Delete account" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/^Type /).fill("delete my acc");
  await dialog.getByLabel("Current password").fill(user.password);
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/^Type /).fill(user.email);
  await expect(confirm).toBeEnabled();
  await screenshots(page, "settings-account-delete");
  await confirm.click();
  await expect(page).toHaveURL(/\/sign-in\?deleted=1$/);
  await expect(page.getByText("Your account and everything in it have been deleted.")).toBeVisible();

  // The old password no longer signs in, in the browser or through the API.
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Wrong email or password")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
  expect((await request.post("/api/v1/auth/login", { form: { username: user.email, password: user.password } })).status()).toBe(401);
  expect((await request.get("/api/v1/auth/me", { headers: user.headers })).status()).toBe(401);
  // The other account is untouched.
  expect((await request.get("/api/v1/auth/me", { headers: other.headers })).status()).toBe(200);
});
