import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { providerJobs } from "@/db/schema/providers";
import { storage } from "@/lib/storage/local";
import { makeAccount } from "@/lib/test/factories";
import { fakeFalEnv, startFakeFal, type FakeFal } from "../fakes/fal";
import { falImageModel } from "../fal/models";
import { ProviderError } from "../vendor";
import { FalImageProvider, falAspectRatio, falImageSize } from "./fal";
import { getImageProvider } from "./index";
import { failure } from "@/lib/test/failure";

let fake: FakeFal;
let dir: string;
let photo: string;
const saved = { ...process.env };
beforeAll(async () => {
  fake = await startFakeFal({ key: "fal-key-123" });
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "fal-image-"));
  photo = path.join(dir, "photo.jpg");
  await sharp({ create: { width: 600, height: 800, channels: 3, background: "#c96" } })
    .jpeg()
    .toFile(photo);
});
beforeEach(() => {
  // The operator's queue URL: trusted at its host:port although it is this machine.
  Object.assign(process.env, fakeFalEnv(fake, "fal-key-123"));
  fake.reset();
});
afterAll(async () => {
  process.env = saved;
  await fake.close();
  await fs.rm(dir, { recursive: true, force: true });
  await closeDb();
});

const frame = { prompt: "steep narrow Lisbon alley, warm afternoon light", width: 360, height: 640, seed: "s1" };
const out = (name: string) => path.join(dir, `${name}.png`);
async function scope(subject: string, signal?: AbortSignal) {
  const a = await makeAccount();
  return { db: getDb(), workspaceId: a.workspaceId, subject, signal };
}
const rowOf = async (subject: string) => (await getDb().select().from(providerJobs).where(eq(providerJobs.subject, subject)))[0];

describe("the fal image provider", () => {
  it("is chosen by IMAGE_PROVIDER=fal, paints through the queue and keeps the picture in storage, fitted to the frame", async () => {
    process.env.IMAGE_PROVIDER = "fal";
    const provider = getImageProvider();
    delete process.env.IMAGE_PROVIDER;
    expect(provider).toBeInstanceOf(FalImageProvider);
    expect(provider.freePreview).toBe(false);

    const s = await scope("scene:1:image");
    const progress: number[] = [];
    const result = await provider.generate({ ...frame, referencePhotoPath: photo }, out("dev"), { scope: s, onProgress: (f) => progress.push(f) });
    expect(result).toEqual({ path: out("dev"), width: 360, height: 640, mime: "image/png" });
    expect(await sharp(out("dev")).metadata()).toMatchObject({ width: 360, height: 640, format: "png" });
    expect(fake.inputs).toEqual([
      {
        model: "fal-ai/flux/dev",
        auth: "Key fal-key-123",
        // FLUX.1 [dev] takes no reference: the photo is not sent.
        input: { prompt: frame.prompt, seed: expect.any(Number), num_images: 1, output_format: "png", image_size: { width: 368, height: 640 } },
      },
    ]);
    expect(progress).toEqual([0.5, 1]);
    const row = await rowOf("scene:1:image");
    // fal's price for FLUX.1 [dev]: $0.025 a megapixel, rounded up.
    expect(row).toMatchObject({ status: "succeeded", submits: 1, model: "fal-ai/flux/dev", costUsd: "0.025000" });
    // The record names our stored copy, not fal's URL: a reused record still finds the picture.
    const kept = row.result as { storageKey: string };
    expect(JSON.stringify(row.result)).not.toContain(fake.url);
    expect(await sharp(await storage().localPath(kept.storageKey)).metadata()).toMatchObject({ width: 368, height: 640 });
    await provider.generate({ ...frame, referencePhotoPath: photo }, out("again"), { scope: s });
    expect(fake.submits).toBe(1);
    expect(await sharp(out("again")).metadata()).toMatchObject({ width: 360, height: 640 });
  });

  it("sends the character's photo to a model that takes a reference, and maps the stories' model names to fal ids", async () => {
    await new FalImageProvider("flux-kontext").generate({ ...frame, width: 640, height: 360, referencePhotoPath: photo }, out("kontext"));
    expect(fake.inputs[0].model).toBe("fal-ai/flux-pro/kontext");
    expect(fake.inputs[0].input).toMatchObject({ aspect_ratio: "16:9", image_url: expect.stringMatching(/^data:image\/jpeg;base64,/) });
    expect(await sharp(out("kontext")).metadata()).toMatchObject({ width: 640, height: 360 });
    await new FalImageProvider("flux-kontext").generate(frame, out("kontext-plain"));
    expect(fake.inputs[1].model).toBe("fal-ai/flux-pro/kontext/text-to-image");

    // The story's own model wins when fal runs it; a name fal does not know ("local-procedural") leaves the operator's.
    await new FalImageProvider().generate({ ...frame, model: "flux-pro" }, out("story-model"));
    await new FalImageProvider().generate({ ...frame, model: "local-procedural" }, out("local-model"));
    expect(fake.inputs.slice(2).map((i) => i.model)).toEqual(["fal-ai/flux-pro/v1.1", "fal-ai/flux/dev"]);

    expect(falImageModel("flux-pro").id).toBe("fal-ai/flux-pro/v1.1");
    expect(falImageModel("fal-ai/some/new-model")).toEqual({ id: "fal-ai/some/new-model", size: "image_size" });
    expect(falImageSize(1920, 1080)).toEqual({ width: 1440, height: 816 });
    expect(falAspectRatio(720, 720)).toBe("1:1");
  });

  it("waits out 429s; a refusal is permanent in fal's words; a hang is a timeout; nonsense and a failed request are permanent", async () => {
    fake.knobs.rateLimitNext = 2;
    await new FalImageProvider().generate(frame, out("limited"), { scope: await scope("scene:2:image") });
    expect(fake.submits).toBe(1);

    const refused = await failure(new FalImageProvider().generate({ ...frame, prompt: " " }, out("refused"), { scope: await scope("scene:3:image") }));
    expect(refused).toBeInstanceOf(ProviderError);
    expect(refused).toMatchObject({ kind: "permanent", status: 422, message: "fal image submit: prompt: field required" });
    expect(await rowOf("scene:3:image")).toMatchObject({ status: "failed" });

    process.env.FAL_KEY = "wrong";
    expect(await failure(new FalImageProvider().generate(frame, out("key")))).toMatchObject({
      kind: "permanent",
      status: 401,
      message: "fal image submit: fal refused the API key (Invalid API key)",
    });
    process.env.FAL_KEY = "fal-key-123";

    fake.knobs.malformed = true;
    const odd = await failure(new FalImageProvider().generate(frame, out("odd")));
    expect(odd).toMatchObject({ kind: "permanent", message: "fal image: fal answered in a shape it does not document (no images[0].url)" });
    await expect(fs.access(out("odd"))).rejects.toThrow();

    fake.knobs.malformed = false;
    fake.knobs.failJob = true;
    const failed = await failure(new FalImageProvider().generate(frame, out("failed"), { scope: await scope("scene:4:image") }));
    expect(failed).toMatchObject({ kind: "permanent", message: "fal image: The model could not process the image" });
    expect(await rowOf("scene:4:image")).toMatchObject({ status: "failed" });

    fake.knobs.failJob = false;
    fake.knobs.hang = true;
    process.env.FAL_TIMEOUT_MS = "300";
    expect(await failure(new FalImageProvider().generate(frame, out("hang")))).toMatchObject({ kind: "timeout" });
  });

  it("resumes the same fal request after a restart in the middle of it: one submit", async () => {
    const first = new AbortController();
    const s = await scope("scene:5:image");
    fake.knobs.pendingPolls = 50;
    fake.knobs.onPoll = () => fake.polls >= 2 && first.abort();
    const run = await failure(new FalImageProvider().generate(frame, out("resume"), { scope: { ...s, signal: first.signal } }));
    // Aborted while a status poll was under way: the outbound module's "aborted", or the wait's AbortError.
    expect((run as Error).name).toMatch(/^(AbortError|OutboundError)$/);
    expect(first.signal.aborted).toBe(true);
    const row = await rowOf("scene:5:image");
    expect(row).toMatchObject({ status: "running", submits: 1 });
    expect(row.vendorJobId).toBeTruthy();

    fake.knobs.onPoll = undefined;
    fake.knobs.pendingPolls = 0;
    const result = await new FalImageProvider().generate(frame, out("resume"), { scope: s });
    expect(result.width).toBe(360);
    expect(fake.submits).toBe(1);
    expect(await rowOf("scene:5:image")).toMatchObject({ status: "succeeded", submits: 1, vendorJobId: row.vendorJobId });
  });

  it("submits afresh when fal no longer knows a recorded request, rather than polling it forever", async () => {
    const first = new AbortController();
    const s = await scope("scene:6:image");
    fake.knobs.pendingPolls = 50;
    fake.knobs.onPoll = () => fake.polls >= 2 && first.abort();
    await failure(new FalImageProvider().generate(frame, out("expired"), { scope: { ...s, signal: first.signal } }));
    fake.knobs.onPoll = undefined;
    fake.forget();

    const gone = await failure(new FalImageProvider().generate(frame, out("expired"), { scope: s }));
    expect(gone).toMatchObject({ kind: "permanent", message: expect.stringMatching(/^fal image status: fal no longer knows request [\w-]+$/) });
    expect(await rowOf("scene:6:image")).toMatchObject({ status: "failed" });

    fake.knobs.pendingPolls = 0;
    expect((await new FalImageProvider().generate(frame, out("expired"), { scope: s })).height).toBe(640);
    expect(fake.submits).toBe(2);
    expect(await rowOf("scene:6:image")).toMatchObject({ status: "succeeded", submits: 2 });
  });
});
