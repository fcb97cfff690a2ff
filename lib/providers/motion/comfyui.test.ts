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
import { FAKE_WORKFLOW, fakeComfyEnv, startFakeComfy, type FakeComfy } from "../fakes/comfyui";
import { ProviderError } from "../vendor";
import { ComfyMotionProvider, shapeLatents, workflowNodes } from "./comfyui";
import { getMotionProvider } from "./index";
import { failure } from "@/lib/test/failure";

let fake: FakeComfy;
let dir: string;
let still: string;
let workflow: string;
const saved = { ...process.env };
beforeAll(async () => {
  fake = await startFakeComfy();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "comfy-motion-"));
  still = path.join(dir, "still.png");
  await sharp({ create: { width: 640, height: 360, channels: 3, background: "#864" } })
    .png()
    .toFile(still);
  workflow = path.join(dir, "wan-i2v.json");
  await fs.writeFile(workflow, JSON.stringify(FAKE_WORKFLOW));
});
beforeEach(() => {
  // The operator's ComfyUI URL: trusted at its host:port although it is this machine.
  Object.assign(process.env, fakeComfyEnv(fake, workflow));
  fake.reset();
});
afterAll(async () => {
  process.env = saved;
  await fake.close();
  await fs.rm(dir, { recursive: true, force: true });
  await closeDb();
});

const motion = () => ({ imagePath: still, motionPrompt: "the lantern sways, slow pan right", durationMs: 1_500, width: 320, height: 180, fps: 12 });
const out = (name: string) => path.join(dir, `${name}.mp4`);
async function scope(subject: string) {
  const a = await makeAccount();
  return { db: getDb(), workspaceId: a.workspaceId, subject };
}
const rowOf = async (subject: string) => (await getDb().select().from(providerJobs).where(eq(providerJobs.subject, subject)))[0];

describe("the ComfyUI motion provider", () => {
  it("is chosen by MOTION_PROVIDER=comfyui, runs the operator's workflow with the still and prompt in place, and fits the clip", async () => {
    process.env.MOTION_PROVIDER = "comfyui";
    const provider = getMotionProvider();
    delete process.env.MOTION_PROVIDER;
    expect(provider).toBeInstanceOf(ComfyMotionProvider);

    const s = await scope("scene:1:motion");
    const result = await provider.animate(motion(), out("clip"), { scope: s });
    expect(result).toEqual({ kind: "clip", path: out("clip"), durationMs: 1_500, move: "comfyui:wan-i2v" });
    const info = await probe(out("clip"));
    expect(info.durationMs).toBe(1_500);
    expect(info.streams.find((x) => x.codecType === "video")).toMatchObject({ width: 320, height: 180 });
    expect(fake).toMatchObject({ uploads: 1, submits: 1 });
    const sent = fake.prompts[0].prompt;
    expect(sent["52"].inputs.image).toMatch(/^cinetwin-[0-9a-f]{16}\.png$/);
    expect(sent["6"].inputs.text).toBe("the lantern sways, slow pan right");
    expect(sent["7"].inputs.text, "the negative prompt is left alone").toBe("blurry, static");
    // The latent takes the frame's shape (16:9 here) at the workflow's pixel count, in multiples of 16.
    expect(sent["50"].inputs).toMatchObject({ width: 848, height: 480, length: 33 });
    expect(typeof fake.prompts[0].client_id).toBe("string");
    const row = await rowOf("scene:1:motion");
    expect(row).toMatchObject({ status: "succeeded", submits: 1, vendor: "ComfyUI" });
    expect(row.result).toMatchObject({ storageKey: expect.stringMatching(/\.mp4$/) });
  });

  it("finds the nodes by a cinetwin: title first, and says what to title when the workflow is ambiguous", () => {
    const titled = {
      ...FAKE_WORKFLOW,
      "60": { class_type: "LoadImage", inputs: { image: "x.png" }, _meta: { title: "cinetwin:image" } },
      "61": { class_type: "TextEncodeHunyuanVideo_ImageToVideo", inputs: { text: "" }, _meta: { title: "cinetwin:prompt" } },
    };
    expect(workflowNodes(titled)).toEqual({ image: "60", prompt: "61" });
    const twoImages = { ...FAKE_WORKFLOW, "60": { class_type: "LoadImage", inputs: { image: "x.png" } } };
    const vertical = structuredClone(FAKE_WORKFLOW);
    shapeLatents(vertical, 720, 1280);
    expect(vertical["50"].inputs).toMatchObject({ width: 480, height: 848, length: 33 });
    expect(() => workflowNodes(twoImages)).toThrow(/more than one a LoadImage node; title the one to use "cinetwin:image"/);
  });

  it("waits out 429s; a refusal is permanent in ComfyUI's words; a hang is a timeout; nonsense and a failed run are permanent", async () => {
    fake.knobs.rateLimitNext = 2;
    expect((await new ComfyMotionProvider().animate(motion(), out("limited"), { scope: await scope("scene:2:motion") })).kind).toBe("clip");
    expect(fake.submits).toBe(1);

    // A second LoadImage, titled away, names a file ComfyUI does not have: it refuses the prompt.
    const refusing = path.join(dir, "refusing.json");
    await fs.writeFile(
      refusing,
      JSON.stringify({
        ...FAKE_WORKFLOW,
        "52": { ...FAKE_WORKFLOW["52"], _meta: { title: "cinetwin:image" } },
        "70": { class_type: "LoadImage", inputs: { image: "missing.png" }, _meta: { title: "End frame" } },
      }),
    );
    process.env.COMFYUI_WORKFLOW = refusing;
    const refused = await failure(new ComfyMotionProvider().animate(motion(), out("refused")));
    expect(refused).toBeInstanceOf(ProviderError);
    expect(refused).toMatchObject({ kind: "permanent", status: 400, message: "ComfyUI video queue: Prompt outputs failed validation" });
    process.env.COMFYUI_WORKFLOW = workflow;

    fake.knobs.malformed = true;
    expect(await failure(new ComfyMotionProvider().animate(motion(), out("odd")))).toMatchObject({
      kind: "permanent",
      message: expect.stringContaining("ComfyUI video history: ComfyUI answered in a shape it does not document (the finished prompt saved no video"),
    });
    await expect(fs.access(out("odd"))).rejects.toThrow();

    fake.knobs.malformed = false;
    fake.knobs.failJob = true;
    expect(await failure(new ComfyMotionProvider().animate(motion(), out("failed")))).toMatchObject({
      kind: "permanent",
      message: "ComfyUI video: KSampler: Allocation on device",
    });

    fake.knobs.failJob = false;
    fake.knobs.hang = true;
    process.env.COMFYUI_TIMEOUT_MS = "300";
    expect(await failure(new ComfyMotionProvider().animate(motion(), out("hang")))).toMatchObject({ kind: "timeout" });
  });

  it("resumes the same ComfyUI run after a restart in the middle of it: one upload, one prompt", async () => {
    const first = new AbortController();
    const s = await scope("scene:3:motion");
    fake.knobs.pendingPolls = 50;
    fake.knobs.onPoll = () => fake.polls >= 2 && first.abort();
    const run = await failure(new ComfyMotionProvider().animate(motion(), out("resume"), { scope: s, signal: first.signal }));
    expect((run as Error).name).toMatch(/^(AbortError|OutboundError)$/);
    const row = await rowOf("scene:3:motion");
    expect(row).toMatchObject({ status: "running", submits: 1 });

    fake.knobs.onPoll = undefined;
    fake.knobs.pendingPolls = 0;
    expect(await new ComfyMotionProvider().animate(motion(), out("resume"), { scope: s })).toMatchObject({ kind: "clip", durationMs: 1_500 });
    expect(fake).toMatchObject({ uploads: 1, submits: 1 });
    expect(await rowOf("scene:3:motion")).toMatchObject({ status: "succeeded", vendorJobId: row.vendorJobId });
  });

  it("queues the run again when ComfyUI restarted and forgot it, rather than waiting for it forever", async () => {
    const first = new AbortController();
    const s = await scope("scene:4:motion");
    fake.knobs.pendingPolls = 50;
    fake.knobs.onPoll = () => fake.polls >= 2 && first.abort();
    await failure(new ComfyMotionProvider().animate(motion(), out("lost"), { scope: s, signal: first.signal }));
    fake.knobs.onPoll = undefined;
    fake.restart();

    const lost = await failure(new ComfyMotionProvider().animate(motion(), out("lost"), { scope: s }));
    expect(lost).toMatchObject({
      kind: "permanent",
      message: expect.stringMatching(/^ComfyUI video: ComfyUI no longer knows prompt [\w-]+ \(was it restarted\?\)$/),
    });
    expect(await rowOf("scene:4:motion")).toMatchObject({ status: "failed" });

    fake.knobs.pendingPolls = 1;
    expect(await new ComfyMotionProvider().animate(motion(), out("lost"), { scope: s })).toMatchObject({ kind: "clip" });
    expect(fake.submits, "the job's next attempt queued it afresh").toBe(2);
    expect(await rowOf("scene:4:motion")).toMatchObject({ status: "succeeded", submits: 2 });
  });
});
