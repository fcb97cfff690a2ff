import fs from "node:fs";
import type { APIRequestContext } from "@playwright/test";
import pg from "pg";
import { AuthPages } from "./pages/studio";
import { createApiUser, expect, photoPng, screenshots, test, type ApiUser } from "./fixtures";
import { E2E_PG_PORT } from "./playwright.config";

const day = (ago: number) => new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10);

/** A creator with an API key, a character and a rendered (draft) video. */
async function creator(request: APIRequestContext): Promise<ApiUser & { key: Record<string, string>; characterId: number; videoId: string }> {
  const user = await createApiUser(request);
  const token = await request.post("/api/v1/api-tokens", { headers: user.headers, data: { name: "analytics" } });
  expect(token.status(), await token.text()).toBe(201);
  const person = await request.post("/api/v1/persons", {
    headers: user.headers,
    data: { name: "Maya Lin", description: "Travel creator", photo_base64: (await photoPng(200, 240)).toString("base64") },
  });
  expect(person.status(), await person.text()).toBe(201);
  const job = await request.post("/api/v1/video-generation-jobs", {
    headers: user.headers,
    data: {
      videoCreative: {
        settings: { name: "Lisbon", videoSize: { width: 640, height: 360 } },
        scenes: [{ duration: 1000, tracks: [{ type: "text", text: "Lisbon" }] }],
      },
      draft: true,
    },
  });
  expect(job.status(), await job.text()).toBe(200);
  const { id, videoId } = await job.json();
  await expect
    .poll(async () => (await (await request.get(`/api/v1/video-generation-jobs/${id}`, { headers: user.headers })).json()).status, { timeout: 120_000 })
    .toBe("finished");
  return { ...user, key: { "X-API-Key": (await token.json()).token }, characterId: (await person.json()).id, videoId };
}

/**
 * What publishing to the channel and its viewers leave behind: a published post on the channel and
 * one view event per viewer per day (the channel's public pages record them; those pages are not
 * part of this build), written straight into the server's database. The sync reads them as it
 * would in production.
 */
async function publishWithViews(db: pg.Client, c: { videoId: string; characterId: number }, title: string, views: Record<number, number>) {
  const { rows } = await db.query<{ workspace_id: string }>("select workspace_id from generated_videos where id = $1", [c.videoId]);
  const ws = rows[0].workspace_id;
  const published = new Date(Date.now() - 14 * 86_400_000);
  const post = await db.query<{ id: string }>(
    "insert into posts (workspace_id, character_id, title, video_id, scheduled_at, status) values ($1, $2, $3, $4, $5, 'published') returning id",
    [ws, c.characterId, title, c.videoId, published],
  );
  const target = await db.query<{ id: string }>(
    "insert into post_targets (workspace_id, post_id, platform, status, commit_state, published_at) values ($1, $2, 'channel', 'published', 'done', $3) returning id",
    [ws, post.rows[0].id, published],
  );
  const video = await db.query<{ id: string }>(
    "insert into channel_videos (workspace_id, character_id, target_id, video_id, title) values ($1, $2, $3, $4, $5) returning id",
    [ws, c.characterId, target.rows[0].id, c.videoId, title],
  );
  await db.query("update post_targets set external_url = $2 where id = $1", [target.rows[0].id, `/c/maya-lin/${video.rows[0].id}`]);
  for (const [ago, n] of Object.entries(views))
    await db.query(
      "insert into channel_events (channel_video_id, kind, viewer_key, day) select $1, 'view', 'viewer-' || g, $2::date from generate_series(1, $3::int) g",
      [video.rows[0].id, day(Number(ago)), n],
    );
}

test("analytics: a new workspace is told how numbers start; sync now fills the cards and the chart, filters, a post's own numbers, CSV export", async ({
  page,
  request,
}) => {
  test.setTimeout(300_000);
  const db = new pg.Client({ connectionString: `postgres://cinetwin:cinetwin-local@127.0.0.1:${E2E_PG_PORT}/cinetwin` });
  await db.connect();
  try {
    const c = await creator(request);
    const auth = new AuthPages(page);

    // Before publishing anything: the empty state.
    await auth.signIn(c.email, c.password);
    await page.getByRole("link", { name: "Analytics" }).first().click();
    await expect(page).toHaveURL(/\/analytics$/);
    await expect(page.getByRole("heading", { name: "No numbers yet" })).toBeVisible();
    await screenshots(page, "analytics-empty");

    await publishWithViews(db, c, "Lisbon at dawn", { 12: 40, 9: 25, 5: 18, 3: 30, 2: 22, 1: 35, 0: 12 });
    await publishWithViews(db, c, "Porto by night", { 6: 10, 4: 28, 1: 15, 0: 20 });
    await page.reload();
    await expect(page.getByText("Not synced yet")).toBeVisible();
    await expect(page.getByTestId("summary-views")).toContainText("0");

    // Sync now, then the numbers. (The "Syncing…" state can pass between two polls, so it is not awaited.)
    await page.getByRole("button", { name: "Sync now" }).click();
    await expect(page.getByText("Analytics synced")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(/Synced (just now|1 min ago)/)).toBeVisible();
    await expect(page.getByTestId("summary-views")).toContainText("255");
    await expect(page.getByTestId("summary-views")).toContainText("new");
    await expect(page.locator("[data-slot=chart] .recharts-area").first()).toBeVisible();
    const top = page.getByRole("table");
    await expect(top.getByRole("row").nth(1)).toContainText("Lisbon at dawn");
    await expect(top.getByRole("row").nth(1)).toContainText("182");
    await screenshots(page, "analytics");

    // The last 7 days: the 12- and 9-day-old views drop out; the week before had none of them either.
    await page.getByRole("combobox", { name: "Period" }).click();
    await page.getByRole("option", { name: "Last 7 days" }).click();
    await expect(page).toHaveURL(/days=7/);
    await expect(page.getByTestId("summary-views")).toContainText("190");
    await page.getByRole("combobox", { name: "Platform" }).click();
    await page.getByRole("option", { name: "Channel" }).click();
    await expect(page).toHaveURL(/platform=channel/);
    await expect(page.getByRole("heading", { name: "Daily on Channel" })).toBeVisible();
    await page.getByRole("combobox", { name: "Platform" }).click();
    await page.getByRole("option", { name: "TikTok" }).click();
    await expect(page).toHaveURL(/platform=tiktok/);
    await expect(page.getByTestId("summary-views")).toContainText("0");
    await expect(page.getByText("No post had views in this period.")).toBeVisible();
    await page.getByRole("combobox", { name: "Platform" }).click();
    await page.getByRole("option", { name: "All platforms" }).click();

    // One post's own daily numbers (and the sync's toast, gone by now, does not come back with the new URL).
    await expect(page.getByText("Analytics synced")).toHaveCount(0, { timeout: 10_000 });
    await page.getByRole("link", { name: "Porto by night", exact: true }).click();
    const post = page.getByRole("region", { name: "Post: Porto by night" });
    await expect(post).toBeVisible();
    await expect(page.getByText("Analytics synced")).toHaveCount(0);
    await expect(post).toContainText("73");
    await expect(post.locator("[data-slot=chart] .recharts-line").first()).toBeVisible();
    // Whole-page screenshots from the top: scrolled to the post, the sticky header would be drawn mid-page.
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshots(page, "analytics-post");
    await post.getByRole("link", { name: "Close the post" }).click();
    await expect(post).toBeHidden();

    // Export CSV: a task, then the file.
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export CSV" }).click();
    const file = await (await download).path();
    const lines = fs.readFileSync(file, "utf8").trim().split("\n");
    expect(lines[0]).toBe("platform,date,views,likes,comments,shares,followers_gained");
    expect(lines).toHaveLength(8);
    expect(lines.at(-1)).toBe(`channel,${day(0)},32,0,0,0,0`);

    // The same numbers through the API, and not for another workspace.
    const api = await request.get("/api/v1/public/analytics/social?days=2", { headers: c.key });
    expect(await api.json()).toEqual([
      { platform: "channel", date: day(1), views: 50, likes: 0, comments: 0, shares: 0, followers_gained: 0 },
      { platform: "channel", date: day(0), views: 32, likes: 0, comments: 0, shares: 0, followers_gained: 0 },
    ]);
    const stranger = await createApiUser(request);
    expect(await (await request.get("/api/v1/public/analytics/social?days=2", { headers: stranger.headers })).json()).toEqual([]);
  } finally {
    await db.end();
  }
});
