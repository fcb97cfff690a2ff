import type { APIRequestContext } from "@playwright/test";
import { AuthPages } from "./pages/studio";
import { createApiUser, expect, screenshots, test, type ApiUser } from "./fixtures";

async function render(request: APIRequestContext, user: ApiUser, name: string, draft: boolean) {
  const job = await request.post("/api/v1/video-generation-jobs", {
    headers: user.headers,
    data: {
      videoCreative: { settings: { name, videoSize: { width: 640, height: 360 } }, scenes: [{ duration: 1000, tracks: [{ type: "text", text: name }] }] },
      draft,
    },
  });
  expect(job.status(), await job.text()).toBe(200);
  const { id } = await job.json();
  await expect
    .poll(async () => (await (await request.get(`/api/v1/video-generation-jobs/${id}`, { headers: user.headers })).json()).status, { timeout: 120_000 })
    .toBe("finished");
}

test("the Videos page searches by name and filters by kind through the URL, with drafts under their final", async ({ page, request }) => {
  const user = await createApiUser(request);
  await render(request, user, "Harbour sunrise", true);
  await render(request, user, "Harbour sunrise", false);
  await render(request, user, "Night market", false);
  await new AuthPages(page).signIn(user.email, user.password);

  await page.goto("/videos");
  const cards = page.locator("li[id^=video-]").filter({ has: page.locator("video") });
  await expect(cards).toHaveCount(2);
  const harbour = cards.filter({ hasText: "Harbour sunrise" });
  await expect(harbour.getByText("1 draft of this video")).toBeVisible();
  await harbour.getByText("1 draft of this video").click();
  await expect(harbour.getByRole("list", { name: "Drafts" }).getByText("Draft")).toBeVisible();
  await screenshots(page, "videos-filters");

  const search = page.getByRole("search", { name: "Filter videos" });
  await search.getByLabel("Name").fill("night");
  await search.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/[?&]q=night/);
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText("Night market");

  // The URL is the filter: opening it fresh shows the same list, and a kind with no videos says so.
  await page.goto("/videos?q=night&kind=story");
  await expect(page.getByRole("heading", { name: "No videos match" })).toBeVisible();
  await expect(page.getByText(/among story videos/)).toBeVisible();
  await screenshots(page, "videos-no-match");
  await page.getByRole("link", { name: "Show all videos" }).click();
  await expect(cards).toHaveCount(2);

  // A stale or forged filter is dropped, not an error.
  await page.goto("/videos?kind=movie&character=abc");
  await expect(cards).toHaveCount(2);
});
