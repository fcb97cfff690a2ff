import type { APIRequestContext } from "@playwright/test";
import { AuthPages } from "./pages/studio";
import { createApiUser, expect, photoPng, screenshots, test, type ApiUser } from "./fixtures";

/** A user with an API key (X-API-Key) and a character with a photo, known to the content-workflow API as a twin. */
async function creator(request: APIRequestContext, name = "Tech Creator"): Promise<ApiUser & { key: Record<string, string>; twinId: string }> {
  const user = await createApiUser(request);
  const token = await request.post("/api/v1/api-tokens", { headers: user.headers, data: { name: "bulk" } });
  expect(token.status(), await token.text()).toBe(201);
  const key = { "X-API-Key": (await token.json()).token };
  const person = await request.post("/api/v1/persons", {
    headers: user.headers,
    data: { name, description: "Explains things", photo_base64: (await photoPng(400, 500)).toString("base64") },
  });
  expect(person.status(), await person.text()).toBe(201);
  const [twin] = await (await request.get("/api/v1/public/twins", { headers: key })).json();
  return { ...user, key, twinId: twin.id };
}

const submit = (request: APIRequestContext, key: Record<string, string>, fields: Record<string, string>, csv: string) =>
  request.post("/api/v1/public/bulk/reels", {
    headers: key,
    multipart: { ...fields, csv_file: { name: "scripts.csv", mimeType: "text/csv", buffer: Buffer.from(csv) } },
  });

test("bulk reels API: the seed's CSV upload renders every row; refusals name row and column; another workspace gets 404", async ({ request }) => {
  const a = await creator(request);
  const b = await creator(request);
  const bad = await submit(request, a.key, { twin_id: a.twinId, platform: "instagram" }, "script,platform,voice_id\nHello world!,instagram,en-US\n,tiktok,\n");
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({ detail: "csv_file: row 2, column script: the script is empty", field: "csv_file" });
  const many = ["script,platform,voice_id", ...Array.from({ length: 101 }, (_, i) => `Line ${i}.,,`)].join("\n");
  expect((await submit(request, a.key, { twin_id: a.twinId, platform: "tiktok" }, many)).status()).toBe(403);

  const csv = "script,platform,voice_id,name\nHello {name}!,instagram,en-US,world\nCheck out this feature.,tiktok,en-US,\n";
  const res = await submit(request, a.key, { twin_id: a.twinId, platform: "instagram", quality: "draft" }, csv);
  expect(res.status(), await res.text()).toBe(202);
  const started = await res.json();
  expect(started).toMatchObject({ status: "queued", progress: 0, total_rows: 2, batch_id: started.task_id });

  await expect
    .poll(async () => (await (await request.get(`/api/v1/public/bulk/reels/${started.batch_id}`, { headers: a.key })).json()).status, { timeout: 120_000 })
    .toBe("done");
  const batch = await (await request.get(`/api/v1/public/bulk/reels/${started.batch_id}`, { headers: a.key })).json();
  expect(batch.rows.map((r: { script: string; status: string }) => [r.script, r.status])).toEqual([
    ["Hello world!", "done"],
    ["Check out this feature.", "done"],
  ]);
  const reel = await request.get(batch.rows[0].result_url);
  expect(reel.headers()["content-type"]).toBe("video/mp4");
  const task = await (await request.get(`/api/v1/tasks/${started.task_id}`, { headers: a.key })).json();
  expect(task).toMatchObject({ status: "done", progress: 100, result: { total_rows: 2, failed_rows: [], partial: false } });

  expect((await request.get(`/api/v1/public/bulk/reels/${started.batch_id}`, { headers: b.key })).status()).toBe(404);
  expect((await request.post(`/api/v1/public/bulk/reels/${started.batch_id}/retry`, { headers: b.key })).status()).toBe(404);
  expect((await request.get(`/api/bulk/${started.batch_id}/zip`, { headers: b.headers })).status()).toBe(404);
});

test("bulk page: preview flags a bad row before submit, the grid follows each reel, a failed reel is retried, and Download all zips them", async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  const user = await createApiUser(request);
  await new AuthPages(page).signIn(user.email, user.password);
  await page.goto("/bulk");
  await expect(page.getByRole("heading", { name: "Create a character first" })).toBeVisible();
  await screenshots(page, "bulk-empty");

  const person = await request.post("/api/v1/persons", {
    headers: user.headers,
    data: { name: "Tech Creator", description: "Explains things", photo_base64: (await photoPng(400, 500)).toString("base64") },
  });
  expect(person.status()).toBe(201);
  await page.reload();
  await expect(page.getByText("No batches yet")).toBeVisible();

  const csv = page.getByLabel("CSV", { exact: true });
  await csv.fill('script,platform,voice_id,name\n"Hello {name}, welcome back!",tiktok,,Ana\n,instagram,,\nTry this today.,facebook,,\n');
  const preview = page.getByRole("table", { name: "CSV preview" });
  await expect(preview.getByText("row 2, column script: the script is empty")).toBeVisible();
  await expect(preview.getByText(/row 3, column platform: facebook is not a platform/)).toBeVisible();
  await expect(preview.getByText("Hello Ana, welcome back!")).toBeVisible();
  await expect(page.getByRole("button", { name: /Render/ })).toBeDisabled();
  await screenshots(page, "bulk-preview-error");

  const scripts = ["Hello {name}, welcome back!", "Three tips for better hooks.", "Reels from a spreadsheet.", "This one is deleted while it waits."];
  await csv.fill(`script,platform,voice_id,name\n${scripts.map((s, i) => `"${s}",${["tiktok", "instagram", "youtube", "linkedin"][i]},,Ana`).join("\n")}\n`);
  await expect(preview.getByRole("row").filter({ has: page.getByLabel("Needs a fix") })).toHaveCount(0);
  await page.getByLabel("Quality").selectOption("final");
  await page.getByRole("button", { name: "Render 4 reels" }).press("Enter");
  await expect(page).toHaveURL(/\/bulk\?batch=/);
  const batchId = new URL(page.url()).searchParams.get("batch")!;

  // The last row's render is deleted while it waits its turn: the row fails and the batch ends partial.
  const jobs = await (await request.get("/api/v1/video-generation-jobs", { headers: user.headers })).json();
  const doomed = (jobs.items ?? jobs).find((j: { name: string }) => j.name.startsWith("Tech Creator: This one is deleted"));
  expect((await request.delete(`/api/v1/video-generation-jobs/${doomed.id}`, { headers: user.headers })).status()).toBeLessThan(300);

  const grid = page.getByRole("list", { name: "Reels" });
  await expect(grid.getByRole("listitem")).toHaveCount(4);
  await screenshots(page, "bulk-progress");
  await expect(page.getByRole("button", { name: "Retry 1 failed" })).toBeVisible({ timeout: 180_000 });
  await expect(grid.locator('li[data-status="succeeded"]')).toHaveCount(3);
  await screenshots(page, "bulk-partial");

  await page.getByRole("button", { name: "Retry 1 failed" }).click();
  await expect(grid.locator('li[data-status="succeeded"]')).toHaveCount(4, { timeout: 180_000 });
  await expect(page.getByRole("link", { name: "Download all (4)" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Retry/ })).toHaveCount(0);
  await screenshots(page, "bulk-finished");

  const zip = await page.request.get(`/api/bulk/${batchId}/zip`);
  expect(zip.status()).toBe(200);
  expect(zip.headers()["content-type"]).toBe("application/zip");
  const bytes = await zip.body();
  expect(bytes.subarray(0, 2).toString()).toBe("PK");
  for (const [i, p] of ["tiktok", "instagram", "youtube", "linkedin"].entries()) expect(bytes.includes(Buffer.from(`row-00${i + 1}-${p}.mp4`))).toBe(true);
  await expect(page.getByRole("link", { name: /Tech Creator · 4 reels/ })).toBeVisible();
});
