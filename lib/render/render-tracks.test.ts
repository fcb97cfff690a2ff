import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TimelineInput } from "@/lib/composition/timeline";
import { probe, runFfmpeg } from "@/lib/media/ffmpeg";
import { renderParams, renderTimeline } from "./render-timeline";

let dir: string;
const assets: Record<string, string> = {};
const NASTY = "50% off: a, b [c] ; d \\ e %{pts} '];drawtext=text='x";

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "render-tracks-"));
  assets["media:clip"] = path.join(dir, "clip.mp4");
  assets["media:bg"] = path.join(dir, "bg.png");
  assets["media:photo"] = path.join(dir, "photo.png");
  await runFfmpeg([
    "-y",
    "-f",
    "lavfi",
    "-i",
    "testsrc2=size=320x240:rate=25",
    "-f",
    "lavfi",
    "-i",
    "sine=frequency=440:duration=2",
    "-t",
    "2",
    "-pix_fmt",
    "yuv420p",
    "-shortest",
    assets["media:clip"],
  ]);
  await sharp({ create: { width: 480, height: 270, channels: 3, background: "#225588" } })
    .png()
    .toFile(assets["media:bg"]);
  await sharp({ create: { width: 200, height: 260, channels: 3, background: "#d0a080" } })
    .png()
    .toFile(assets["media:photo"]);
});
afterAll(() => (process.env.KEEP_RENDER_TEST ? undefined : fs.rm(dir, { recursive: true, force: true })));

const timeline = (lastText: string): TimelineInput => ({
  settings: { name: "tracks", videoSize: { width: 320, height: 180 }, fps: 25, backgroundColor: "#101010" },
  scenes: [
    {
      intrinsicDurationTrackReference: "host",
      transition: { type: "wipeleft", duration: 400 },
      tracks: [
        { type: "image", imageUrl: "media:bg", fit: "cover" },
        {
          type: "actor",
          actor: "ana",
          variant: "bubble",
          referenceId: "host",
          text: "Hi there. Welcome!",
          position: { x: 200, y: 20 },
          size: { width: 100, height: 100 },
        },
        { type: "captions", sourceTrackReference: "host", style: { position: "bottom" } },
        {
          type: "text",
          text: NASTY,
          fontSize: 14,
          position: { x: 10, y: 10 },
          size: { width: 180, height: 60 },
          alignment: "left",
          backgroundBox: { color: "#000000", opacity: 0.5, padding: 4 },
          animation: { enter: "slide-up", exit: "fade" },
        },
      ],
    },
    {
      duration: 1_000,
      transition: { type: "dissolve", duration: 320 },
      tracks: [{ type: "video", videoUrl: "media:clip", volume: 0.5, position: { x: 40, y: 20 }, size: { width: 240, height: 140 }, rotation: 5 }],
    },
    { duration: 1_000, tracks: [{ type: "text", text: lastText, alignment: "right", color: "#ffcc00" }] },
  ],
});

async function render(t: TimelineInput, name: string, draft = false) {
  return renderTimeline(t, {
    resolveAsset: async (src) => assets[src] ?? Promise.reject(new Error(`unknown ${src}`)),
    resolveActor: async () => ({ photoPath: assets["media:photo"], voice: null }),
    workDir: path.join(dir, `work-${name}`),
    cacheDir: path.join(dir, "cache"),
    outPath: path.join(dir, `${name}.mp4`),
    draft,
  });
}

describe("renderTimeline with every track type and xfade transitions", () => {
  it("renders, overlaps scenes at transitions, and re-encodes only what an edit touches", async () => {
    const first = await render(timeline("The end"), "first");
    const info = await probe(first.path);
    expect(info.streams.find((s) => s.codecType === "video")).toMatchObject({ width: 320, height: 180 });
    const speech = JSON.parse((await fs.readdir(path.join(dir, "cache"))).filter((f) => f.endsWith(".json")).map(() => "1")[0] ?? "0");
    expect(speech).toBe(1);
    expect(first.segments.map((s) => s.cached)).toEqual([false, false, false]);
    expect(first.transitions.map((s) => s.cached)).toEqual([false, false]);
    const scene0 = (await probe(first.segments[0].path)).durationMs;
    expect(Math.abs(info.durationMs - (scene0 + 2_000 - 400 - 320))).toBeLessThanOrEqual(120);
    // The animated photo is driven by a per-frame motion script; text reaches ffmpeg only through files.
    const cmd = await fs.readFile(path.join(dir, "work-first", "scene-0", "actor-1.cmd"), "utf8");
    expect(cmd).toMatch(/scale@actor1 w \d+, scale@actor1 h \d+, overlay@actor1 x \d+, overlay@actor1 y \d+/);
    expect(await fs.readFile(path.join(dir, "work-first", "scene-0", "text-2-0.txt"), "utf8")).toContain("50% off");
    expect(await fs.readFile(path.join(dir, "work-first", "scene-0", "captions.ass"), "utf8")).toContain("Hi there.");

    const edited = await render(timeline("A different end"), "edited");
    expect(edited.segments.map((s) => s.cached)).toEqual([true, true, false]);
    expect(edited.transitions.map((s) => s.cached)).toEqual([true, false]);
    expect(Math.abs((await probe(edited.path)).durationMs - info.durationMs)).toBeLessThanOrEqual(80);
  });

  it("draft renders are small, ultrafast and never share segments with final renders", async () => {
    expect(renderParams({ videoSize: { width: 1920, height: 1080 }, fps: 25, backgroundColor: "#000000" }, true)).toMatchObject({
      width: 960,
      height: 540,
      preset: "ultrafast",
    });
    const t = timeline("The end");
    t.scenes = [t.scenes[2]];
    const final = await render(t, "final-one");
    const draft = await render(t, "draft-one", true);
    expect(draft.segments[0].cached).toBe(false);
    expect(draft.segments[0].hash).not.toBe(final.segments[0].hash);
  });
});

describe("renderTimeline input errors", () => {
  it("names the field of an asset that cannot be resolved, and of an unknown track type", async () => {
    const t = timeline("x");
    t.scenes = [
      {
        duration: 1_000,
        tracks: [
          { type: "text", text: "a" },
          { type: "image", imageUrl: "media:missing" },
        ],
      },
    ];
    await expect(render(t, "missing")).rejects.toThrow(/^scenes\[0\]\.tracks\[1\]\.src: unknown media:missing/);
    t.scenes = [{ duration: 1_000, tracks: [{ type: "hologram" } as never] }];
    await expect(render(t, "unknown")).rejects.toThrow(/^scenes\[0\]\.tracks\[0\]\.type/);
  });
});
