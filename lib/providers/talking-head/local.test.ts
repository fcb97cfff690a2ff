import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probe } from "@/lib/media/ffmpeg";
import { lavfiAudio } from "@/lib/test/audio";
import { makePhoto } from "@/lib/test/factories";
import { getTalkingHeadProvider } from "./index";
import { LocalTalkingHeadProvider } from "./local";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "talking-head-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("the local talking head", () => {
  it("is the default, and renders the photo speaking the narration as an MP4 as long as the speech", async () => {
    delete process.env.TALKING_HEAD_PROVIDER;
    const provider = getTalkingHeadProvider();
    expect(provider).toBeInstanceOf(LocalTalkingHeadProvider);
    const photo = path.join(dir, "face.png");
    await fs.writeFile(photo, await makePhoto(96, 128));
    const audio = await lavfiAudio(path.join(dir, "narration.wav"), "sine=frequency=200:sample_rate=24000", ["-t", "1.2"]);
    const outPath = path.join(dir, "head.mp4");
    const result = await provider.render({ photoPath: photo, audioPath: audio, width: 180, height: 320, outPath, workDir: dir });
    expect(result.path).toBe(outPath);
    expect(Math.abs(result.durationMs - 1200)).toBeLessThan(100);
    const info = await probe(outPath);
    expect(info.streams.find((s) => s.codecType === "video")).toMatchObject({ width: 180, height: 320 });
    expect(info.streams.some((s) => s.codecType === "audio")).toBe(true);
  });
});
