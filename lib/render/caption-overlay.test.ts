import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runFfmpeg } from "@/lib/media/ffmpeg";
import { assChangeFrames, buildAssSubtitles, type AssEvent } from "./ass";
import { buildSceneArgs, type ScenePlan } from "./scene-args";

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await fs.rm(d, { recursive: true, force: true });
});

const [W, H] = [320, 180];

/** The segment's picture as 8-bit luma frames, from the graph buildSceneArgs made, or from that graph with `edit` applied. */
async function lumaFrames(plan: ScenePlan, cwd: string, edit: (graph: string) => string = (g) => g): Promise<Buffer[]> {
  const args = buildSceneArgs(plan);
  const graph = edit(args[args.indexOf("-filter_complex") + 1]);
  const out = path.join(cwd, `frames-${Math.random().toString(36).slice(2)}.gray`);
  // The picture as raw luma; the segment's audio, which the graph always has, goes nowhere.
  const video = ["-map", "[vout]", "-frames:v", String(plan.frames), "-f", "rawvideo", "-pix_fmt", "gray", out];
  await runFfmpeg(["-y", "-filter_complex_threads", "1", "-filter_complex", graph, ...video, "-map", "[aout]", "-f", "null", "-"], { cwd });
  const bytes = await fs.readFile(out);
  return Array.from({ length: bytes.length / (W * H) }, (_, i) => bytes.subarray(i * W * H, (i + 1) * W * H));
}

const meanDiff = (a: Buffer, b: Buffer) => a.reduce((sum, v, i) => sum + Math.abs(v - b[i]), 0) / a.length;

describe("captions drawn once per change", () => {
  it("find the frames libass's picture changes at, with its millisecond truncation at 30 fps", () => {
    // Frame 111 at 30 fps is at 3699.999... ms, which ffmpeg hands libass as 3699: a line from 0:00:03.70 starts at frame 112.
    const doc = buildAssSubtitles(W, H, [{ text: "One", startMs: 3_700, endMs: 3_800, style: "caption-bottom" }]);
    expect(assChangeFrames(doc, 30, 120)).toEqual([0, 112, 114]);
    expect(assChangeFrames(doc, 30, 112)).toEqual([]);
    expect(assChangeFrames(buildAssSubtitles(W, H, []), 25, 50)).toEqual([]);
  });

  it("give the very frames libass draws on every frame: plain, boxed and word-highlight captions, overlapping lines, a title, at 30 fps", async () => {
    const cwd = await fs.mkdtemp(path.join(os.tmpdir(), "caption-overlay-"));
    dirs.push(cwd);
    const fps = 30;
    const frames = 120;
    const events: AssEvent[] = [
      { text: "A plain caption that is long enough to wrap onto two lines here", startMs: 100, endMs: 900, style: "caption-bottom" },
      { text: "Boxed, at the top", startMs: 430, endMs: 1_610, style: "caption-top", preset: "boxed" },
      // Overlaps the first bottom caption: libass stacks it above and keeps the places it gave.
      { text: "Stacked", startMs: 700, endMs: 1_200, style: "caption-bottom" },
      { text: "Every word lights up in turn", startMs: 1_300, endMs: 2_400, style: "caption-bottom", preset: "highlight" },
      { text: "Title", startMs: 1_000, endMs: 2_000, style: "title", fontSize: 40, color: "#ffd60a" },
      // Starts where ffmpeg's frame time falls a hair short of the line's start (frame 111, above).
      { text: "On the hair", startMs: 3_700, endMs: 3_900, style: "caption-center" },
    ];
    const doc = buildAssSubtitles(W, H, events);
    await fs.writeFile(path.join(cwd, "captions.ass"), doc);
    const changes = assChangeFrames(doc, fps, frames);
    expect(changes.length).toBeGreaterThan(8);
    const plan: ScenePlan = {
      params: { width: W, height: H, fps, backgroundColor: "#3366aa", preset: "veryfast", crf: 21 },
      frames,
      fadeInMs: 0,
      fadeOutMs: 0,
      layers: [],
      sounds: [],
      subtitles: { file: "captions.ass", changes },
      outPath: path.join(cwd, "unused.mp4"),
    };
    const overlaid = await lumaFrames(plan, cwd);
    // The reference: the same segment with libass drawing onto every frame.
    const drawn = await lumaFrames({ ...plan, subtitles: null }, cwd, (g) =>
      g.replace("[bg0]format=yuv420p,", "[bg0]subtitles=filename=captions.ass,format=yuv420p,"),
    );
    expect(overlaid).toHaveLength(frames);
    expect(drawn).toHaveLength(frames);
    const blank = await lumaFrames({ ...plan, subtitles: null }, cwd);
    for (let n = 0; n < frames; n++) {
      // A frame off, a short line is there or not: 0.7 levels here. Otherwise the two differ by 0.02 at most.
      expect(meanDiff(overlaid[n], drawn[n]), `frame ${n}`).toBeLessThan(0.15);
    }
    // And the captions are there at all: frames with a line differ from the bare background.
    const withText = overlaid.filter((f, n) => meanDiff(f, blank[n]) > 1).length;
    expect(withText).toBeGreaterThan(frames * 0.5);
  });
});
