import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { type APIRequestContext, type Page, expect, test as base } from "@playwright/test";
import sharp from "sharp";

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, "artifacts/screenshots");

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

/** Fails when the page is wider than the viewport: on a phone that is a page that scrolls sideways. */
async function expectFits(page: Page, name: string) {
  const { scroll, viewport } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect(scroll, `${name} is wider than the ${viewport} px screen`).toBeLessThanOrEqual(viewport);
}

/** Screen sizes a creator looks at the studio on. */
const WIDTHS = {
  wide: [1920, 1080],
  desktop: [1440, 900],
  tablet: [768, 1024],
  phone: [390, 844],
} as const;

/** Screenshots of the whole page at 1440 and 390 px (or the widths named), <name>-<label>.png, as a creator would look at it; the page must fit each. */
export async function screenshots(page: Page, name: string, labels: ReadonlyArray<keyof typeof WIDTHS> = ["desktop", "phone"]) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const [label, [width, height]] of labels.map((l) => [l, WIDTHS[l]] as const)) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${label}.png`), fullPage: true });
    await expectFits(page, `${name} (${label})`);
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

/** Saves the page at desktop (1280 px) and phone width (the README points at this folder); the page must fit both. */
export async function snap(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize() ?? { width: 1280, height: 720 };
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-desktop.png`), fullPage: true });
  await expectFits(page, `${name} (desktop)`);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-phone.png`), fullPage: true });
  await expectFits(page, `${name} (phone)`);
  await page.setViewportSize(original);
}

export const test = base;
export { expect };
