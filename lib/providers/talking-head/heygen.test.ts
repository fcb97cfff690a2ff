import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { providerJobs } from "@/db/schema/providers";
import { probe } from "@/lib/media/ffmpeg";
import { lavfiAudio } from "@/lib/test/audio";
import { makeAccount, makePhoto } from "@/lib/test/factories";
import { FAKE_HEYGEN_AVATAR, FAKE_HEYGEN_VOICE, fakeHeyGenEnv, startFakeHeyGen, type FakeHeyGen } from "../fakes/heygen";
import { HeyGenTalkingHeadProvider } from "./heygen";
import { getTalkingHeadProvider, type TalkingHeadRequest } from "./index";
import { failure } from "@/lib/test/failure";

let fake: FakeHeyGen;
let dir: string;
let photo: string;
let audio: string;
const saved = { ...process.env };
beforeAll(async () => {
  fake = await startFakeHeyGen({ apiKey: "hg-test" });
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "heygen-"));
  photo = path.join(dir, "face.png");
  await fs.writeFile(photo, await makePhoto(96, 128));
  audio = await lavfiAudio(path.join(dir, "narration.wav"), "sine=frequency=200:sample_rate=24000", ["-t", "1"]);
});
beforeEach(() => {
  process.env = { ...saved, ...fakeHeyGenEnv(fake, "hg-test") };
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
  width: 720,
  height: 1280,
  outPath: path.join(dir, `out-${++n}.mp4`),
  workDir: dir,
  ...extra,
});
async function scope(subject: string, signal?: AbortSignal) {
  const a = await makeAccount();
  return { db: getDb(), workspaceId: a.workspaceId, subject, signal };
}
const rowOf = async (subject: string) => (await getDb().select().from(providerJobs).where(eq(providerJobs.subject, subject)))[0];

describe("the HeyGen talking head", () => {
  it("uploads the photo and narration, submits once, polls to completion and keeps the video in storage", async () => {
    const s = await scope("render:1:talking-head");
    const req = request();
    const result = await new HeyGenTalkingHeadProvider().render(req, { scope: s });
    expect(fake.counts).toEqual({ uploads: 2, submits: 1, polls: 3, downloads: 1 });
    expect(fake.generated).toEqual([
      {
        video_inputs: [
          {
            character: { type: "talking_photo", talking_photo_id: expect.stringMatching(/^tp\d+$/) },
            voice: { type: "audio", audio_asset_id: expect.stringMatching(/^asset\d+$/) },
          },
        ],
        dimension: { width: 720, height: 1280 },
      },
    ]);
    expect(result).toEqual({ path: req.outPath, durationMs: 1000 });
    const video = await probe(req.outPath);
    expect(video.streams.some((st) => st.codecType === "video")).toBe(true);
    const row = await rowOf("render:1:talking-head");
    expect(row).toMatchObject({ status: "succeeded", vendor: "HeyGen", vendorJobId: expect.stringMatching(/^video\d+$/), submits: 1 });
    expect(row.result).toMatchObject({ storageKey: expect.stringMatching(/\.mp4$/), durationMs: 1000 });

    // Asked again (a redelivered job): our stored copy, nothing new from HeyGen.
    const again = await new HeyGenTalkingHeadProvider().render(request(), { scope: s });
    expect(fake.counts).toMatchObject({ submits: 1, downloads: 1 });
    expect(await fs.readFile(again.path)).toEqual(await fs.readFile(req.outPath));
  });

  it("speaks text in a HeyGen voice with the configured avatar when there is no photo", async () => {
    process.env.TALKING_HEAD_PROVIDER = "heygen";
    process.env.HEYGEN_AVATAR_ID = FAKE_HEYGEN_AVATAR;
    process.env.HEYGEN_VOICE_ID = FAKE_HEYGEN_VOICE;
    const provider = getTalkingHeadProvider();
    expect(provider).toBeInstanceOf(HeyGenTalkingHeadProvider);
    await provider.render(request({ photoPath: null, audioPath: null, text: "Hello there." }));
    expect(fake.generated[0].video_inputs).toEqual([
      {
        character: { type: "avatar", avatar_id: FAKE_HEYGEN_AVATAR, avatar_style: "normal" },
        voice: { type: "text", input_text: "Hello there.", voice_id: FAKE_HEYGEN_VOICE },
      },
    ]);
    expect(fake.counts.uploads).toBe(0);
  });

  it("resumes the same HeyGen video after a restart mid-job, without a second submit", async () => {
    fake.knobs.pendingPolls = 6;
    const first = new AbortController();
    const s = await scope("render:2:talking-head", first.signal);
    const watch = setInterval(() => fake.counts.polls >= 2 && first.abort(), 2);
    const aborted = await failure(new HeyGenTalkingHeadProvider().render(request(), { scope: s }));
    clearInterval(watch);
    expect(aborted).toMatchObject({ name: "AbortError" });
    expect(await rowOf("render:2:talking-head")).toMatchObject({ status: "running", vendorJobId: expect.stringMatching(/^video\d+$/), submits: 1 });

    const resumed = await new HeyGenTalkingHeadProvider().render(request(), { scope: { ...s, signal: undefined } });
    expect(resumed.durationMs).toBe(1000);
    expect(fake.counts).toMatchObject({ submits: 1, uploads: 2, downloads: 1 });
  });

  it("waits out a 429, and types a refusal in HeyGen's words, a hang, nonsense and a failed video", async () => {
    fake.knobs.rateLimitNext = 2;
    await new HeyGenTalkingHeadProvider().render(request());
    expect(fake.counts.submits).toBe(1);

    const refused = await failure(new HeyGenTalkingHeadProvider().render(request({ avatarId: "Nobody-2020" })));
    expect(refused).toMatchObject({ kind: "permanent", status: 400, message: "HeyGen video: Avatar Nobody-2020 not found or no longer available" });

    fake.knobs.malformed = true;
    const odd = await failure(new HeyGenTalkingHeadProvider().render(request()));
    expect(odd).toMatchObject({ kind: "permanent", message: expect.stringMatching(/shape it does not document \(no data.video_id\)/) });
    fake.knobs.malformed = false;

    fake.knobs.failJob = true;
    const failed = await failure(new HeyGenTalkingHeadProvider().render(request()));
    expect(failed).toMatchObject({
      kind: "permanent",
      message: "HeyGen could not make the video: Face not detected: no face could be found in the talking photo",
    });
    fake.knobs.failJob = false;

    fake.knobs.hang = true;
    process.env.HEYGEN_TIMEOUT_MS = "300";
    expect(await failure(new HeyGenTalkingHeadProvider().render(request()))).toMatchObject({ kind: "timeout" });
  });
});
