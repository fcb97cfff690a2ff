import { type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";
import { AuthPages } from "./pages/studio";
import { createApiUser, expect, SAVE_SCREENSHOTS, saveShot, test, type ApiUser } from "./fixtures";

/**
 * Ending sessions: sign-out, "sign out everywhere" and a password change each end every session
 * cookie and access token issued before them, so a copied cookie or a leaked token stops working.
 */

/** The browser's cookies as one Cookie header: what someone who copied them would send. */
async function cookieHeader(context: BrowserContext) {
  return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
}

const me = (request: APIRequestContext, headers: Record<string, string>) => request.get("/api/v1/auth/me", { headers });

async function signedInPage(context: BrowserContext, user: ApiUser): Promise<Page> {
  const page = await context.newPage();
  await new AuthPages(page).signIn(user.email, user.password);
  return page;
}

test("signing out ends the old session cookie and the access tokens issued before it", async ({ page, request }) => {
  const user = await createApiUser(request);
  await new AuthPages(page).signIn(user.email, user.password);
  const cookie = await cookieHeader(page.context());
  expect((await me(request, { Cookie: cookie })).status()).toBe(200);
  expect((await me(request, user.headers)).status()).toBe(200);

  await page.getByRole("button", { name: "Account", exact: true }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  const old = await me(request, { Cookie: cookie });
  expect(old.status()).toBe(401);
  expect(await old.json()).toMatchObject({ detail: "Not authenticated" });
  expect((await me(request, user.headers)).status()).toBe(401);
  // Signing in again works, with a new session.
  await new AuthPages(page).signIn(user.email, user.password);
  expect((await me(request, { Cookie: await cookieHeader(page.context()) })).status()).toBe(200);
});

test("sign out everywhere, from Settings, ends every browser's session and every access token", async ({ browser, request, baseURL }) => {
  const user = await createApiUser(request);
  const [laptop, phone] = [await browser.newContext({ baseURL }), await browser.newContext({ baseURL })];
  const page = await signedInPage(laptop, user);
  const other = await signedInPage(phone, user);
  const otherCookie = await cookieHeader(phone);

  await page.goto("/settings");
  const security = page.getByRole("region", { name: "Security" });
  await security.getByRole("button", { name: "Sign out everywhere" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog.getByText(/this one included/)).toBeVisible();
  await dialog.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  expect((await me(request, { Cookie: otherCookie })).status()).toBe(401);
  expect((await me(request, user.headers)).status()).toBe(401);
  // The other browser finds itself signed out at its next step.
  await other.goto("/dashboard");
  await expect(other).toHaveURL(/\/sign-in/);
  await laptop.close();
  await phone.close();
});

test("changing the password: clear errors, then every other session ends and this one stays", async ({ browser, page, request, baseURL }) => {
  const user = await createApiUser(request);
  const phone = await browser.newContext({ baseURL });
  await signedInPage(phone, user);
  const phoneCookie = await cookieHeader(phone);
  await new AuthPages(page).signIn(user.email, user.password);
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Change password" });
  const submit = () => form.getByRole("button", { name: "Change password" }).click();
  const fill = async (current: string, next: string, confirm = next) => {
    await form.getByLabel("Current password").fill(current);
    await form.getByLabel("New password", { exact: true }).fill(next);
    await form.getByLabel("Confirm new password").fill(confirm);
  };

  await fill("not-my-password", "amber-glacier-whistle-97");
  await submit();
  await expect(form.getByText("The current password is not correct")).toBeVisible();
  await expect(form.getByLabel("Current password")).toBeFocused();

  await fill(user.password, "amber-glacier-whistle-97", "amber-glacier-whistle-98");
  await submit();
  await expect(form.getByText("the two new passwords do not match")).toBeVisible();

  await fill(user.password, "password123");
  await submit();
  await expect(form.getByText("new password is too weak: this is a commonly used password. Add more words that are less common.")).toBeVisible();
  await expect(form.getByLabel("New password", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await snapSecurity(page, "settings-security-error");

  await fill(user.password, "amber-glacier-whistle-97");
  await submit();
  await expect(page.getByText("Password changed. Every other session and access token is signed out.")).toBeVisible();
  await expect(form.getByLabel("Current password")).toHaveValue("");

  // This browser is still signed in; the other one and the old access token are not.
  expect((await me(request, { Cookie: await cookieHeader(page.context()) })).status()).toBe(200);
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/settings$/);
  expect((await me(request, { Cookie: phoneCookie })).status()).toBe(401);
  expect((await me(request, user.headers)).status()).toBe(401);
  const login = (password: string) => request.post("/api/v1/auth/login", { form: { username: user.email, password } });
  expect((await login(user.password)).status()).toBe(401);
  expect((await login("amber-glacier-whistle-97")).status()).toBe(200);
  await snapSecurity(page, "settings-security");
  await phone.close();
});

/** The Security card at desktop (1440 px) and phone (390 px) width. */
async function snapSecurity(page: Page, name: string) {
  if (!SAVE_SCREENSHOTS) return;
  const original = page.viewportSize() ?? { width: 1280, height: 720 };
  for (const [label, width] of [
    ["desktop", 1440],
    ["phone", 390],
  ] as const) {
    await page.setViewportSize({ width, height: 900 });
    await saveShot(page.getByRole("region", { name: "Security" }), `${name}-${label}`);
  }
  await page.setViewportSize(original);
}
