import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { CHROMIUM_PATH } from "./browser";
import { createApiUser, expect, snap, test, type ApiUser } from "./fixtures";
import { AuthPages } from "./pages/studio";
import { VoicePanel } from "./pages/voice";

// Samples are made here, with the same tools the server uses; nothing is committed.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinetwin-e2e-voice-"));
const TEXT =
  "Every great company starts with a single line of code, and a founder who refuses to give up. " +
  "We shipped the product on a rainy Tuesday morning, and nobody noticed until the reviews came in.";
const espeak = (name: string, flags: string[]) => {
  const file = path.join(dir, name);
  execFileSync("espeak-ng", [...flags, "-w", file, TEXT]);
  return file;
};
const highVoice = espeak("high.wav", ["-v", "en-us+f3", "-p", "70", "-s", "150"]);
const lowVoice = espeak("low.wav", ["-p", "15", "-s", "200"]);
const wav = (file: string, name = "voice_sample.wav") => ({ name, mimeType: "audio/wav", buffer: fs.readFileSync(file) });

test.afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function person(request: APIRequestContext, u: ApiUser, name = "Alex Chen") {
  const res = await request.post("/api/v1/persons", { headers: u.headers, data: { name, description: "Tech startup founder" } });
  expect(res.status()).toBe(201);
  return (await res.json()) as { id: number; has_voice: boolean; voice_status: string };
}

const clone = (request: APIRequestContext, headers: Record<string, string>, multipart: Record<string, string | ReturnType<typeof wav>>) =>
  request.post("/api/v1/voice-clone/clone", { headers, multipart });

test("API: a voice cloned from a multipart sample turns has_voice true", async ({ request }) => {
  const u = await createApiUser(request);
  const p = await person(request, u);
  expect(p).toMatchObject({ has_voice: false, voice_status: "none" });

  // Exactly the seed's request: provider=elevenlabs, served by the local profiler here.
  const res = await clone(request, u.headers, { person_id: String(p.id), provider: "elevenlabs", audio_file: wav(highVoice) });
  expect(res.status(), await res.text()).toBe(202);
  const body = await res.json();
  expect(body).toMatchObject({ person_id: p.id, status: "processing", provider: "local", requested_provider: "elevenlabs" });
  expect(body.message).toMatch(/elevenlabs is not configured/);
  expect(body.sample_duration_seconds).toBeGreaterThan(8);

  await expect
    .poll(async () => (await (await request.get(`/api/v1/persons/${p.id}`, { headers: u.headers })).json()).has_voice, { timeout: 60_000, intervals: [500] })
    .toBe(true);
  const ready = await (await request.get(`/api/v1/persons/${p.id}`, { headers: u.headers })).json();
  expect(ready).toMatchObject({ has_voice: true, voice_status: "ready", voice_error: null });
  // The clone is a speakerId of its own in the timeline dialect, listed first; strangers never see it.
  const voices = await (await request.get("/api/v1/assets/voices?limit=3", { headers: u.headers })).json();
  expect(voices[0]).toMatchObject({ name: `character-${p.id}`, isClonedVoice: true, displayName: expect.stringContaining("cloned voice") });
  expect(voices).toHaveLength(3);
  const stranger = await createApiUser(request);
  const theirs = await (await request.get("/api/v1/assets/voices", { headers: stranger.headers })).json();
  expect(theirs.some((v: { name: string }) => v.name === `character-${p.id}`)).toBe(false);

  const doc = await (await request.get("/api/openapi.json")).json();
  const form = doc.paths["/api/v1/voice-clone/clone"].post.requestBody.content["multipart/form-data"].schema;
  expect(form.properties.audio_file).toMatchObject({ type: "string", format: "binary" });
  expect(form.required).toEqual(expect.arrayContaining(["person_id", "audio_file"]));
});

test("docs: the voice-clone endpoint is in the API reference", async ({ page }) => {
  await page.goto("/docs");
  await expect(page.getByRole("heading", { name: "Clone a person's voice from an audio sample" })).toBeVisible();
  await expect(page.getByText("/api/v1/voice-clone/clone", { exact: true })).toBeVisible();
  // The multipart fields are listed with their descriptions.
  const fields = page.getByRole("table", { name: "Request body of POST /api/v1/voice-clone/clone" });
  await expect(fields.getByRole("row", { name: /audio_file.*The voice sample · format: binary/ })).toBeVisible();
  await expect(fields.getByRole("row", { name: /person_id.*required/ })).toBeVisible();
});

test("API: bad samples, missing fields, strangers and anonymous callers are refused", async ({ request }) => {
  const a = await createApiUser(request);
  const b = await createApiUser(request);
  const mine = await person(request, a);
  const theirs = await person(request, b, "Bo");
  const id = String(mine.id);
  const detail = async (res: Awaited<ReturnType<typeof clone>>, status: number) => {
    expect(res.status(), await res.text()).toBe(status);
    return (await res.json()).detail as string;
  };

  expect(await detail(await clone(request, {}, { person_id: id, audio_file: wav(lowVoice) }), 401)).toBeTruthy();
  expect(await detail(await clone(request, a.headers, { provider: "local", audio_file: wav(lowVoice) }), 400)).toMatch(/person_id/);
  expect(await detail(await clone(request, a.headers, { person_id: "abc", audio_file: wav(lowVoice) }), 400)).toMatch(/person_id/);
  expect(await detail(await clone(request, a.headers, { person_id: id, provider: "acme", audio_file: wav(lowVoice) }), 400)).toMatch(/provider/);
  expect(await detail(await clone(request, a.headers, { person_id: id }), 400)).toMatch(/audio_file is required/);
  const text = { name: "voice.mp3", mimeType: "audio/mpeg", buffer: Buffer.from("definitely not audio\n".repeat(200)) };
  expect(await detail(await clone(request, a.headers, { person_id: id, audio_file: text }), 400)).toMatch(/audio_file is not an audio file/);
  const empty = { name: "empty.wav", mimeType: "audio/wav", buffer: Buffer.alloc(0) };
  expect(await detail(await clone(request, a.headers, { person_id: id, audio_file: empty }), 400)).toMatch(/audio_file is empty/);
  const short = path.join(dir, "short.wav");
  execFileSync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=180:duration=1", short]);
  expect(await detail(await clone(request, a.headers, { person_id: id, audio_file: wav(short) }), 400)).toMatch(/audio_file is too short/);
  const huge = { name: "huge.wav", mimeType: "audio/wav", buffer: Buffer.concat([fs.readFileSync(lowVoice), Buffer.alloc(21 * 1024 * 1024)]) };
  expect(await detail(await clone(request, a.headers, { person_id: id, audio_file: huge }), 400)).toMatch(/audio_file is too large/);
  const json = await request.post("/api/v1/voice-clone/clone", { headers: a.headers, data: { person_id: mine.id } });
  expect(await detail(json, 400)).toMatch(/multipart\/form-data/);

  // Another workspace's person, and one that does not exist, are both simply not found.
  expect(await detail(await clone(request, a.headers, { person_id: String(theirs.id), audio_file: wav(lowVoice) }), 404)).toMatch(/not found/);
  expect(await detail(await clone(request, a.headers, { person_id: "999999", audio_file: wav(lowVoice) }), 404)).toMatch(/not found/);
  for (const [u, p] of [
    [a, mine],
    [b, theirs],
  ] as const) {
    const after = await (await request.get(`/api/v1/persons/${p.id}`, { headers: u.headers })).json();
    expect(after).toMatchObject({ has_voice: false, voice_status: "none" });
  }
});

test("studio: upload a sample on the character page, watch it become ready, preview the voice", async ({ page, request }) => {
  const u = await createApiUser(request);
  const p = await person(request, u, "Maya Ortiz");
  await new AuthPages(page).signIn(u.email, u.password);
  await page.goto(`/characters/${p.id}`);
  const voice = new VoicePanel(page);
  await expect(voice.region().getByText("No voice yet")).toBeVisible();
  await expect(voice.status()).toHaveAttribute("data-status", "none");

  // Before cloning, the preview speaks in the default narrator's voice.
  const before = await voice.preview();
  expect(before).toMatch(/v=default/);

  await voice.upload(wav(highVoice, "maya.wav"));
  await expect(voice.status()).toHaveAttribute("data-status", /processing|ready/);
  await voice.waitUntil("ready");
  await expect(voice.region().getByText(/Voice ready/)).toBeVisible();
  await expect(voice.region().getByText(/words\/min/)).toBeVisible();
  await expect(voice.region().getByText("Higher register")).toBeVisible();

  const src = await voice.preview();
  expect(src).not.toBe(before);
  const audio = await page.request.get(src);
  expect(audio.status()).toBe(200);
  expect(audio.headers()["content-type"]).toBe("audio/wav");
  expect((await audio.body()).length).toBeGreaterThan(20_000);
  await snap(page, "character-voice");

  // A sample without speech fails with the reason, and the studio offers a retry.
  const silence = path.join(dir, "silence.wav");
  execFileSync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono", "-t", "5", silence]);
  await voice.upload(wav(silence, "silence.wav"));
  await voice.waitUntil("failed");
  await expect(voice.region().getByRole("alert")).toContainText("No voice could be heard");
  await snap(page, "character-voice-failed");
  // Try again analyses the stored sample once more (through the server action): same verdict.
  await voice.region().getByRole("button", { name: "Try again" }).click();
  await expect(voice.status()).toHaveAttribute("data-status", "processing");
  await voice.waitUntil("failed");
  await expect(voice.region().getByRole("alert")).toContainText("No voice could be heard");
  const api = await (await request.get(`/api/v1/persons/${p.id}`, { headers: u.headers })).json();
  expect(api).toMatchObject({ has_voice: false, voice_status: "failed" });
});

test("studio: record a sample with the microphone, stop, and get a voice", async ({ playwright, baseURL, request }) => {
  // A browser of its own whose fake microphone plays real speech, so MediaRecorder records it.
  const mic = espeak("mic.wav", ["-v", "en-us+f3", "-p", "65", "-s", "160"]);
  const browser = await playwright.chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ["--no-sandbox", "--disable-gpu", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", `--use-file-for-fake-audio-capture=${mic}`],
  });
  try {
    const context = await browser.newContext({ baseURL, permissions: ["microphone"] });
    const page = await context.newPage();
    const u = await createApiUser(request);
    const p = await person(request, u, "Rae");
    await new AuthPages(page).signIn(u.email, u.password);
    await page.goto(`/characters/${p.id}`);
    const voice = new VoicePanel(page);

    await voice.region().getByRole("button", { name: "Record a sample" }).click();
    const indicator = voice.region().getByTestId("recording-indicator");
    await expect(indicator).toBeVisible();
    await expect(indicator).toContainText(/Recording 0:0[6-9]/, { timeout: 15_000 });
    await snap(page, "character-voice-recording");
    // The stop button takes focus when recording starts, so the keyboard ends the take.
    await expect(voice.region().getByRole("button", { name: "Stop recording" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(indicator).toBeHidden();

    await voice.waitUntil("ready");
    await expect(voice.region().getByText("Higher register")).toBeVisible();
    const api = await (await request.get(`/api/v1/persons/${p.id}`, { headers: u.headers })).json();
    expect(api).toMatchObject({ has_voice: true, voice_status: "ready" });
  } finally {
    await browser.close();
  }
});

test("studio: a new character is offered the clearest voice, previews it by name, and keeps the voice chosen", async ({ page, request }) => {
  const u = await createApiUser(request);
  await new AuthPages(page).signIn(u.email, u.password);
  await page.goto("/characters/new");
  await page.getByLabel("Name").fill("Rosa Lind");
  const picker = page.getByRole("combobox", { name: "Voice", exact: true });
  await expect(picker).toHaveValue("local-en-us-slt");
  await expect(picker.locator("option:checked")).toHaveText("Sarah · English (US), clearest");

  await page.getByRole("button", { name: "Preview the voice" }).click();
  const audio = page.getByLabel("Preview of the chosen voice");
  await expect(audio).toHaveAttribute("src", /\/api\/voices\/preview\?voiceId=local-en-us-slt&name=Rosa\+Lind/);
  await expect(audio).toHaveAttribute("data-played", "true");
  const wavRes = await page.request.get((await audio.getAttribute("src"))!);
  expect(wavRes.headers()["content-type"]).toBe("audio/wav");
  // A voice the catalogue does not have is a 400 that names it.
  const bad = await page.request.get("/api/voices/preview?voiceId=klingon-1");
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({ field: "voiceId", detail: expect.stringMatching(/^there is no voice "klingon-1"; available: local-en-us-slt/) });

  await picker.selectOption("local-en-gb-f3");
  await snap(page, "character-new-voice");
  await page.getByRole("button", { name: "Create character" }).click();
  await expect(page).toHaveURL(/\/characters\/\d+$/);
  await expect(page.getByRole("combobox", { name: "Voice", exact: true })).toHaveValue("local-en-gb-f3");
  // The character page's preview speaks the chosen voice before any sample is cloned.
  expect(await new VoicePanel(page).preview()).toMatch(/v=local-en-gb-f3/);
});
