import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { providerJobs } from "@/db/schema/providers";
import { probe } from "@/lib/media/ffmpeg";
import { makeAccount } from "@/lib/test/factories";
import { fakeFalEnv, startFakeFal, type FakeFal } from "../fakes/fal";
import { falVideoModel } from "../fal/models";
import { ProviderError } from "../vendor";
import { falClipSeconds, FalMotionProvider } from "./fal";
import { getMotionProvider } from "./index";
import { failure } from "@/lib/test/failure";

let fake: FakeFal;
let dir: string;
let still: string;
const saved = { ...process.env };
beforeAll(async () => {
  fake = await startFakeFal({ key: "fal-key-123" });
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "fal-motion-"));
  still = path.join(dir, "still.png");
  await sharp({ create: { width: 640, height: 360, channels: 3, background: "#468" } })
    .png()
    .toFile(still);
});
beforeEach(() => {
  Object.assign(process.env, fakeFalEnv(fake, "fal-key-123"));
  fake.reset();
});
afterAll(async () => {
  process.env = saved;
  await fake.close();
  await fs.rm(dir, { recursive: true, force: true });
  await closeDb();
});

const motion = () => ({ imagePath: still, motionPrompt: "slow push-in as the tram passes", durationMs: 2_000, width: 320, height: 180, fps: 12 });
const out = (name: string) => path.join(dir, `${name}.mp4`);
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

describe("the fal motion provider", () => {
  it("is chosen by MOTION_PROVIDER=fal and turns the still into a Kling clip cut to the scene's length and size", async () => {
    process.env.MOTION_PROVIDER = "fal";
    const provider = getMotionProvider();
    delete process.env.MOTION_PROVIDER;
    expect(provider).toBeInstanceOf(FalMotionProvider);

    const s = await scope("scene:1:motion");
    const progress: number[] = [];
    const result = await provider.animate(motion(), out("clip"), { scope: s, onProgress: (f) => progress.push(f) });
    expect(result).toEqual({ kind: "clip", path: out("clip"), durationMs: 2_000, move: "kling-2.6-pro" });
    expect(await video(out("clip"))).toEqual({ durationMs: 2_000, width: 320, height: 180, audio: false });
    expect(fake.inputs).toHaveLength(1);
    expect(fake.inputs[0]).toMatchObject({
      model: "fal-ai/kling-video/v2.6/pro/image-to-video",
      auth: "Key fal-key-123",
      input: {
        prompt: "slow push-in as the tram passes",
        start_image_url: expect.stringMatching(/^data:image\/jpeg;base64,/),
        duration: "5",
        generate_audio: false,
      },
    });
    expect(progress).toEqual([0.5, 1]);
    const row = await rowOf("scene:1:motion");
    // Kling 2.6 Pro without sound: $0.07 a second of the 5 s clip.
    expect(row).toMatchObject({ status: "succeeded", submits: 1, costUsd: "0.350000" });
    expect(JSON.stringify(row.result)).not.toContain(fake.url);
  });

  it("slows a short clip to fill a longer scene, then holds its last frame; older Kling models get image_url", async () => {
    // The story's video model ("kling-2.1-pro", as the Twin Actor API names it) over the operator's default.
    const long = await new FalMotionProvider().animate({ ...motion(), durationMs: 6_500, model: "kling-2.1-pro" }, out("long"));
    expect(fake.inputs[0].model).toBe("fal-ai/kling-video/v2.1/pro/image-to-video");
    expect(fake.inputs[0].input).toMatchObject({ image_url: expect.stringMatching(/^data:/), duration: "5" });
    expect(fake.inputs[0].input).not.toHaveProperty("generate_audio");
    expect(long.kind === "clip" && long.durationMs).toBe(6_500);
    expect((await video(out("long"))).durationMs).toBe(6_500);

    expect(falClipSeconds([5, 10], 7_500)).toBe(5);
    expect(falClipSeconds([5, 10], 7_600)).toBe(10);
    expect(falClipSeconds([5, 10], 30_000)).toBe(10);
    expect(falVideoModel("fal-ai/kling-video/v3/pro/image-to-video").image).toBe("start_image_url");
  });

  it("waits out 429s; a refusal is permanent in fal's words; a hang is a timeout; nonsense and a failed request are permanent", async () => {
    fake.knobs.rateLimitNext = 2;
    const ok = await new FalMotionProvider().animate(motion(), out("limited"), { scope: await scope("scene:2:motion") });
    expect(ok.kind).toBe("clip");
    expect(fake.submits).toBe(1);

    // Kling refuses a still under 300 px a side: a small one is enlarged to it before it is sent.
    const tiny = path.join(dir, "tiny.png");
    await sharp({ create: { width: 200, height: 120, channels: 3, background: "#000" } })
      .png()
      .toFile(tiny);
    expect((await new FalMotionProvider().animate({ ...motion(), imagePath: tiny }, out("tiny"))).kind).toBe("clip");
    // A refusal in fal's words: a request without a prompt.
    const refused = await failure(new FalMotionProvider().animate({ ...motion(), motionPrompt: " " }, out("refused")));
    expect(refused).toBeInstanceOf(ProviderError);
    expect(refused).toMatchObject({ kind: "permanent", status: 422, message: "fal video submit: prompt: field required" });

    fake.knobs.malformed = true;
    expect(await failure(new FalMotionProvider().animate(motion(), out("odd")))).toMatchObject({
      kind: "permanent",
      message: "fal video: fal answered in a shape it does not document (no video.url)",
    });
    await expect(fs.access(out("odd"))).rejects.toThrow();

    fake.knobs.malformed = false;
    fake.knobs.failJob = true;
    expect(await failure(new FalMotionProvider().animate(motion(), out("failed")))).toMatchObject({
      kind: "permanent",
      message: "fal video: The model could not process the image",
    });

    fake.knobs.failJob = false;
    fake.knobs.hang = true;
    process.env.FAL_TIMEOUT_MS = "300";
    expect(await failure(new FalMotionProvider().animate(motion(), out("hang")))).toMatchObject({ kind: "timeout" });
  });

  it("resumes the same fal request after a restart in the middle of it: one submit", async () => {
    const first = new AbortController();
    const s = await scope("scene:3:motion");
    fake.knobs.pendingPolls = 50;
    fake.knobs.onPoll = () => fake.polls >= 2 && first.abort();
    const run = await failure(new FalMotionProvider().animate(motion(), out("resume"), { scope: s, signal: first.signal }));
    expect((run as Error).name).toMatch(/^(AbortError|OutboundError)$/);
    const row = await rowOf("scene:3:motion");
    expect(row).toMatchObject({ status: "running", submits: 1 });

    fake.knobs.onPoll = undefined;
    fake.knobs.pendingPolls = 0;
    const result = await new FalMotionProvider().animate(motion(), out("resume"), { scope: s });
    expect(result).toMatchObject({ kind: "clip", durationMs: 2_000 });
    expect(fake.submits).toBe(1);
    expect(await rowOf("scene:3:motion")).toMatchObject({ status: "succeeded", submits: 1, vendorJobId: row.vendorJobId });
  });
});
