import type { APIRequestContext } from "@playwright/test";
import { createApiUser, expect, photoPng, screenshots, test } from "./fixtures";

/** An avatar render of the twin speaking `script`, waited for until it is done; its video's URL. */
async function render(request: APIRequestContext, key: Record<string, string>, twinId: string, script: string): Promise<string> {
  const started = await request.post("/api/v1/public/multimodal/avatar/generate", { headers: key, data: { twin_id: twinId, script } });
  expect(started.status(), await started.text()).toBe(202);
  const { task_id } = await started.json();
  let videoUrl = "";
  await expect
    .poll(
      async () => {
        const task = await (await request.get(`/api/v1/tasks/${task_id}`, { headers: key })).json();
        videoUrl = task.result?.video_url ?? "";
        return task.status;
      },
      { timeout: 180_000, intervals: [1000] },
    )
    .toBe("done");
  return videoUrl;
}

/** A creator with a character (photo and all), known to the content-workflow API as a twin. */
async function creator(request: APIRequestContext) {
  const user = await createApiUser(request);
  const token = await request.post("/api/v1/api-tokens", { headers: user.headers, data: { name: "channel" } });
  const key = { "X-API-Key": (await token.json()).token as string };
  const person = await request.post("/api/v1/persons", {
    headers: user.headers,
    data: { name: "Maya Lin", description: "Street food explorer in Lisbon", photo_base64: (await photoPng(400, 400)).toString("base64") },
  });
  expect(person.status(), await person.text()).toBe(201);
  const [twin] = await (await request.get("/api/v1/public/twins", { headers: key })).json();
  return { ...user, key, twinId: twin.id as string };
}

/** Publishes a video to the twin's channel through the content-workflow API, waited for until it is out. */
async function publishToChannel(request: APIRequestContext, key: Record<string, string>, twinId: string, reelUrl: string, title: string, caption: string) {
  const started = await request.post("/api/v1/public/social/publish", {
    headers: key,
    data: { platforms: ["channel"], reel_url: reelUrl, caption, twin_id: twinId, title },
  });
  expect(started.status(), await started.text()).toBe(202);
  const [{ task_id }] = (await started.json()).results;
  let postUrl = "";
  await expect
    .poll(
      async () => {
        const job = await (await request.get(`/api/v1/public/social/publish/${task_id}`, { headers: key })).json();
        postUrl = job.result?.post_url ?? "";
        return job.status;
      },
      { timeout: 60_000, intervals: [500] },
    )
    .toBe("done");
  const [, handle, channelVideoId] = /\/c\/([^/]+)\/([0-9a-f-]{36})$/.exec(postUrl)!;
  return { handle, channelVideoId };
}

test("the built-in channel: a published video on the public channel and video pages, feeds, and one view per viewer per day", async ({ page, request }) => {
  const maya = await creator(request);
  const first = await render(request, maya.key, maya.twinId, "Morning in Alfama. The trams are already climbing the hill.");
  const older = await publishToChannel(request, maya.key, maya.twinId, first, "Morning walk through Alfama", "");
  const second = await render(request, maya.key, maya.twinId, "Good morning from Lisbon. Today we find the best pastel de nata in town.");
  const caption = "Six bakeries, one winner.\nFull list: https://example.com/nata #lisbon #pastry <b>not bold</b>";
  const { handle, channelVideoId } = await publishToChannel(request, maya.key, maya.twinId, second, "The best pastel de nata in Lisbon", caption);
  expect(older.handle).toBe(handle);

  // The page is an anonymous visitor's: the creator's session lives in the API request context only.
  await page.goto(`/c/${handle}`);
  await expect(page.getByRole("heading", { level: 1, name: "Maya Lin" })).toBeVisible();
  await expect(page.getByText("Street food explorer in Lisbon")).toBeVisible();
  await expect(page.getByTestId("channel-video-card")).toHaveCount(2);
  await expect(page.getByTestId("channel-video-card").first()).toContainText("The best pastel de nata in Lisbon");
  await expect(page.locator('link[rel="alternate"][type="application/rss+xml"]')).toHaveAttribute("href", new RegExp(`/c/${handle}/rss.xml$`));
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", "Maya Lin");
  await expect(page.getByTestId("channel-photo")).toHaveJSProperty("complete", true);
  await screenshots(page, "channel");

  await page.getByTestId("channel-video-card").first().click();
  await expect(page).toHaveURL(new RegExp(`/c/${handle}/${channelVideoId}$`));
  await expect(page.getByRole("heading", { level: 1, name: "The best pastel de nata in Lisbon" })).toBeVisible();
  await expect(page.getByTestId("video-caption")).toHaveText(caption);
  await expect(page.getByTestId("video-caption").locator("b, a")).toHaveCount(0);
  await expect(page.locator('meta[property="og:video"]')).toHaveAttribute("content", new RegExp(`/c/${handle}/${channelVideoId}/video.mp4$`));
  await expect(page.getByText("More from this channel")).toBeVisible();

  // The view beacon fires on load; playing adds a play. Reloading is the same viewer on the same day.
  const play = page.waitForResponse((r) => r.url().endsWith(`/api/channel/${channelVideoId}/events`) && r.request().postData()?.includes('"play"') === true);
  await page.getByTestId("channel-player").evaluate((v: HTMLVideoElement) => v.play());
  expect((await play).status()).toBe(204);
  await page.reload();
  await expect(page.getByTestId("video-views")).toHaveText("1 view");
  await page.reload();
  await expect(page.getByTestId("video-views")).toHaveText("1 view");
  await page.getByTestId("channel-player").evaluate((v: HTMLVideoElement) => new Promise((ok) => (v.readyState >= 2 ? ok(null) : (v.onloadeddata = ok))));
  await screenshots(page, "channel-video");

  // Feeds and the stable file URL, as a feed reader fetches them.
  const rss = await request.get(`/c/${handle}/rss.xml`);
  expect(rss.headers()["content-type"]).toContain("application/rss+xml");
  expect(await rss.text()).toContain(`/c/${handle}/${channelVideoId}/video.mp4`);
  const json = await (await request.get(`/c/${handle}/feed.json`)).json();
  expect(json.items).toHaveLength(2);
  const ranged = await request.get(`/c/${handle}/${channelVideoId}/video.mp4`, { headers: { Range: "bytes=0-1023" } });
  expect(ranged.status()).toBe(206);
  expect((await ranged.body()).length).toBe(1024);
  expect((await request.get(`/c/${handle}/${older.channelVideoId}x`)).status()).toBe(404);
  expect((await request.get(`/c/no-such-channel-${Date.now()}`)).status()).toBe(404);
});
