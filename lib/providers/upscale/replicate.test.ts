import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { providerJobs } from "@/db/schema/providers";
import { probe, runFfmpeg } from "@/lib/media/ffmpeg";
import { makeAccount } from "@/lib/test/factories";
import { startFakeReplicate, type FakeReplicate } from "../fakes/replicate";
import { getUpscaleProvider } from "./index";
import { DEFAULT_UPSCALE_MODEL, replicateConfig, ReplicateUpscaler } from "./replicate";
import { failure } from "@/lib/test/failure";

let fake: FakeReplicate;
let dir: string;
let input: string;
const saved = { ...process.env };
beforeAll(async () => {
  fake = await startFakeReplicate({ token: "r8_test" });
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "replicate-upscale-"));
  input = path.join(dir, "in.mp4");
  await runFfmpeg(["-y", "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=25", "-t", "1", "-pix_fmt", "yuv420p", input]);
});
beforeEach(() => {
  // The operator's base URL: trusted at its host:port although it is this machine.
  Object.assign(process.env, {
    REPLICATE_BASE_URL: fake.url,
    REPLICATE_API_TOKEN: "r8_test",
    REPLICATE_POLL_MS: "5",
    REPLICATE_TIMEOUT_MS: "5000",
  });
  fake.reset();
});
afterAll(async () => {
  process.env = saved;
  await fake.close();
  await fs.rm(dir, { recursive: true, force: true });
  await closeDb();
});
let n = 0;
const out = () => path.join(dir, `out-${++n}`, "upscaled.mp4");

describe("the Replicate upscaler", () => {
  it("runs the Real-ESRGAN video model on the video inline, polls it and downloads a video twice the size", async () => {
    process.env.UPSCALE_PROVIDER = "replicate";
    const provider = getUpscaleProvider();
    delete process.env.UPSCALE_PROVIDER;
    expect(provider).toBeInstanceOf(ReplicateUpscaler);
    const progress: number[] = [];
    const result = await provider.upscale(input, out(), { onProgress: (f) => progress.push(f) });
    expect(result).toMatchObject({ width: 320, height: 180 });
    expect(progress).toEqual([0.1, 0.5, 1]);
    const made = await probe(result.path);
    expect(made.streams.find((s) => s.codecType === "video")).toMatchObject({ width: 320, height: 180 });
    expect(fake.state).toMatchObject({ submits: 1, downloads: 1, uploads: 0, polls: 3 });
    const [create] = fake.state.creates;
    expect(create.path).toBe("/v1/predictions");
    expect(create.body).toMatchObject({
      version: DEFAULT_UPSCALE_MODEL.split(":")[1],
      input: { resolution: "FHD", model: "RealESRGAN_x4plus", video_path: expect.stringMatching(/^data:video\/mp4;base64,/) },
    });
    expect(fake.state.auths.every((a) => a === "Bearer r8_test")).toBe(true);
  });

  it("uploads a larger video through the files API and runs an official model by name", async () => {
    const provider = new ReplicateUpscaler(() => ({ ...replicateConfig(), dataUriMaxBytes: 0, model: "lucataco/real-esrgan-video" }));
    expect(await provider.upscale(input, out())).toMatchObject({ width: 320, height: 180 });
    expect(fake.state.uploads).toBe(1);
    expect(fake.state.creates[0]).toMatchObject({
      path: "/v1/models/lucataco/real-esrgan-video/predictions",
      body: { input: { video_path: `${fake.url}/v1/files/file1` } },
    });
  });

  it("waits out 429s; types a refusal, a hang, nonsense and a failed prediction", async () => {
    fake.knobs.rateLimitNext = 2;
    expect(await new ReplicateUpscaler().upscale(input, out())).toMatchObject({ width: 320 });
    expect(fake.state.submits).toBe(1);

    fake.reset();
    fake.knobs.refuse = true;
    expect(await failure(new ReplicateUpscaler().upscale(input, out()))).toMatchObject({
      kind: "permanent",
      status: 422,
      message: "Replicate prediction: - input: video_path is required",
    });

    fake.reset();
    fake.knobs.malformed = true;
    const odd = await failure(new ReplicateUpscaler().upscale(input, out()));
    expect(odd).toMatchObject({ kind: "permanent" });
    expect((odd as Error).message).toMatch(/shape it does not document \(no id\)/);

    fake.reset();
    fake.knobs.failPrediction = true;
    expect(await failure(new ReplicateUpscaler().upscale(input, out()))).toMatchObject({
      kind: "permanent",
      message: "Replicate upscale failed: CUDA out of memory",
    });

    fake.reset();
    fake.knobs.hang = true;
    process.env.REPLICATE_TIMEOUT_MS = "300";
    expect(await failure(new ReplicateUpscaler().upscale(input, out()))).toMatchObject({ kind: "timeout" });
  });

  it("resumes the same prediction after a restart mid-way, with exactly one submit", async () => {
    const a = await makeAccount();
    const subject = "project:1:upscale";
    const first = new AbortController();
    fake.knobs.pendingPolls = 50;
    const watch = setInterval(() => fake.state.polls >= 2 && first.abort(), 5);
    const scope = { db: getDb(), workspaceId: a.workspaceId, subject };
    const stopped = await failure(new ReplicateUpscaler().upscale(input, out(), { signal: first.signal, scope }));
    clearInterval(watch);
    expect(stopped).toMatchObject({ name: "AbortError" });
    const [row] = await getDb().select().from(providerJobs).where(eq(providerJobs.subject, subject));
    expect(row).toMatchObject({ status: "running", submits: 1, vendor: "Replicate" });
    expect(row.vendorJobId).toMatch(/^pred1/);

    // The prediction finishes while we were down: the next attempt polls it, downloads, done.
    fake.knobs.pendingPolls = 0;
    expect(await new ReplicateUpscaler().upscale(input, out(), { scope })).toMatchObject({ width: 320, height: 180 });
    expect(fake.state.submits).toBe(1);
    const [done] = await getDb().select().from(providerJobs).where(eq(providerJobs.subject, subject));
    expect(done).toMatchObject({ status: "succeeded", submits: 1 });
  });
});
