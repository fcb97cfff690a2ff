import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { probe, runFfmpeg } from "@/lib/media/ffmpeg";
import { upscaleSize, upscaleVideo } from "./upscale";

let dir = "";
afterAll(() => dir && fs.rm(dir, { recursive: true, force: true }));

describe("upscale", () => {
  it("sizes: 2x doubles, 4k fits the frame, both capped at 4K", () => {
    expect(upscaleSize(1280, 720, "2x")).toEqual({ width: 2560, height: 1440 });
    expect(upscaleSize(1920, 1080, "2x")).toEqual({ width: 3840, height: 2160 });
    expect(upscaleSize(2560, 1440, "2x")).toEqual({ width: 3840, height: 2160 });
    expect(upscaleSize(720, 1280, "4k")).toEqual({ width: 2160, height: 3840 });
  });

  it("doubles a video's size, copies its audio and leaves the original alone", async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "upscale-"));
    const input = path.join(dir, "in.mp4");
    await runFfmpeg([
      "-y",
      "-f",
      "lavfi",
      "-i",
      "testsrc2=size=160x90:rate=25",
      "-f",
      "lavfi",
      "-i",
      "sine=duration=1",
      "-t",
      "1",
      "-pix_fmt",
      "yuv420p",
      "-c:a",
      "aac",
      input,
    ]);
    const before = await fs.readFile(input);
    const r = await upscaleVideo(input, path.join(dir, "out.mp4"), { mode: "2x" });
    const info = await probe(r.path);
    expect(info.streams.find((s) => s.codecType === "video")).toMatchObject({ width: 320, height: 180 });
    expect(info.streams.find((s) => s.codecType === "audio")).toMatchObject({ codecName: "aac" });
    expect((await fs.readFile(input)).equals(before)).toBe(true);
  });
});
