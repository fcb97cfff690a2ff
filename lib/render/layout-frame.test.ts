import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, expect, it } from "vitest";
import { textLayout, trackBox } from "@/lib/composition/layout";
import type { TimelineInput } from "@/lib/composition/timeline";
import { runFfmpeg } from "@/lib/media/ffmpeg";
import { colourBox } from "@/lib/test/boxes";
import { renderTimeline } from "./render-timeline";

/**
 * What the editor previews is what renders: a frame of a render is searched for each layer (each
 * has its own colour), and the box found must match the box the one layout function gives,
 * within 2% of the frame. The preview draws from the same function (app/(studio)/editor/scene-preview.tsx).
 */

let dir: string;
const frame = { width: 540, height: 960 };

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "layout-frame-"));
  await sharp({ create: { width: 64, height: 64, channels: 3, background: "#ff0000" } })
    .png()
    .toFile(path.join(dir, "red.png"));
});
afterAll(() => (process.env.KEEP_LAYOUT_FRAME ? undefined : fs.rm(dir, { recursive: true, force: true })));

const top = { type: "text" as const, text: "Top title", color: "#ffffff", fontSize: 48, position: { x: 0, y: 100 } };
const middle = {
  type: "text" as const,
  text: "Middle of the frame",
  color: "#ffff00",
  fontSize: 40,
  position: { x: 40, y: 380 },
  size: { width: 460, height: 200 },
};
const bottom = { type: "text" as const, text: "Bottom line", color: "#00ffff", fontSize: 44, position: { x: 0, y: 820 } };
const picture = { type: "image" as const, src: "media:red", fit: "fill" as const, position: { x: 300, y: 560 }, size: { width: 180, height: 120 } };

const within = (a: number, b: number, of: number) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(of * 0.02);

it("text at the top, in a box mid-frame and at the bottom, and a moved and sized picture, render where the layout puts them", async () => {
  const timeline: TimelineInput = {
    settings: { name: "layout", videoSize: frame, fps: 25, backgroundColor: "#000000" },
    scenes: [{ duration: 1000, tracks: [picture, top, middle, bottom] }],
  };
  const out = path.join(dir, "out.mp4");
  await renderTimeline(timeline, {
    resolveAsset: async (src) => (src === "media:red" ? path.join(dir, "red.png") : Promise.reject(new Error(src))),
    workDir: path.join(dir, "work"),
    cacheDir: path.join(dir, "cache"),
    outPath: out,
  });
  const png = path.join(dir, "frame.png");
  await runFfmpeg(["-y", "-ss", "0.5", "-i", out, "-frames:v", "1", png]);
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  expect([info.width, info.height]).toEqual([frame.width, frame.height]);

  const pic = colourBox(data, info.width, info.height, [255, 0, 0])!;
  const want = trackBox(picture, frame)!;
  for (const k of ["x", "y", "width", "height"] as const) within(pic[k], want[k], k === "x" || k === "width" ? frame.width : frame.height);

  for (const [track, rgb] of [
    [top, [255, 255, 255]],
    [middle, [255, 255, 0]],
    [bottom, [0, 255, 255]],
  ] as const) {
    const seen = colourBox(data, info.width, info.height, rgb)!;
    expect(seen, track.text).not.toBeNull();
    const layout = textLayout(track, frame);
    // The glyphs sit inside the first line's top and the last line's bottom, centred in the box.
    const textTop = layout.lines[0].y;
    const textBottom = layout.lines.at(-1)!.y + layout.fontSize;
    within(seen.y, textTop + layout.fontSize * 0.2, frame.height);
    within(seen.y + seen.height, textBottom, frame.height);
    within(seen.x + seen.width / 2, layout.box.x + layout.box.width / 2, frame.width);
  }
});
