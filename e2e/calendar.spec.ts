import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { AuthPages } from "./pages/studio";
import { expect, photoPng, screenshots, test } from "./fixtures";

const ZONE = "Europe/Lisbon";
test.use({ timezoneId: ZONE });

/** The calendar day `days` from now, in Lisbon: "2026-05-12". */
const day = (days: number) => new Intl.DateTimeFormat("en-CA", { timeZone: ZONE }).format(new Date(Date.now() + days * 86_400_000));
/** A moment as Lisbon's wall clock: "2026-05-12 10:00". */
const lisbon = (iso: string) =>
  new Intl.DateTimeFormat("sv-SE", {
    timeZone: ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(iso));

/** A user signed up in the browser, with a token for seeding through the API. */
async function signUp(page: Page, request: APIRequestContext) {
  const email = `e2e-cal-${Date.now().toString(36)}@example.test`;
  const password = "correct-horse-battery";
  await new AuthPages(page).signUp("Cal Creator", email, password);
  const login = await request.post("/api/v1/auth/login", { form: { username: email, password } });
  expect(login.status()).toBe(200);
  return { Authorization: `Bearer ${(await login.json()).access_token}` };
}

/** A character and one finished vertical render (a two-second text scene, draft quality: the quickest real render). */
async function seed(request: APIRequestContext, headers: Record<string, string>, size = { width: 540, height: 960 }, name = "Lisbon clip") {
  const person = await request.post("/api/v1/persons", {
    headers,
    data: { name: "Maya Lin", description: "Travel shorts", photo_base64: (await photoPng(400, 500)).toString("base64") },
  });
  expect(person.status(), await person.text()).toBe(201);
  const job = await request.post("/api/v1/video-generation-jobs", {
    headers,
    data: {
      videoCreative: {
        settings: { name, videoSize: size },
        scenes: [{ duration: 2000, tracks: [{ type: "text", text: "Lisbon" }] }],
      },
      draft: true,
    },
  });
  expect(job.status(), await job.text()).toBe(200);
  const { id, videoId } = await job.json();
  await expect
    .poll(async () => (await (await request.get(`/api/v1/video-generation-jobs/${id}`, { headers })).json()).status, { timeout: 120_000, intervals: [1000] })
    .toBe("finished");
  return videoId as string;
}

/** Drags with real pointer moves (FullCalendar starts a drag only after the pointer has moved). */
async function drag(page: Page, from: Locator, to: Locator) {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 8, a.y + a.height / 2 + 8, { steps: 4 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 15 });
  await page.mouse.up();
}

const cell = (page: Page, date: string) => page.locator(`td.fc-daygrid-day[data-date="${date}"]`);

test("calendar: schedule from a slot, refusals next to the field, drag to reschedule, publish now with a live timeline, locked once published", async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  const headers = await signUp(page, request);
  const videoId = await seed(request, headers);

  await page.goto("/calendar");
  await expect(page.getByRole("heading", { name: "Calendar", level: 1 })).toBeVisible();
  await expect(page.getByText(`Times in ${ZONE}`)).toBeVisible();
  await expect(page.getByText("Nothing planned here yet.")).toBeVisible();
  await screenshots(page, "calendar-empty");

  // Click a slot: the dialog opens at that day, 10:00.
  await cell(page, day(2)).click();
  const dialog = page.getByRole("dialog", { name: "New post" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Date and time")).toHaveValue(`${day(2)}T10:00`);
  await expect(dialog.getByRole("checkbox", { name: "Your channel" })).toBeChecked();
  await expect(dialog.getByRole("checkbox", { name: "YouTube · not connected" })).toBeDisabled();

  // Bad input: the message sits next to its field.
  await dialog.getByLabel("Date and time").fill(`${day(-1)}T10:00`);
  await dialog.getByRole("button", { name: "Schedule" }).click();
  await expect(dialog.locator("#post-title-error")).toHaveText("Give the post a title");
  await expect(dialog.locator("#post-when-error")).toHaveText("That time has passed: choose one from now on");

  await dialog.getByLabel("Title").fill("Lisbon at dawn");
  await dialog.getByLabel("Date and time").fill(`${day(2)}T10:00`);
  await dialog.getByLabel("Video").selectOption(videoId);
  await expect(dialog.getByLabel("Caption · Your channel")).toHaveValue("Lisbon at dawn");
  await expect(dialog.getByTestId("preview-caption-channel")).toHaveText("Lisbon at dawn");
  await expect(dialog.getByRole("region", { name: "Check" })).toContainText("Fits every platform chosen");
  await expect(dialog.locator("#post-title-error")).toHaveCount(0);
  await screenshots(page, "calendar-new-post");
  await dialog.getByRole("button", { name: "Schedule" }).click();
  await expect(dialog).toBeHidden();

  const event = page.locator(".fc-event", { hasText: "Lisbon at dawn" });
  await expect(cell(page, day(2)).locator(".fc-event", { hasText: "Lisbon at dawn" })).toBeVisible();
  const postId = (await event.getAttribute("data-post-id"))!;
  await expect(event).toHaveClass(/fc-event-draggable/);
  await screenshots(page, "calendar-month");

  // Drag it two days on: the time of day stays, the new day is saved. (A fresh page: the screenshots' resizes re-lay the calendar out.)
  await page.reload();
  await expect(event).toBeVisible();
  await drag(page, event, cell(page, day(4)));
  await expect(page.getByText(/^Moved to /)).toBeVisible();
  await page.reload();
  await expect(cell(page, day(4)).locator(".fc-event", { hasText: "Lisbon at dawn" })).toBeVisible();
  const moved = await (await request.get(`/api/posts/${postId}`, { headers })).json();
  expect(lisbon(moved.scheduledAt)).toBe(`${day(4)} 10:00`);

  // Filters live in the URL.
  await page.getByRole("combobox", { name: "Status" }).selectOption("published");
  await expect(page).toHaveURL(/status=published/);
  await expect(event).toHaveCount(0);
  await page.getByRole("combobox", { name: "Status" }).selectOption("");
  await expect(event).toHaveCount(1);

  // Publish now: the sheet's timeline follows the target to "published", with its channel link.
  await event.click();
  const sheet = page.getByRole("dialog", { name: "Lisbon at dawn" });
  await expect(sheet.getByText("Scheduled", { exact: true })).toBeVisible();
  await sheet.getByRole("button", { name: "Publish now" }).click();
  const target = sheet.getByRole("listitem", { name: "Your channel" });
  await expect(target).toHaveAttribute("data-status", "published", { timeout: 90_000 });
  const timeline = sheet.getByRole("list", { name: "Your channel timeline" });
  await expect(timeline.getByText("published", { exact: true })).toBeVisible();
  await expect(target.getByRole("link", { name: /\/c\/maya-lin(-\d+)?\/[0-9a-f-]{36}$/ })).toBeVisible();
  await expect(sheet.getByRole("button", { name: "Publish now" })).toHaveCount(0);
  await expect(sheet.getByRole("button", { name: "Edit" })).toHaveCount(0);
  await screenshots(page, "calendar-published");
  await page.keyboard.press("Escape");
  await expect(sheet).toBeHidden();
  await page.reload();

  // Published (and now past): not draggable; a drag leaves it where it is.
  await expect(event).toHaveAttribute("data-locked", "true");
  await expect(event).not.toHaveClass(/fc-event-draggable/);
  const before = (await (await request.get(`/api/posts/${postId}`, { headers })).json()).scheduledAt;
  await drag(page, event, cell(page, day(3)));
  await expect(cell(page, day(3)).locator(".fc-event")).toHaveCount(0);
  expect((await (await request.get(`/api/posts/${postId}`, { headers })).json()).scheduledAt).toBe(before);

  // The week view shows it at its time.
  await page.getByRole("button", { name: "Week", exact: true }).click();
  await expect(page.locator(".fc-timegrid .fc-event", { hasText: "Lisbon at dawn" })).toBeVisible();
  await screenshots(page, "calendar-week");

  // Another workspace does not see it.
  const other = await signUpApi(request);
  expect((await request.get(`/api/posts/${postId}`, { headers: other })).status()).toBe(404);
  expect(await (await request.get(`/api/posts?from=${day(-40)}&to=${day(40)}`, { headers: other })).json()).toEqual([]);

  // On a phone the calendar opens as a list.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.locator(".fc-list")).toBeVisible();
  await expect(page.locator(".fc-list-event", { hasText: "Lisbon at dawn" })).toBeVisible();
  await screenshots(page, "calendar-list");
});

async function signUpApi(request: APIRequestContext) {
  const email = `e2e-cal-b-${Date.now().toString(36)}@example.test`;
  const password = "correct-horse-battery";
  expect((await request.post("/api/v1/auth/register", { data: { email, password } })).status()).toBe(201);
  const login = await request.post("/api/v1/auth/login", { form: { username: email, password } });
  return { Authorization: `Bearer ${(await login.json()).access_token}` };
}

test("calendar: a video that breaks a platform's limits is refused by the check, and one click makes a copy that fits", async ({ page, request }) => {
  test.setTimeout(240_000);
  const headers = await signUp(page, request);
  // 1600x400 is wider than the channel's 3.5:1.
  const videoId = await seed(request, headers, { width: 1600, height: 400 }, "Skyline strip");
  await page.goto("/calendar");
  await page.getByRole("button", { name: "New post" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New post" });
  await dialog.getByLabel("Title").fill("Skyline");
  await dialog.getByLabel("Date and time").fill(`${day(2)}T10:00`);
  await dialog.getByLabel("Video").selectOption(videoId);
  const check = dialog.getByRole("region", { name: "Check" });
  await expect(check).toContainText("Your channel: your channel takes frames from 0.30 to 3.50 wide per 1 high; this one is 1600x400 (4.00)");
  await expect(dialog.getByRole("button", { name: "Schedule" })).toBeDisabled();
  await dialog.getByRole("button", { name: "Make a copy that fits your channel" }).click();
  await expect(check).toContainText("Fits every platform chosen", { timeout: 120_000 });
  await expect(dialog.getByLabel("Video")).not.toHaveValue(videoId);
  await expect(dialog.getByLabel("Video").locator("option:checked")).toHaveText(/Skyline strip \(for your channel\)/);
  await screenshots(page, "calendar-conformed");
  await dialog.getByRole("button", { name: "Schedule" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator(".fc-event", { hasText: "Skyline" })).toBeVisible();
});

test("settings: publishing accounts show the channel as always on and each platform's state", async ({ page, request }) => {
  await signUp(page, request);
  await page.goto("/settings#accounts");
  const card = page.getByRole("region", { name: "Publishing accounts" });
  await expect(card.getByRole("listitem").filter({ hasText: "Your channel" })).toContainText("Always on");
  const youtube = card.getByRole("listitem").filter({ hasText: "YouTube" });
  await expect(youtube).toContainText("Not configured on this server: set YOUTUBE_CLIENT_ID and YOUTUBE_CLIENT_SECRET to connect.");
  await expect(card.getByRole("listitem").filter({ hasText: "TikTok" })).toContainText("TIKTOK_CLIENT_KEY");
  await expect(card.getByRole("link", { name: /Connect/ })).toHaveCount(0);
  await screenshots(page, "settings-accounts");
});
