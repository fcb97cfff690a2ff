import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import type { TimelineInput } from "@/lib/composition/timeline";
import { probe, runFfmpeg } from "@/lib/media/ffmpeg";
import { fakeFalEnv, startFakeFal, type FakeFal } from "@/lib/providers/fakes/fal";
import { fakeHeyGenEnv, startFakeHeyGen, type FakeHeyGen } from "@/lib/providers/fakes/heygen";
import { FalTalkingHeadProvider } from "@/lib/providers/talking-head/fal";
import { HeyGenTalkingHeadProvider } from "@/lib/providers/talking-head/heygen";
import { makeAccount, makePhoto } from "@/lib/test/factories";
import { renderTimeline } from "./render-timeline";

let fake: FakeHeyGen;
let fal: FakeFal;
let dir: string;
let photo: string;
const saved = { ...process.env };

beforeAll(async () => {
  fake = await startFakeHeyGen({ apiKey: "hg-test" });
  fal = await startFakeFal({ key: "fal-test" });
  Object.assign(process.env, fakeHeyGenEnv(fake, "hg-test"), { HEYGEN_POLL_MS: "5" }, fakeFalEnv(fal, "fal-test"));
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "talking-head-render-"));
  photo = path.join(dir, "face.png");
  await fs.writeFile(photo, await makePhoto(96, 128));
});
afterAll(async () => {
  process.env = saved;
  await fake.close();
  await fal.close();
  if (!process.env.KEEP) await fs.rm(dir, { recursive: true, force: true });
  await closeDb();
});

const timeline: TimelineInput = {
  settings: { name: "avatar", videoSize: { width: 180, height: 320 }, fps: 25, backgroundColor: "#202020" },
  scenes: [{ tracks: [{ type: "actor", actor: "character-1", text: "Hello there, welcome back." }] }],
};

/** How busy the frame at `atS` is (mean channel deviation): the vendor's test pattern is bars of colour, the animated photo a flat card. */
async function busyness(file: string, atS: number): Promise<number> {
  const frame = path.join(dir, `frame-${path.basename(file)}.png`);
  await runFfmpeg(["-y", "-ss", String(atS), "-i", file, "-frames:v", "1", frame]);
  const { channels } = await sharp(frame).stats();
  return (channels[0].stdev + channels[1].stdev + channels[2].stdev) / 3;
}

describe("an actor track made by a talking-head vendor", () => {
  it("shows the vendor's clip in place of the animated photo, paid for once however often it renders; a draft stays in-house", async () => {
    const a = await makeAccount();
    const render = (name: string, opts: { draft?: boolean; vendor?: "heygen" | "fal" } = {}) =>
      renderTimeline(timeline, {
        resolveAsset: async (src) => src,
        resolveActor: async () => ({ photoPath: photo, voice: null }),
        workDir: path.join(dir, `work-${name}`),
        cacheDir: path.join(dir, "cache"),
        outPath: path.join(dir, `${name}.mp4`),
        draft: opts.draft,
        ...(opts.vendor
          ? {
              talkingHead: opts.vendor === "fal" ? new FalTalkingHeadProvider() : new HeyGenTalkingHeadProvider(),
              vendorScope: { db: getDb(), workspaceId: a.workspaceId, subject: "render" },
            }
          : {}),
      });

    const inHouse = await render("in-house");
    const vendor = await render("heygen", { vendor: "heygen" });
    expect(fake.counts.submits).toBe(1);
    // The narration is the track's own speech, the picture the vendor's: a different segment, as long as the speech.
    expect(vendor.segments[0].hash).not.toBe(inHouse.segments[0].hash);
    expect(Math.abs(vendor.durationMs - inHouse.durationMs)).toBeLessThan(100);
    expect((await probe(vendor.path)).streams.map((s) => s.codecType).sort()).toEqual(["audio", "video"]);
    expect(await busyness(vendor.path, 0.5)).toBeGreaterThan((await busyness(inHouse.path, 0.5)) + 30);

    // Rendered again (another job, the same line): the clip and the segment come from the cache.
    const again = await render("heygen-again", { vendor: "heygen" });
    expect(fake.counts.submits).toBe(1);
    expect(again.segments[0]).toMatchObject({ hash: vendor.segments[0].hash, cached: true });

    // A draft preview never pays a vendor, even when it is the configured provider.
    process.env.TALKING_HEAD_PROVIDER = "heygen";
    try {
      await render("draft", { draft: true });
      expect(fake.counts.submits).toBe(1);
    } finally {
      delete process.env.TALKING_HEAD_PROVIDER;
    }

    // Lip-synced on fal instead: its clip in place of the photo, over the track's own speech, paid for once.
    const lipSynced = await render("fal", { vendor: "fal" });
    expect(fal.submits).toBe(1);
    expect(fal.inputs[0].model).toBe("veed/fabric-1.0");
    expect(Math.abs(lipSynced.durationMs - inHouse.durationMs)).toBeLessThan(100);
    expect((await probe(lipSynced.path)).streams.map((s) => s.codecType).sort()).toEqual(["audio", "video"]);
    expect(await busyness(lipSynced.path, 0.5)).toBeGreaterThan((await busyness(inHouse.path, 0.5)) + 30);
    await render("fal-again", { vendor: "fal" });
    expect(fal.submits).toBe(1);
  });

  it("animates the photo in-house when the vendor fails and the workspace falls back, and a later render keeps that choice unless told to ask again", async () => {
    const a = await makeAccount();
    const cacheDir = path.join(dir, "cache-fallback");
    const render = (name: string, talkingHeadFallback?: { retry: boolean }) =>
      renderTimeline(timeline, {
        resolveAsset: async (src) => src,
        resolveActor: async () => ({ photoPath: photo, voice: null }),
        workDir: path.join(dir, `work-${name}`),
        cacheDir,
        outPath: path.join(dir, `${name}.mp4`),
        talkingHead: new HeyGenTalkingHeadProvider(),
        talkingHeadFallback,
        vendorScope: { db: getDb(), workspaceId: a.workspaceId, subject: `fallback-${name}` },
      });
    const inHouse = await renderTimeline(timeline, {
      resolveAsset: async (src) => src,
      resolveActor: async () => ({ photoPath: photo, voice: null }),
      workDir: path.join(dir, "work-fallback-in-house"),
      cacheDir,
      outPath: path.join(dir, "fallback-in-house.mp4"),
    });
    fake.reset();
    fake.knobs.failJob = true;

    // Without the fallback the vendor's refusal fails the render, naming the track.
    await expect(render("no-fallback")).rejects.toThrow(/scenes\[0\]\.tracks\[0\]\.actor: HeyGen/);
    const failedSubmits = fake.counts.submits;

    // With it, the scene is the animated photo (the very segment an in-house render makes) and the render says why.
    const fellBack = await render("fallback", { retry: true });
    expect(fake.counts.submits).toBe(failedSubmits + 1);
    expect(fellBack.talkingHeadFallbacks).toEqual([{ scene: 0, track: 0, providerId: "heygen", message: expect.stringMatching(/\S/) }]);
    expect(fellBack.segments[0]).toMatchObject({ hash: inHouse.segments[0].hash, cached: true });

    // A render that keeps the choice (the stitch after its scene job) does not ask the vendor again, and has nothing new to say.
    const kept = await render("kept", { retry: false });
    expect(fake.counts.submits).toBe(failedSubmits + 1);
    expect(kept.talkingHeadFallbacks).toEqual([]);
    expect(kept.segments[0].hash).toBe(inHouse.segments[0].hash);

    // Asked again once the vendor is back, the clip is the vendor's, and from then on the choice is the clip.
    fake.knobs.failJob = false;
    const retried = await render("retried", { retry: true });
    expect(fake.counts.submits).toBe(failedSubmits + 2);
    expect(retried.talkingHeadFallbacks).toEqual([]);
    expect(retried.segments[0].hash).not.toBe(inHouse.segments[0].hash);
    const after = await render("after", { retry: false });
    expect(after.segments[0]).toMatchObject({ hash: retried.segments[0].hash, cached: true });
    expect(fake.counts.submits).toBe(failedSubmits + 2);
  });
});
