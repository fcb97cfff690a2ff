import http from "node:http";
import os from "node:os";
import path from "node:path";
import fs from "node:fs/promises";
import type { APIRequestContext } from "@playwright/test";
import { probe } from "../lib/media/ffmpeg";
import { signPayload } from "../lib/webhooks/sign";
import { WEBHOOK_TEST_PORT } from "./playwright.config";
import { createApiUser, expect, photoPng, snap, test, type ApiUser } from "./fixtures";
import { AuthPages, ProjectPages } from "./pages/studio";

const API = "/api/v1";

async function poll<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 180_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out; last: ${JSON.stringify(v).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function completedProject(request: APIRequestContext, user: ApiUser, opts: { lastSceneAvatar?: boolean } = {}) {
  const person = await (
    await request.post(`${API}/persons`, {
      headers: user.headers,
      data: { name: "Mara Quinn", description: "Lighthouse keeper", photo_base64: (await photoPng()).toString("base64") },
    })
  ).json();
  const story = await request.post(`${API}/stories/create`, {
    headers: user.headers,
    data: {
      person_id: person.id,
      story_idea: "A lighthouse keeper's last night before the lamp is automated",
      num_scenes: 2,
      use_avatar_last_scene: !!opts.lastSceneAvatar,
    },
  });
  expect(story.status()).toBe(201);
  const project = await story.json();
  expect((await request.post(`${API}/scene-projects/${project.id}/approve`, { headers: user.headers, data: { confirm_credits: true } })).status()).toBe(202);
  await poll(
    () => request.get(`${API}/scene-projects/${project.id}/status`, { headers: user.headers }).then((r) => r.json()),
    (s) => s.status === "completed",
  );
  return (await request.get(`${API}/scene-projects/${project.id}`, { headers: user.headers })).json();
}

/** Downloads a media URL and probes it. */
async function probeUrl(request: APIRequestContext, url: string) {
  const res = await request.get(url);
  expect(res.status()).toBe(200);
  const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), "e2e-probe-")), "v.mp4");
  await fs.writeFile(file, await res.body());
  const info = await probe(file);
  return { info, video: info.streams.find((s) => s.codecType === "video")!, bytes: await fs.readFile(file) };
}

test("regenerate one scene, then upscale: the API, its errors, the events and the credits", async ({ request }) => {
  const user = await createApiUser(request);
  const received: Array<{ event: string; raw: string; timestamp: string; signature: string }> = [];
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      received.push({
        event: String(req.headers["cinetwin-event"]),
        raw,
        timestamp: String(req.headers["cinetwin-timestamp"]),
        signature: String(req.headers["cinetwin-signature"]),
      });
      res.end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(WEBHOOK_TEST_PORT, "127.0.0.1", r));
  try {
    const hook = await (
      await request.post(`${API}/webhooks`, {
        headers: user.headers,
        data: { url: `http://127.0.0.1:${WEBHOOK_TEST_PORT}/hook`, events: ["scene.regenerated", "upscale.completed"] },
      })
    ).json();
    expect(hook.secret).toBeTruthy();

    const project = await completedProject(request, user, { lastSceneAvatar: true });
    const first = await probeUrl(request, project.final_video_url);
    expect(project.final_video_url_upscaled).toBeNull();
    const me = async () => (await (await request.get(`${API}/auth/me`, { headers: user.headers })).json()).credits as number;
    const before = await me();
    const usedBefore = (await (await request.get(`${API}/scene-projects/${project.id}/status`, { headers: user.headers })).json()).credits_used as number;
    // Two scenes of at least 3 s each, at 10 credits a second.
    expect(usedBefore).toBeGreaterThanOrEqual(60);

    // Errors first: nothing is charged or queued.
    const other = await createApiUser(request);
    expect((await request.post(`${API}/scene-projects/${project.id}/scenes/1/regenerate`, { headers: other.headers, data: {} })).status()).toBe(404);
    expect((await request.post(`${API}/scene-projects/${project.id}/upscale`, { headers: other.headers })).status()).toBe(404);
    expect((await request.post(`${API}/scene-projects/${project.id}/scenes/1/regenerate`, { data: {} })).status()).toBe(401);
    expect((await request.post(`${API}/scene-projects/${project.id}/scenes/9/regenerate`, { headers: user.headers, data: {} })).status()).toBe(404);
    const nothing = await request.post(`${API}/scene-projects/${project.id}/scenes/1/regenerate`, {
      headers: user.headers,
      data: { regenerate_image: false, regenerate_video: false },
    });
    expect(nothing.status()).toBe(400);
    expect((await nothing.json()).detail).toMatch(/regenerate_image or regenerate_video/);
    const badType = await request.post(`${API}/scene-projects/${project.id}/scenes/1/regenerate`, { headers: user.headers, data: { regenerate_image: "yes" } });
    expect(badType.status()).toBe(400);
    expect((await badType.json()).detail).toMatch(/regenerate_image/);
    const avatarClipOnly = await request.post(`${API}/scene-projects/${project.id}/scenes/2/regenerate`, {
      headers: user.headers,
      data: { regenerate_image: false, regenerate_video: true },
    });
    expect(avatarClipOnly.status()).toBe(400);
    expect((await avatarClipOnly.json()).detail).toMatch(/talking head/);
    const broken = await request.post(`${API}/scene-projects/${project.id}/scenes/1/regenerate`, {
      headers: { ...user.headers, "Content-Type": "application/json" },
      data: "{ not json",
    });
    expect(broken.status()).toBe(400);
    expect(await me()).toBe(before);

    const started = await request.post(`${API}/scene-projects/${project.id}/scenes/1/regenerate`, {
      headers: user.headers,
      data: { regenerate_image: true, regenerate_video: true, updated_image_prompt: "A storm over the lighthouse, waves breaking on black rocks" },
    });
    expect(started.status()).toBe(202);
    const regen = await started.json();
    expect(regen).toMatchObject({ id: project.id, scene_number: 1, status: "generating", progress: 0 });
    expect(regen.credits_reserved).toBeGreaterThanOrEqual(30);
    expect(await me()).toBe(before - regen.credits_reserved);
    // While it runs, the project cannot be regenerated again or upscaled.
    expect((await request.post(`${API}/scene-projects/${project.id}/scenes/2/regenerate`, { headers: user.headers, data: {} })).status()).toBe(400);
    expect((await request.post(`${API}/scene-projects/${project.id}/upscale`, { headers: user.headers })).status()).toBe(400);

    const status = await poll(
      () => request.get(`${API}/scene-projects/${project.id}/status`, { headers: user.headers }).then((r) => r.json()),
      (s) => s.status === "completed",
    );
    expect(status.credits_used).toBe(usedBefore + regen.credits_reserved);
    const after = await (await request.get(`${API}/scene-projects/${project.id}`, { headers: user.headers })).json();
    expect(after.scenes[0].image_prompt).toMatch(/storm over the lighthouse/);
    expect(after.scenes[0].image_url).not.toBe(project.scenes[0].image_url);
    expect(new URL(after.scenes[1].video_url).pathname).toBe(new URL(project.scenes[1].video_url).pathname);
    const second = await probeUrl(request, after.final_video_url);
    expect(second.bytes.equals(first.bytes)).toBe(false);
    expect(Math.abs(second.info.durationMs - first.info.durationMs)).toBeLessThan(300);
    expect(await me()).toBe(before - regen.credits_reserved);

    const up = await request.post(`${API}/scene-projects/${project.id}/upscale`, { headers: user.headers });
    expect(up.status()).toBe(202);
    expect(await up.json()).toMatchObject({ id: project.id, status: "upscaling" });
    const upscaled = await poll(
      () => request.get(`${API}/scene-projects/${project.id}`, { headers: user.headers }).then((r) => r.json()),
      (p) => !!p.final_video_url_upscaled || p.upscale_status === "failed",
    );
    expect(upscaled.upscale_status).toBe("completed");
    const big = await probeUrl(request, upscaled.final_video_url_upscaled);
    expect({ w: big.video.width, h: big.video.height }).toEqual({ w: second.video.width! * 2, h: second.video.height! * 2 });
    expect(await me()).toBe(before - regen.credits_reserved);
    const again = await request.post(`${API}/scene-projects/${project.id}/upscale`, { headers: user.headers });
    expect(again.status()).toBe(200);
    expect((await again.json()).status).toBe("completed");

    // Both events reached the receiver, signed with the endpoint's secret.
    await poll(
      async () => received.length,
      (n) => n >= 2,
      60_000,
    );
    expect(received.map((r) => r.event).sort()).toEqual(["scene.regenerated", "upscale.completed"]);
    for (const r of received) expect(r.signature).toBe(signPayload(hook.secret, r.timestamp, r.raw));
    expect(JSON.parse(received.find((r) => r.event === "scene.regenerated")!.raw)).toMatchObject({ id: project.id, scene_number: 1, status: "completed" });
    expect(JSON.parse(received.find((r) => r.event === "upscale.completed")!.raw)).toMatchObject({
      id: project.id,
      status: "completed",
      width: big.video.width,
    });
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
});

test("a proposed project cannot be regenerated or upscaled", async ({ request }) => {
  const user = await createApiUser(request);
  const person = await (
    await request.post(`${API}/persons`, { headers: user.headers, data: { name: "Ivo", photo_base64: (await photoPng()).toString("base64") } })
  ).json();
  const project = await (
    await request.post(`${API}/stories/create`, {
      headers: user.headers,
      data: { person_id: person.id, story_idea: "A baker's first morning in a new town", num_scenes: 2 },
    })
  ).json();
  const regen = await request.post(`${API}/scene-projects/${project.id}/scenes/1/regenerate`, { headers: user.headers, data: {} });
  expect(regen.status()).toBe(400);
  expect((await regen.json()).detail).toMatch(/completed project.*proposed/);
  const up = await request.post(`${API}/scene-projects/${project.id}/upscale`, { headers: user.headers });
  expect(up.status()).toBe(400);
  expect((await up.json()).detail).toMatch(/Only a completed project can be upscaled/);
});

test("in the studio: regenerate a scene's clip and upscale the video", async ({ page, request }) => {
  const user = await createApiUser(request);
  const project = await completedProject(request, user, { lastSceneAvatar: true });
  await new AuthPages(page).signIn(user.email, user.password);
  await page.goto(`/projects/${project.id}`);
  const pages = new ProjectPages(page);
  await expect(pages.scene(2).getByText("Talking head")).toBeVisible();
  await expect(page.getByTestId("final-video")).toBeVisible();
  await snap(page, "project-completed");

  await pages.scene(1).getByRole("button", { name: "Regenerate scene 1" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("regenerate-cost")).toHaveText(/\d+ credits · you have \d+/);
  await dialog.getByLabel(/New clip from the same image/).check();
  await expect(dialog.getByLabel("Image prompt")).toHaveCount(0);
  await dialog.getByRole("textbox", { name: "Camera move" }).fill("Slow pan right across the rocks");
  await snap(page, "project-regenerate-dialog");
  await dialog.getByRole("button", { name: /Regenerate for \d+ credits/ }).click();
  await expect(page.getByText(/Regenerating scene 1: \d+ credits reserved/)).toBeVisible();
  await expect(page.getByText(/Regenerating scene 1 ·/)).toBeVisible();
  await expect(page.getByTestId("final-video")).toBeVisible({ timeout: 180_000 });
  await expect(pages.scene(1).getByText("Pan right", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: /Upscale 2x/ }).click();
  await expect(page.getByTestId("download-upscaled")).toBeVisible({ timeout: 180_000 });
  await page.getByLabel("Play the upscaled version").check();
  await expect(page.getByTestId("final-video")).toHaveAttribute("src", /\/api\/media\//);
  await snap(page, "project-upscaled");
});
