import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { creditLedger } from "@/db/schema/credits";
import { media } from "@/db/schema/media";
import { generatedVideos } from "@/db/schema/videos";
import { POST as burnIn } from "@/app/api/v1/public/captions/[captionId]/burn-in/route";
import { GET as getCaption } from "@/app/api/v1/public/captions/[captionId]/route";
import { POST as generate } from "@/app/api/v1/public/captions/generate/route";
import { GET as getTask } from "@/app/api/v1/tasks/[taskId]/route";
import { GET as getMediaFile } from "@/app/api/media/[mediaId]/route";
import { getBalance } from "@/lib/credits/ledger";
import { startFakeOpenAI } from "@/lib/providers/fakes/openai";
import { saveProviderSetting } from "@/lib/providers/settings-store";
import { LocalSpeechProvider } from "@/lib/providers/speech/local";
import { voiceBySpeakerId } from "@/lib/providers/speech/voices";
import { parseSrt } from "@/lib/render/captions";
import { storage } from "@/lib/storage/local";
import { signedMediaPath } from "@/lib/storage/media";
import { espeakWav } from "@/lib/test/audio";
import { makeCharacter } from "@/lib/test/factories";
import { waitUntil } from "@/lib/test/wait";
import { useJobWorker } from "@/lib/test/worker";
import { providerSettingInput } from "@/lib/validation/provider-settings";
import { actorIdOf } from "@/lib/videos/engine";
import { createVideoJob } from "@/lib/videos/service";
import { apiClient } from "./test-client";

// Auth.js's Next.js entry does not load outside Next.js; these routes take API keys, never the session.
vi.mock("@/lib/auth/auth", () => ({ auth: async () => null }));

useJobWorker();

const run = promisify(execFile);
type Client = Awaited<ReturnType<typeof apiClient>>;
let dir: string;
/** A 3 s clip not made by Cinetwin: espeak speech over a flat light-grey picture (so captions show clearly). */
let clip: string;
const CLIP_TEXT = "Good morning. Welcome to the studio.";

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "captions-test-"));
  const wav = await espeakWav(path.join(dir, "speech.wav"), CLIP_TEXT);
  clip = path.join(dir, "clip.mp4");
  await run("ffmpeg", [
    "-v",
    "error",
    "-y",
    "-f",
    "lavfi",
    "-i",
    "color=c=0xc8c8c8:size=320x240:rate=25",
    "-i",
    wav,
    "-shortest",
    "-c:v",
    "libx264",
    "-preset",
    "ultrafast",
    "-pix_fmt",
    "yuv420p",
    "-c:a",
    "aac",
    clip,
  ]);
});

/** POST /captions/generate as multipart, the way curl -F sends it. */
async function generateForm(client: Client, fields: Record<string, string | Blob>, key: string | null = client.token) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const headers: Record<string, string> = { host: "studio.test" };
  if (key) headers["x-api-key"] = key;
  const res = await generate(new Request("http://studio.test/api/v1/public/captions/generate", { method: "POST", headers, body: form }), {
    params: Promise.resolve({}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const fileOf = async (p: string, type: string) => new File([await fs.readFile(p)], path.basename(p), { type });

const caption = (client: Client, captionId: string, key?: string) =>
  client.call(getCaption, `/api/v1/public/captions/${captionId}`, { params: { captionId }, key });

const pollTask = (client: Client, taskId: string) =>
  waitUntil(
    `task ${taskId}`,
    () => client.call(getTask, `/api/v1/tasks/${taskId}`, { params: { taskId } }),
    (r) => r.body.status === "done" || r.body.status === "error",
    240_000,
  );

/** The frame at `atS` of a video as raw grey pixels (w*h bytes). */
async function frameGray(file: string, atS: number, w: number, h: number): Promise<Buffer> {
  const out = path.join(dir, `frame-${Math.random().toString(36).slice(2)}.gray`);
  await run("ffmpeg", [
    "-v",
    "error",
    "-y",
    "-ss",
    String(atS),
    "-i",
    file,
    "-frames:v",
    "1",
    "-vf",
    `scale=${w}:${h}`,
    "-f",
    "rawvideo",
    "-pix_fmt",
    "gray",
    out,
  ]);
  return fs.readFile(out);
}

/** Mean grey level and mean absolute difference of two frames over rows [y0, y1). */
function region(a: Buffer, b: Buffer, w: number, y0: number, y1: number) {
  let diff = 0;
  let sumA = 0;
  let sumB = 0;
  for (let i = y0 * w; i < y1 * w; i++) {
    diff += Math.abs(a[i] - b[i]);
    sumA += a[i];
    sumB += b[i];
  }
  const n = (y1 - y0) * w;
  return { diff: diff / n, meanA: sumA / n, meanB: sumB / n };
}

async function download(url: string, to: string) {
  const u = new URL(url);
  const mediaId = u.pathname.split("/").pop()!;
  const res = await getMediaFile(new Request(url), { params: Promise.resolve({ mediaId }) });
  expect(res.status).toBe(200);
  await fs.writeFile(to, Buffer.from(await res.arrayBuffer()));
  return to;
}

describe("captions (/api/v1/public/captions)", () => {
  it("captions an uploaded clip not made by Cinetwin with the offline recogniser, then burns it in plain and boxed", async () => {
    const client = await apiClient({ credits: 100 });
    const started = await generateForm(client, { audio_file: await fileOf(clip, "video/mp4") });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    expect(started.body).toMatchObject({ caption_id: expect.any(String), task_id: expect.any(String), status: "queued" });
    const captionId = started.body.caption_id as string;
    expect((await pollTask(client, started.body.task_id as string)).body).toMatchObject({ status: "done" });

    const got = await caption(client, captionId);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: captionId, status: "done", method: "local", language: "en" });
    const segments = got.body.segments as Array<{ start: number; end: number; text: string }>;
    expect(segments.length).toBeGreaterThan(0);
    for (const s of segments) expect(s.end).toBeGreaterThan(s.start);
    expect(segments.at(-1)!.end).toBeLessThanOrEqual(3.5);
    expect(parseSrt(got.body.srt as string).map((c) => c.text)).toEqual(segments.map((s) => s.text));
    expect(got.body.vtt).toMatch(/^WEBVTT\n/);

    const source = await frameGray(clip, 1.5, 320, 240);
    const looks: Record<string, { diff: number; meanA: number; meanB: number }> = {};
    for (const style of ["plain", "boxed"]) {
      const before = await getBalance(getDb(), client.account.workspaceId);
      const queued = await client.call(burnIn, `/api/v1/public/captions/${captionId}/burn-in`, {
        method: "POST",
        params: { captionId },
        body: { font_size: 22, font_color: "white", position: "bottom", style },
      });
      expect(queued.status, JSON.stringify(queued.body)).toBe(202);
      expect(await getBalance(getDb(), client.account.workspaceId)).toBe(before - 10);
      if (style === "plain") {
        // One burn-in at a time: a second while the first is open is refused and reserves nothing.
        const twice = await client.call(burnIn, `/api/v1/public/captions/${captionId}/burn-in`, { method: "POST", params: { captionId }, body: { style } });
        expect([twice.status, twice.body.detail]).toEqual([409, expect.stringMatching(/already being burned in/)]);
        expect(await getBalance(getDb(), client.account.workspaceId)).toBe(before - 10);
      }
      const done = await pollTask(client, queued.body.task_id as string);
      expect(done.body, JSON.stringify(done.body)).toMatchObject({
        status: "done",
        result: { output_url: expect.stringMatching(/^http:\/\/studio\.test\/api\/media\//), credits_billed: 10 },
      });
      const out = await download((done.body.result as { output_url: string }).output_url, path.join(dir, `${style}.mp4`));
      const frame = await frameGray(out, 1.5, 320, 240);
      // The caption band (the bottom fifth) changes; the top half, far from it, does not.
      looks[style] = region(source, frame, 320, 190, 236);
      expect(looks[style].diff, `${style} caption band`).toBeGreaterThan(8);
      expect(region(source, frame, 320, 0, 110).diff, `${style} top half`).toBeLessThan(3);
    }
    // The box darkens the light picture behind the words; plain white text on light grey brightens or keeps it.
    expect(looks.boxed.meanB).toBeLessThan(looks.boxed.meanA - 25);
    expect(looks.boxed.meanB).toBeLessThan(looks.plain.meanB - 20);

    const latest = await caption(client, captionId);
    expect(latest.body.burn_in).toMatchObject({ status: "done", output_url: expect.any(String) });
    const ledger = await getDb()
      .select()
      .from(creditLedger)
      .where(eq(creditLedger.reference, `caption:${captionId}:burn-in`));
    expect(ledger.map((r) => r.kind).sort()).toEqual(["capture", "capture", "reserve", "reserve"]);
  }, 300_000);

  it("transcribes with the workspace's OpenAI-compatible transcriber, and falls back offline when it refuses and fallback is on", async () => {
    const openai = await startFakeOpenAI({ apiKey: "sk-right" });
    const env = { ...process.env };
    // The operator's server (trusted); the workspace's key.
    process.env.OPENAI_BASE_URL = openai.url;
    try {
      const client = await apiClient({ credits: 100 });
      const useKey = (apiKey: string, fallbackToOffline: boolean) =>
        saveProviderSetting(
          getDb(),
          client.account,
          providerSettingInput.parse({ capability: "transcription", providerId: "openai", apiKey, fallbackToOffline }),
        );
      const captionOf = async () => {
        const started = await generateForm(client, { audio_file: await fileOf(clip, "video/mp4") });
        expect((await pollTask(client, started.body.task_id as string)).body).toMatchObject({ status: "done" });
        return (await caption(client, started.body.caption_id as string)).body;
      };

      await useKey("sk-right", false);
      const heard = await captionOf();
      expect(heard).toMatchObject({ status: "done", method: "openai" });
      expect((heard.segments as Array<{ text: string }>).map((q) => q.text)).toEqual(["Heard by the fake."]);
      expect(openai.requests.at(-1)).toMatchObject({
        path: "/v1/audio/transcriptions",
        auth: "Bearer sk-right",
        body: { model: "whisper-1", response_format: "verbose_json", file: { type: "audio/flac" } },
      });

      await useKey("sk-wrong", true);
      const offline = await captionOf();
      expect(openai.requests.at(-1)).toMatchObject({ path: "/v1/audio/transcriptions", auth: "Bearer sk-wrong" });
      expect(offline).toMatchObject({ status: "done", method: "local" });
      expect((offline.segments as unknown[]).length).toBeGreaterThan(0);
    } finally {
      process.env = env;
      await openai.close();
    }
  });

  it("captions a Cinetwin render from its narration: the synthesized sentences at their synthesized times, exactly", async () => {
    const client = await apiClient({ credits: 100 });
    const character = await makeCharacter(client.account, false);
    const script = "Captions come from the narration. Every sentence keeps its timing!";
    const job = await createVideoJob(getDb(), client.account, {
      videoCreative: {
        settings: { name: "Narrated", videoSize: { width: 320, height: 240 }, fps: 25 },
        scenes: [{ tracks: [{ type: "actor", actor: actorIdOf(character.id), text: script, speakerId: "local-en-us-f3" }] }],
      },
    });
    expect((await pollTask(client, job.taskId!)).body).toMatchObject({ status: "done" });
    const [video] = await getDb().select().from(generatedVideos).where(eq(generatedVideos.jobId, job.id));

    // The same words through the same voice, synthesized on their own: the render must say them at these times.
    const speech = await new LocalSpeechProvider().synthesize(script, voiceBySpeakerId("local-en-us-f3"), path.join(dir, "narration.wav"));
    expect(video.narration).toEqual(speech.segments);

    // Referred to by its signed media URL (our own server's): no transcriber, the narration as it was spoken.
    const url = `http://studio.test${signedMediaPath(video.mediaId)}`;
    const started = await generateForm(client, { reel_url: url, language: "en" });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    await pollTask(client, started.body.task_id as string);
    const got = await caption(client, started.body.caption_id as string);
    expect(got.body).toMatchObject({ status: "done", method: "narration" });
    expect(got.body.segments).toEqual(speech.segments.map((s) => ({ start: s.startMs / 1000, end: s.endMs / 1000, text: s.text })));
    expect((got.body.segments as Array<{ text: string }>).map((s) => s.text)).toEqual([
      "Captions come from the narration.",
      "Every sentence keeps its timing!",
    ]);

    // media:<id> says the same, and any language is fine when nothing needs hearing.
    const byId = await generateForm(client, { reel_url: `media:${video.mediaId}`, language: "fr" });
    expect(byId.status).toBe(202);

    // Another workspace: its caption is a 404, and so is burning it in; our media is not theirs to caption.
    const other = await apiClient({ credits: 100 });
    const captionId = started.body.caption_id as string;
    expect((await caption(other, captionId)).status).toBe(404);
    const foreign = await other.call(burnIn, `/api/v1/public/captions/${captionId}/burn-in`, { method: "POST", params: { captionId }, body: {} });
    expect(foreign.status).toBe(404);
    const theirs = await generateForm(other, { reel_url: `media:${video.mediaId}` });
    expect([theirs.status, theirs.body.field]).toEqual([400, "reel_url"]);
  }, 300_000);

  it("burns edited captions into a captioned Cinetwin render in place of its own, not as a second set", async () => {
    const client = await apiClient({ credits: 200 });
    const character = await makeCharacter(client.account, false);
    const speaker = { type: "actor", actor: actorIdOf(character.id), text: "The old lines go away. New ones take their place.", referenceId: "speaker" };
    const creative = (withCaptions: boolean) => ({
      settings: { name: withCaptions ? "Captioned" : "Clean", videoSize: { width: 320, height: 240 }, fps: 25 },
      scenes: [{ tracks: [speaker, ...(withCaptions ? [{ type: "captions", sourceTrackReference: "speaker", style: { position: "bottom" } }] : [])] }],
    });
    const rendered = async (withCaptions: boolean) => {
      const job = await createVideoJob(getDb(), client.account, { videoCreative: creative(withCaptions) });
      expect((await pollTask(client, job.taskId!)).body).toMatchObject({ status: "done" });
      const [video] = await getDb().select().from(generatedVideos).where(eq(generatedVideos.jobId, job.id));
      return video;
    };
    const [captioned, clean] = [await rendered(true), await rendered(false)];

    const started = await generateForm(client, { reel_url: `media:${captioned.mediaId}` });
    await pollTask(client, started.body.task_id as string);
    const captionId = started.body.caption_id as string;
    const queued = await client.call(burnIn, `/api/v1/public/captions/${captionId}/burn-in`, {
      method: "POST",
      params: { captionId },
      body: { position: "top", style: "boxed" },
    });
    expect(queued.status, JSON.stringify(queued.body)).toBe(202);
    const done = await pollTask(client, queued.body.task_id as string);
    const out = await download((done.body.result as { output_url: string }).output_url, path.join(dir, "replaced.mp4"));

    const at = 1.0;
    const local = async (mediaId: string) => {
      const row = await getDb().select().from(media).where(eq(media.id, mediaId));
      return storage().localPath(row[0].storageKey);
    };
    const [withOwn, without, burned] = await Promise.all([
      frameGray(await local(captioned.mediaId), at, 320, 240),
      frameGray(await local(clean.mediaId), at, 320, 240),
      frameGray(out, at, 320, 240),
    ]);
    // The render's own captions sit at the bottom: gone from the burned video, whose bottom is the clean render's.
    expect(region(without, withOwn, 320, 196, 236).diff, "the render's own captions").toBeGreaterThan(5);
    expect(region(without, burned, 320, 196, 236).diff, "bottom of the burned video").toBeLessThan(2);
    // The edited lines are at the top, in a box.
    expect(region(without, burned, 320, 4, 40).diff, "top of the burned video").toBeGreaterThan(8);
  }, 300_000);

  it("refuses bad input with the seed's codes, naming the field, never a 500", async () => {
    const client = await apiClient({ credits: 100 });
    const wav = await fileOf(await espeakWav(path.join(dir, "hi.wav"), "Hello there."), "audio/wav");
    const cases: Array<[Record<string, string | Blob>, number, string]> = [
      [{}, 400, "reel_url"],
      [{ reel_url: "https://cdn.example.com/video.mp4", audio_file: wav }, 400, "reel_url"],
      [{ reel_url: "ftp://cdn.example.com/video.mp4" }, 400, "reel_url"],
      [{ reel_url: "http://127.0.0.1/video.mp4" }, 400, "reel_url"],
      [{ reel_url: "media:00000000-0000-4000-8000-000000000000" }, 400, "reel_url"],
      [{ audio_file: wav, language: "english!" }, 400, "language"],
      [{ audio_file: wav, language: "fr" }, 400, "language"],
      [{ audio_file: wav, burn_in: "maybe" }, 400, "burn_in"],
      [{ audio_file: new File([Buffer.from("not media at all")], "x.wav") }, 400, "audio_file"],
      [{ audio_file: "just a name" }, 400, "audio_file"],
    ];
    for (const [fields, status, field] of cases) {
      const r = await generateForm(client, fields);
      expect([r.status, r.body.field], JSON.stringify({ fields: Object.keys(fields), body: r.body })).toEqual([status, field]);
    }
    expect((await generateForm(client, { audio_file: wav }, null)).status).toBe(401);
    expect((await generateForm(client, { audio_file: wav }, "sk_wrong")).status).toBe(401);
    const json = await client.call(generate, "/api/v1/public/captions/generate", { method: "POST", body: { reel_url: "https://cdn.example.com/a.mp4" } });
    expect(json.status).toBe(400);

    const unknown = "5bc41d91-867a-4ccb-821a-2b9544c45719";
    expect((await caption(client, unknown)).status).toBe(404);
    expect((await caption(client, "not-a-uuid")).status).toBe(404);
    expect((await caption(client, unknown, null as unknown as string)).status).toBe(401);

    const started = await generateForm(client, { audio_file: wav });
    const captionId = started.body.caption_id as string;
    await pollTask(client, started.body.task_id as string);
    const burn = (body: unknown) => client.call(burnIn, `/api/v1/public/captions/${captionId}/burn-in`, { method: "POST", params: { captionId }, body });
    expect((await burn({ font_size: "big" })).status).toBe(422);
    expect((await burn("not json")).status).toBe(422);
    expect(await burn({ position: "left" })).toMatchObject({ status: 400, body: { field: "position" } });
    expect(await burn({ font_color: "chartreuse-ish" })).toMatchObject({ status: 400, body: { field: "font_color" } });
    expect(await burn({ font_size: 2 })).toMatchObject({ status: 400, body: { field: "font_size" } });
    expect(await burn({ style: "neon" })).toMatchObject({ status: 400, body: { field: "style" } });
    expect((await client.call(burnIn, `/api/v1/public/captions/${unknown}/burn-in`, { method: "POST", params: { captionId: unknown }, body: {} })).status).toBe(
      404,
    );
    // Nothing above reserved anything.
    expect(await getBalance(getDb(), client.account.workspaceId)).toBe(100);
  }, 300_000);
});
