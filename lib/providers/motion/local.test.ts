import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probe, runFfmpeg } from "@/lib/media/ffmpeg";
import { LocalMotionProvider } from "./local";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "motion-test-"));
  await runFfmpeg(["-y", "-f", "lavfi", "-i", "testsrc2=size=640x360", "-frames:v", "1", path.join(dir, "still.png")]);
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

describe("LocalMotionProvider", () => {
  it("makes a silent H.264 yuv420p clip of exactly the requested length and size", async () => {
    const fractions: number[] = [];
    const r = await new LocalMotionProvider().animate(
      { imagePath: path.join(dir, "still.png"), motionPrompt: "Camera: pan left across the street", durationMs: 2_600, width: 320, height: 180, fps: 25 },
      path.join(dir, "clip.mp4"),
      { onProgress: (f) => fractions.push(f) },
    );
    expect(r.move).toBe("pan-left");
    expect(r.durationMs).toBe(2_600);
    const info = await probe(r.path);
    expect(info.streams).toEqual([expect.objectContaining({ codecType: "video", codecName: "h264", width: 320, height: 180, pixFmt: "yuv420p" })]);
    expect(Math.abs(info.durationMs - 2_600)).toBeLessThanOrEqual(1);
    expect(fractions.at(-1)).toBeGreaterThan(0.9);
  });
});
