import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { type APIRequestContext, type Locator, type Page, expect, test as base } from "@playwright/test";
import sharp from "sharp";

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, "artifacts/screenshots");
/**
 * Screenshots are saved only with E2E_SCREENSHOTS=1 (for a person to look at; no test reads them). A
 * full-page shot costs the software-rendering browser 0.4 to 0.9 CPU s: the 258 of a whole run were
 * 90 of its 880 CPU s. The fit checks at every width run either way.
 */
export const SAVE_SCREENSHOTS = process.env.E2E_SCREENSHOTS === "1";

/** Saves `name`.png under SCREENSHOT_DIR when SAVE_SCREENSHOTS: the whole page, the window, or one element. */
export async function saveShot(target: Page | Locator, name: string, fullPage = false) {
  if (!SAVE_SCREENSHOTS) return;
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await ("goto" in target ? target.screenshot({ path: file, fullPage, animations: "disabled" }) : target.screenshot({ path: file, animations: "disabled" }));
}

export interface ApiUser {
  email: string;
  password: string;
  token: string;
  headers: Record<string, string>;
}

/** Registers a fresh user through the API and logs in as the seeds do (form-encoded). */
export async function createApiUser(request: APIRequestContext): Promise<ApiUser> {
  const email = `e2e-${randomUUID().slice(0, 8)}@example.test`;
  const password = "correct-horse-battery";
  const reg = await request.post("/api/v1/auth/register", { data: { email, password } });
  expect(reg.status(), await reg.text()).toBe(201);
  const login = await request.post("/api/v1/auth/login", { form: { username: email, password } });
  expect(login.status()).toBe(200);
  const { access_token, token_type } = await login.json();
  expect(token_type).toBe("bearer");
  return { email, password, token: access_token, headers: { Authorization: `Bearer ${access_token}` } };
}

export async function photoPng(width = 480, height = 480): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="#f4d6b8"/>
    <circle cx="${width / 2}" cy="${height * 0.4}" r="${width * 0.2}" fill="#8a5a3b"/>
    <rect x="${width * 0.25}" y="${height * 0.62}" width="${width * 0.5}" height="${height * 0.38}" rx="40" fill="#3b4a8a"/>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/**
 * Fails when the page is wider than the viewport (on a phone, a page that scrolls sideways), or when
 * an open dialog sticks out of the window or holds something wider than itself (a button pushed
 * outside, a title cut to its first word). Content inside a scroller of its own is the scroller's.
 */
export async function expectFits(page: Page, name: string) {
  // A resize lands in layout at once, but a chart or a measured list re-lays itself out a frame or more
  // later (ResizeObserver): the page must settle to fit, so a failing measure is taken again for a while.
  await expect(async () => measureFit(page, name)).toPass({ timeout: 5_000 });
}

async function measureFit(page: Page, name: string) {
  const { scroll, viewport, dialogs } = await page.evaluate(() => {
    const describe = (el: Element) => {
      const label = el.getAttribute("aria-label") ?? el.getAttribute("data-testid") ?? (el.textContent ?? "").trim().slice(0, 40);
      return `<${el.tagName.toLowerCase()}>${label ? ` "${label}"` : ""}`;
    };
    const scrolls = (el: Element) => getComputedStyle(el).overflowX !== "visible";
    const inScroller = (el: Element, dialog: Element) => {
      for (let up = el.parentElement; up && up !== dialog; up = up.parentElement) if (scrolls(up)) return true;
      return false;
    };
    const problems: string[] = [];
    for (const dialog of document.querySelectorAll('[role="dialog"], [role="alertdialog"]')) {
      const box = dialog.getBoundingClientRect();
      const title = describe(dialog.querySelector("h2") ?? dialog);
      if (box.left < -1 || box.right > window.innerWidth + 1) problems.push(`dialog ${title} (${Math.round(box.width)} px) is wider than the window`);
      if (dialog.scrollWidth > dialog.clientWidth + 1)
        problems.push(`dialog ${title} scrolls sideways: ${dialog.scrollWidth} px of content in ${dialog.clientWidth} px`);
      for (const el of dialog.querySelectorAll("*")) {
        const r = el.getBoundingClientRect();
        if ((r.width === 0 && r.height === 0) || el.classList.contains("sr-only") || inScroller(el, dialog)) continue;
        if (r.right > box.right + 1 || r.left < box.left - 1) {
          problems.push(
            `${describe(el)} (${Math.round(r.left - box.left)}..${Math.round(r.right - box.left)} px) sticks out of dialog ${title} (${Math.round(box.width)} px)`,
          );
        }
      }
    }
    return { scroll: document.documentElement.scrollWidth, viewport: window.innerWidth, dialogs: problems };
  });
  expect(scroll, `${name} is wider than the ${viewport} px screen`).toBeLessThanOrEqual(viewport);
  expect(dialogs.slice(0, 10), `${name}: a dialog does not fit`).toEqual([]);
}

/** Screen sizes a creator looks at the studio on. */
export const WIDTHS = {
  wide: [1920, 1080],
  desktop: [1440, 900],
  tablet: [768, 1024],
  phone: [390, 844],
} as const;

export type WidthLabel = keyof typeof WIDTHS;
/** Every width, phone first. */
export const ALL_WIDTHS: ReadonlyArray<WidthLabel> = ["phone", "tablet", "desktop", "wide"];

/**
 * Screenshots of the whole page at 1440 and 390 px (or the widths named), <name>-<label>.png, as a
 * creator would look at it; the page, and any dialog open on it, must fit each. With a dialog open
 * the shot is of the window (a full-page shot would resize the window under the dialog).
 */
export async function screenshots(page: Page, name: string, labels: ReadonlyArray<WidthLabel> = ["desktop", "phone"]) {
  for (const [label, [width, height]] of labels.map((l) => [l, WIDTHS[l]] as const)) {
    await page.setViewportSize({ width, height });
    const dialogOpen = (await page.locator('[role="dialog"], [role="alertdialog"]').count()) > 0;
    await expectFits(page, `${name} (${label})`);
    await saveShot(page, `${name}-${label}`, !dialogOpen);
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

/** Saves the page at desktop (1280 px) and phone width (the README points at this folder); the page must fit both. */
export async function snap(page: Page, name: string) {
  const original = page.viewportSize() ?? { width: 1280, height: 720 };
  await page.setViewportSize({ width: 1280, height: 800 });
  await expectFits(page, `${name} (desktop)`);
  await saveShot(page, `${name}-desktop`, true);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectFits(page, `${name} (phone)`);
  await saveShot(page, `${name}-phone`, true);
  await page.setViewportSize(original);
}

export const test = base;
export { expect };
