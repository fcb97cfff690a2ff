import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { providerJobs } from "@/db/schema/providers";
import { probe } from "@/lib/media/ffmpeg";
import { lavfiAudio } from "@/lib/test/audio";
import { makeAccount } from "@/lib/test/factories";
import { failure } from "@/lib/test/failure";
import { providerSettingInput } from "@/lib/validation/provider-settings";
import { testProviderConnection } from "../connection-test";
import { fakeFalEnv, startFakeFal, type FakeFal } from "../fakes/fal";
import { falLipSyncModel, falLipSyncResolution } from "../fal/models";
import { providerFor } from "../settings";
import { saveProviderSetting } from "../settings-store";
import { ProviderError } from "../vendor";
import { FalTalkingHeadProvider } from "./fal";
import { getTalkingHeadProvider, type TalkingHeadRequest } from "./index";

let fake: FakeFal;
let dir: string;
let photo: string;
let audio: string;
const saved = { ...process.env };
beforeAll(async () => {
  fake = await startFakeFal({ key: "fal-key-lips" });
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "fal-lipsync-"));
  photo = path.join(dir, "face.png");
  // A portrait photo, as characters' photos are; the clip below is landscape.
  await sharp({ create: { width: 600, height: 800, channels: 3, background: "#c96" } })
    .png()
    .toFile(photo);
  audio = await lavfiAudio(path.join(dir, "narration.wav"), "sine=frequency=200:sample_rate=24000", ["-t", "1.6"]);
});
beforeEach(() => {
  process.env = { ...saved, ...fakeFalEnv(fake, "fal-key-lips") };
  fake.reset();
});
afterAll(async () => {
  process.env = saved;
  await fake.close();
  await fs.rm(dir, { recursive: true, force: true });
  await closeDb();
});

let n = 0;
const request = (extra: Partial<TalkingHeadRequest> = {}): TalkingHeadRequest => ({
  photoPath: photo,
  audioPath: audio,
  width: 640,
  height: 360,
  outPath: path.join(dir, `out-${++n}.mp4`),
  workDir: dir,
  ...extra,
});
async function scope(subject: string) {
  const a = await makeAccount();
  return { db: getDb(), workspaceId: a.workspaceId, subject };
}
const rowOf = async (subject: string) => (await getDb().select().from(providerJobs).where(eq(providerJobs.subject, subject)))[0];
const video = async (file: string) => {
  const info = await probe(file);
  const v = info.streams.find((s) => s.codecType === "video");
  return { durationMs: info.durationMs, width: v?.width, height: v?.height, audio: info.streams.some((s) => s.codecType === "audio") };
};

describe("the fal talking head", () => {
  it("is chosen by TALKING_HEAD_PROVIDER=fal and lip-syncs the photo to the narration with VEED Fabric, fitted to the frame", async () => {
    process.env.TALKING_HEAD_PROVIDER = "fal";
    const provider = getTalkingHeadProvider();
    expect(provider).toBeInstanceOf(FalTalkingHeadProvider);

    const s = await scope("render:1:talking-head");
    const progress: number[] = [];
    const req = request();
    const result = await provider.render(req, { scope: s, onProgress: (f) => progress.push(f) });
    expect(result).toEqual({ path: req.outPath, durationMs: 1_600 });
    expect(await video(req.outPath)).toEqual({ durationMs: 1_600, width: 640, height: 360, audio: true });
    expect(fake.inputs).toHaveLength(1);
    expect(fake.inputs[0]).toMatchObject({
      model: "veed/fabric-1.0",
      auth: "Key fal-key-lips",
      input: {
        image_url: expect.stringMatching(/^data:image\/jpeg;base64,/),
        audio_url: expect.stringMatching(/^data:audio\/mpeg;base64,/),
        resolution: "480p",
      },
    });
    // The photo went cropped to the frame's shape, so the model frames the face as the clip shows it.
    const sent = await sharp(Buffer.from((fake.inputs[0].input.image_url as string).split(",")[1], "base64")).metadata();
    expect((sent.width ?? 0) / (sent.height ?? 1)).toBeCloseTo(640 / 360, 1);
    expect(progress).toEqual([0.5, 1]);
    const row = await rowOf("render:1:talking-head");
    // Fabric at 480p: $0.08 a second of the 1.6 s narration.
    expect(row).toMatchObject({ status: "succeeded", vendor: "fal", model: "veed/fabric-1.0", submits: 1, costUsd: "0.128000" });
    expect(row.result).toMatchObject({ storageKey: expect.stringMatching(/\.mp4$/) });
    expect(JSON.stringify(row.result)).not.toContain(fake.url);

    // Asked again (a redelivered job): our stored copy, nothing new from fal.
    const again = await provider.render(request(), { scope: s });
    expect(again.durationMs).toBe(1_600);
    expect(fake.submits).toBe(1);
  });

  it("asks for 720p when the frame needs it, and takes the workspace's model over FAL_LIPSYNC_MODEL", async () => {
    process.env.FAL_LIPSYNC_MODEL = "fabric-1.0-fast";
    const req = request({ width: 720, height: 1280 });
    await new FalTalkingHeadProvider().render(req);
    expect(fake.inputs[0]).toMatchObject({ model: "veed/fabric-1.0/fast", input: { resolution: "720p" } });
    expect(await video(req.outPath)).toMatchObject({ width: 720, height: 1280, durationMs: 1_600, audio: true });

    const chosen = getTalkingHeadProvider({ id: "fal", model: "veed/fabric-1.0", baseUrl: null, apiKey: null });
    await chosen.render(request());
    expect(fake.inputs[1].model).toBe("veed/fabric-1.0");

    expect(falLipSyncModel("fal-ai/some/lipsync")).toEqual({ id: "fal-ai/some/lipsync" });
    expect(falLipSyncResolution(falLipSyncModel(undefined), 1920, 1080)?.name).toBe("720p");
  });

  it("is a workspace's choice in Settings > Providers, with its own key and model, and its connection test asks fal", async () => {
    const a = await makeAccount();
    process.env.FAL_KEY = "the-operator-key";
    const setting = { capability: "talking-head", providerId: "fal", model: "fabric-1.0-fast", apiKey: "fal-key-lips" };
    await saveProviderSetting(getDb(), a, providerSettingInput.parse(setting));
    const chosen = await providerFor(getDb(), a.workspaceId, "talking-head");
    expect(chosen.provider).toBeInstanceOf(FalTalkingHeadProvider);
    await chosen.provider.render(request());
    expect(fake.inputs[0]).toMatchObject({ model: "veed/fabric-1.0/fast", auth: "Key fal-key-lips" });

    const cfg = chosen.choice.config!;
    expect(await testProviderConnection("talking-head", cfg)).toEqual({ ok: true, message: "OK: fal accepted the key" });
    expect(await testProviderConnection("talking-head", { ...cfg, apiKey: "wrong" })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Invalid API key/),
    });
  });

  it("waits out 429s; refusals are permanent in fal's words; a hang is a timeout; nonsense and a failed request are permanent", async () => {
    fake.knobs.rateLimitNext = 2;
    const ok = await new FalTalkingHeadProvider().render(request(), { scope: await scope("render:2:talking-head") });
    expect(ok.durationMs).toBe(1_600);
    expect(fake.submits).toBe(1);

    process.env.FAL_KEY = "wrong-key";
    const refused = await failure(new FalTalkingHeadProvider().render(request()));
    expect(refused).toBeInstanceOf(ProviderError);
    expect(refused).toMatchObject({ kind: "permanent", status: 401, message: "fal lip-sync submit: fal refused the API key (Invalid API key)" });
    process.env.FAL_KEY = "fal-key-lips";

    const unknown = await failure(new FalTalkingHeadProvider("veed/fabric-9").render(request()));
    expect(unknown).toMatchObject({ kind: "permanent", status: 404, message: "fal lip-sync submit: Application 'veed/fabric-9' not found" });

    expect(await failure(new FalTalkingHeadProvider().render(request({ photoPath: null })))).toMatchObject({
      kind: "permanent",
      message: "fal lip-sync: the character has no photo to lip-sync",
    });

    fake.knobs.malformed = true;
    const odd = request();
    expect(await failure(new FalTalkingHeadProvider().render(odd))).toMatchObject({
      kind: "permanent",
      message: "fal lip-sync: fal answered in a shape it does not document (no video.url)",
    });
    await expect(fs.access(odd.outPath)).rejects.toThrow();

    fake.knobs.malformed = false;
    fake.knobs.failJob = true;
    expect(await failure(new FalTalkingHeadProvider().render(request()))).toMatchObject({
      kind: "permanent",
      message: "fal lip-sync: The model could not process the image",
    });

    fake.knobs.failJob = false;
    fake.knobs.hang = true;
    process.env.FAL_TIMEOUT_MS = "300";
    expect(await failure(new FalTalkingHeadProvider().render(request()))).toMatchObject({ kind: "timeout" });
  });

  it("resumes the same fal request after a restart in the middle of it: one submit", async () => {
    const first = new AbortController();
    const s = await scope("render:3:talking-head");
    fake.knobs.pendingPolls = 50;
    fake.knobs.onPoll = () => fake.polls >= 2 && first.abort();
    const run = await failure(new FalTalkingHeadProvider().render(request(), { scope: s, signal: first.signal }));
    expect((run as Error).name).toMatch(/^(AbortError|OutboundError)$/);
    const row = await rowOf("render:3:talking-head");
    expect(row).toMatchObject({ status: "running", submits: 1 });

    fake.knobs.onPoll = undefined;
    fake.knobs.pendingPolls = 0;
    const req = request();
    const result = await new FalTalkingHeadProvider().render(req, { scope: s });
    expect(result.durationMs).toBe(1_600);
    expect(await video(req.outPath)).toEqual({ durationMs: 1_600, width: 640, height: 360, audio: true });
    expect(fake.submits).toBe(1);
    expect(await rowOf("render:3:talking-head")).toMatchObject({ status: "succeeded", submits: 1, vendorJobId: row.vendorJobId });
  });
});
