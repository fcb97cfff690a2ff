import { randomUUID } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import pg from "pg";
import { AuthPages } from "./pages/studio";
import { ALL_WIDTHS, createApiUser, expect, photoPng, screenshots, test, type ApiUser } from "./fixtures";
import { E2E_PG_PORT } from "./playwright.config";

/**
 * Every page of the studio and every dialog it opens cheaply, at 390, 768, 1440 and 1920 px: none may
 * scroll sideways, and no dialog may hold something wider than itself. Screenshots of each are
 * saved with E2E_SCREENSHOTS=1 (e2e/artifacts/screenshots/fit-*.png) for a person to look at.
 */

interface World {
  user: ApiUser;
  characterId: number;
  /** A proposed story with a long title and a long idea. */
  projectId: number;
  /** A story marked finished, so its scenes offer Regenerate. */
  finishedId: number;
  videoId: string;
  sharePath: string;
  handle: string;
}

let world: World;

const longIdea =
  "A night-market street-food vendor's unexpectedly emotional journey from a single borrowed wok in Bangkok to a Michelin-recognised stall loved across the whole city. She cooks every night, rain or shine, for fifteen years.";

const unbrokenTitle = "Chiang_Mai_bakery_first_morning_behind_the_counter_with_sourdough_and_mango_sticky_rice_at_dawn";

async function story(request: APIRequestContext, user: ApiUser, characterId: number, idea: string, scenes: number): Promise<number> {
  const res = await request.post("/api/v1/stories/create", { headers: user.headers, data: { person_id: characterId, story_idea: idea, num_scenes: scenes } });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return (await res.json()).id;
}

async function draftVideo(request: APIRequestContext, user: ApiUser): Promise<{ videoId: string; sharePath: string }> {
  const job = await request.post("/api/v1/video-generation-jobs", {
    headers: user.headers,
    data: {
      videoCreative: {
        settings: { name: "Sunrise over the Chao Phraya, the long way round: a very long video name", videoSize: { width: 640, height: 360 } },
        scenes: [{ duration: 1000, tracks: [{ type: "text", text: "Bangkok" }] }],
      },
      draft: true,
    },
  });
  expect(job.status(), await job.text()).toBe(200);
  const { id, videoId } = await job.json();
  await expect
    .poll(async () => (await (await request.get(`/api/v1/video-generation-jobs/${id}`, { headers: user.headers })).json()).status, { timeout: 120_000 })
    .toBe("finished");
  const video = await (await request.get(`/api/v1/generated-videos/${videoId}`, { headers: user.headers })).json();
  return { videoId, sharePath: new URL(video.shareUrl).pathname };
}

/** The channel's public page needs a published video: written straight into the database, as the analytics spec does. */
async function publishToChannel(db: pg.Client, characterId: number, videoId: string): Promise<string> {
  const handle = `fit-${randomUUID().slice(0, 8)}`;
  const { rows } = await db.query<{ workspace_id: string }>("select workspace_id from generated_videos where id = $1", [videoId]);
  const ws = rows[0].workspace_id;
  await db.query("update characters set channel_handle = $2 where id = $1", [characterId, handle]);
  const title = "Fifteen years of one wok: the whole story of the stall, told from the first night to the star";
  const post = await db.query<{ id: string }>(
    "insert into posts (workspace_id, character_id, title, video_id, scheduled_at, status) values ($1, $2, $3, $4, now(), 'published') returning id",
    [ws, characterId, title, videoId],
  );
  const target = await db.query<{ id: string }>(
    "insert into post_targets (workspace_id, post_id, platform, status, commit_state, published_at) values ($1, $2, 'channel', 'published', 'done', now()) returning id",
    [ws, post.rows[0].id],
  );
  await db.query("insert into channel_videos (workspace_id, character_id, target_id, video_id, title) values ($1, $2, $3, $4, $5)", [
    ws,
    characterId,
    target.rows[0].id,
    videoId,
    title,
  ]);
  return handle;
}

test.beforeAll(async ({ playwright }, testInfo) => {
  testInfo.setTimeout(240_000);
  const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  const db = new pg.Client({ connectionString: `postgres://cinetwin:cinetwin-local@127.0.0.1:${E2E_PG_PORT}/cinetwin` });
  await db.connect();
  try {
    const user = await createApiUser(request);
    const person = await request.post("/api/v1/persons", {
      headers: user.headers,
      data: {
        name: "Somchai Rattanakosin-Wongsakul",
        description: "Street-food vendor and storyteller from the Yaowarat night market in Bangkok",
        photo_base64: (await photoPng(400, 400)).toString("base64"),
      },
    });
    expect(person.status(), await person.text()).toBe(201);
    const characterId = (await person.json()).id as number;
    const projectId = await story(request, user, characterId, longIdea, 4);
    const finishedId = await story(request, user, characterId, "A baker's first morning at her own bakery in Chiang Mai", 2);
    // A title with no space to break at, as a pasted file name or URL makes: it must wrap or truncate, never widen the page.
    await db.query("update projects set status = 'completed', completed_at = now(), title = $2 where id = $1", [finishedId, unbrokenTitle]);
    const { videoId, sharePath } = await draftVideo(request, user);
    const handle = await publishToChannel(db, characterId, videoId);
    world = { user, characterId, projectId, finishedId, videoId, sharePath, handle };
  } finally {
    await db.end();
    await request.dispose();
  }
});

async function visit(page: Page, path: string, ready: () => Promise<void>) {
  await page.goto(path);
  await ready();
  await page.waitForLoadState("networkidle");
}

test("every studio page fits the window at 390, 768, 1440 and 1920 px", async ({ page }) => {
  test.setTimeout(300_000);
  await new AuthPages(page).signIn(world.user.email, world.user.password);
  const heading = (name: string | RegExp) => () => expect(page.getByRole("heading", { level: 1, name }).first()).toBeVisible();
  const pages: Array<[string, string, () => Promise<void>]> = [
    ["dashboard", "/dashboard", heading(/./)],
    ["projects", "/projects", () => expect(page.getByText(/night-market/).first()).toBeVisible()],
    ["project", `/projects/${world.projectId}`, () => expect(page.getByTestId("scene-card").first()).toBeVisible()],
    ["project-finished", `/projects/${world.finishedId}`, () => expect(page.getByTestId("scene-card").first()).toBeVisible()],
    ["new-project", "/projects/new", heading(/./)],
    ["characters", "/characters", () => expect(page.getByText("Somchai Rattanakosin-Wongsakul").first()).toBeVisible()],
    ["character", `/characters/${world.characterId}`, heading("Somchai Rattanakosin-Wongsakul")],
    ["new-character", "/characters/new", heading(/./)],
    ["videos", "/videos", () => expect(page.getByText(/Chao Phraya/).first()).toBeVisible()],
    ["video-captions", `/videos/${world.videoId}/captions`, heading(/./)],
    ["studio", "/studio", () => expect(page.getByRole("radiogroup", { name: "Built-in backgrounds" })).toBeVisible()],
    ["editor", "/editor", () => expect(page.getByRole("button", { name: /Timelines/ })).toBeVisible()],
    ["templates", "/templates", heading(/./)],
    ["bulk", "/bulk", heading(/./)],
    ["captions", "/captions", heading(/./)],
    ["calendar", "/calendar", heading(/./)],
    ["analytics", "/analytics", heading(/./)],
    ["settings", "/settings", heading(/./)],
    ["docs", "/docs", () => expect(page.getByRole("navigation", { name: "Endpoint groups" })).toBeVisible()],
  ];
  for (const [name, path, ready] of pages) {
    await visit(page, path, ready);
    await screenshots(page, `fit-${name}`, ALL_WIDTHS);
  }
});

test("the public channel and share pages fit the window at every width", async ({ page }) => {
  await visit(page, `/c/${world.handle}`, () => expect(page.getByRole("heading", { level: 1, name: "Somchai Rattanakosin-Wongsakul" })).toBeVisible());
  await screenshots(page, "fit-channel", ALL_WIDTHS);
  await page.getByTestId("channel-video-card").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await screenshots(page, "fit-channel-video", ALL_WIDTHS);
  await visit(page, world.sharePath, () => expect(page.locator("video").first()).toBeVisible());
  await screenshots(page, "fit-share", ALL_WIDTHS);
});

test("every dialog fits inside itself and the window at every width", async ({ page }) => {
  test.setTimeout(300_000);
  await new AuthPages(page).signIn(world.user.email, world.user.password);

  // A new API token: the form's dialog and its secret-once view.
  await page.goto("/settings");
  await page.getByLabel("Token name").fill("A token for the nightly publishing pipeline");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByTestId("new-api-token")).toBeVisible();
  await screenshots(page, "fit-dialog-new-token", ALL_WIDTHS);
  await page.getByRole("button", { name: "Done" }).click();
  await page.getByRole("button", { name: "Revoke A token for the nightly publishing pipeline" }).click();
  await expect(page.getByRole("alertdialog")).toBeVisible();
  await screenshots(page, "fit-dialog-revoke-token", ALL_WIDTHS);
  await page.getByRole("button", { name: "Keep" }).click();
  // Deleting the account: its typed confirmation names the (long) email.
  await page.getByRole("region", { name: "Account", exact: true }).getByRole("button", { name: "Delete account" }).click();
  await expect(page.getByRole("alertdialog")).toBeVisible();
  await screenshots(page, "fit-dialog-delete-account", ALL_WIDTHS);
  await page.getByRole("button", { name: "Keep my account" }).click();

  await page.goto(`/projects/${world.projectId}`);
  await page.getByRole("button", { name: "Approve & generate" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await screenshots(page, "fit-dialog-approve", ALL_WIDTHS);
  await page.keyboard.press("Escape");

  await page.goto(`/projects/${world.finishedId}`);
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByRole("alertdialog")).toBeVisible();
  await screenshots(page, "fit-dialog-delete-project", ALL_WIDTHS);
  await page.getByRole("button", { name: "Keep" }).click();
  await page.getByRole("button", { name: "Regenerate scene 1" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await screenshots(page, "fit-dialog-regenerate", ALL_WIDTHS);
  await page.keyboard.press("Escape");

  await page.goto("/calendar");
  await page.getByRole("button", { name: "New post" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await screenshots(page, "fit-dialog-new-post", ALL_WIDTHS);
  await page.keyboard.press("Escape");

  await page.goto("/videos");
  await page.getByRole("button", { name: /^Delete Sunrise over the Chao Phraya/ }).click();
  await expect(page.getByRole("alertdialog")).toBeVisible();
  await screenshots(page, "fit-dialog-delete-video", ALL_WIDTHS);
  await page.getByRole("button", { name: "Keep" }).click();

  // A saved timeline whose name has no space to break at, so the timelines dialog has a row to fit.
  await page.goto("/editor");
  await page.getByRole("tab", { name: "Settings" }).click();
  await page.getByLabel("Video name").fill(unbrokenTitle);
  await expect(page.getByTestId("save-status")).toHaveText("All changes saved");
  // The dialog lists the timelines the page was loaded with.
  await page.reload();
  for (const [button, name] of [
    ["Timelines", "timelines"],
    ["Export to API", "export"],
    ["Import", "import"],
  ] as const) {
    await page.getByRole("button", { name: button, exact: true }).click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await screenshots(page, `fit-dialog-${name}`, ALL_WIDTHS);
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toBeHidden();
  }
});
