import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TimelineInput } from "@/lib/composition/timeline";
import { probe, runFfmpeg } from "@/lib/media/ffmpeg";
import { levelSpeech } from "@/lib/media/loudness";
import { readWav, writeWav } from "@/lib/media/wav";
import { LOUDNESS_I, parseLoudness } from "./join-args";
import { renderTimeline } from "./render-timeline";

let dir: string;
const assets: Record<string, string> = {};
const NASTY = "It's 50% off: a, b [c] ; d \\ e {\\i1} %{pts} '];drawtext=text='x";

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "render-test-"));
  assets["media:clip"] = path.join(dir, "clip.mp4");
  assets["media:tone"] = path.join(dir, "tone.wav");
  assets["media:still"] = path.join(dir, "still.png");
  // Inputs deliberately differ from the output format (size, rate, mono 44.1 kHz) to exercise conversion.
  await runFfmpeg(["-y", "-f", "lavfi", "-i", "testsrc2=size=400x300:rate=30", "-t", "1.5", "-pix_fmt", "yuv420p", assets["media:clip"]]);
  await runFfmpeg(["-y", "-f", "lavfi", "-i", "sine=frequency=330:sample_rate=44100:duration=2.5", assets["media:tone"]]);
  await sharp({ create: { width: 480, height: 270, channels: 3, background: "#225588" } })
    .png()
    .toFile(assets["media:still"]);
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

const timeline = (secondText: string): TimelineInput => ({
  settings: { name: "test", videoSize: { width: 320, height: 180 }, fps: 25, backgroundColor: "#101010" },
  scenes: [
    {
      duration: 3_000,
      transition: { type: "fade", duration: 400 },
      tracks: [
        { type: "video", src: "media:clip", loop: true },
        { type: "audio", src: "media:tone", startTimeGap: 200 },
        { type: "captions", segments: [{ text: NASTY, startMs: 0, endMs: 2_500 }] },
      ],
    },
    {
      tracks: [
        { type: "image", src: "media:still", motion: "push-in" },
        { type: "audio", src: "media:tone" },
        { type: "text", text: secondText, color: "#ffcc00" },
      ],
    },
  ],
});

async function render(t: TimelineInput, name: string) {
  const workDir = path.join(dir, `work-${name}`);
  return renderTimeline(t, {
    resolveAsset: async (src) => assets[src] ?? Promise.reject(new Error(`unknown ${src}`)),
    workDir,
    cacheDir: path.join(dir, "cache"),
    outPath: path.join(dir, `${name}.mp4`),
  });
}

describe("renderTimeline", () => {
  it("renders, caches every segment, and re-renders only the scene that changed", async () => {
    const first = await render(timeline(NASTY), "first");
    const info = await probe(first.path);
    const v = info.streams.find((s) => s.codecType === "video");
    const a = info.streams.find((s) => s.codecType === "audio");
    expect(v).toMatchObject({ codecName: "h264", width: 320, height: 180, pixFmt: "yuv420p" });
    expect(a).toMatchObject({ codecName: "aac", sampleRate: 48_000 });
    expect(Math.abs(info.durationMs - 5_500)).toBeLessThanOrEqual(150);
    // The timeline's length, not the file's: the file runs on by the AAC encoder's end padding, under one 1024-sample frame.
    // 3 s + the 2.5 s tone in whole frames (63 at 25 fps) - the 0.4 s fade.
    expect(first.durationMs).toBe(5_520);
    expect(info.durationMs - first.durationMs).toBeGreaterThanOrEqual(0);
    expect(info.durationMs - first.durationMs).toBeLessThanOrEqual(22);
    expect(first.sizeBytes).toBe(info.sizeBytes);
    expect(first.segments.map((s) => s.cached)).toEqual([false, false]);
    const thumb = await sharp(first.thumbnailPath).metadata();
    expect([thumb.format, thumb.width]).toEqual(["jpeg", 320]);
    // The caption text only ever reaches ffmpeg through a file, escaped for libass.
    const ass = await fs.readFile(path.join(dir, "work-first", "scene-0", "captions.ass"), "utf8");
    expect(ass).toContain("It's 50% off: a, b [c] ; d \\\u2060 e \\{\\\u2060i1\\} %\\{pts\\} '];drawtext=text='x\n");

    // The first scene's thumbnail is kept beside its segment: a cache entry swapped for a marker image comes back.
    const [cachedThumb] = (await fs.readdir(path.join(dir, "cache"))).filter((f) => f.startsWith(`${first.segments[0].hash}-thumb-`));
    await sharp({ create: { width: 16, height: 9, channels: 3, background: "#f00" } })
      .jpeg()
      .toFile(path.join(dir, "cache", cachedThumb));

    const again = await render(timeline(NASTY), "again");
    expect((await sharp(again.thumbnailPath).metadata()).width).toBe(16);
    expect(again.segments.map((s) => s.cached)).toEqual([true, true]);
    expect(again.segments.map((s) => s.hash)).toEqual(first.segments.map((s) => s.hash));

    const edited = await render(timeline("A new title"), "edited");
    expect(edited.segments.map((s) => s.cached)).toEqual([true, false]);
    expect(edited.segments[1].hash).not.toBe(first.segments[1].hash);
    expect(Math.abs((await probe(edited.path)).durationMs - 5_500)).toBeLessThanOrEqual(150);
  });

  it("brings the video to -14 LUFS from the loudness each segment recorded, or by measuring when a record is missing", async () => {
    const measured = async (file: string) => {
      let stderr = "";
      await runFfmpeg(["-i", file, "-map", "0:a:0", "-af", "ebur128=peak=sample", "-f", "null", "-"], { onStderr: (c) => void (stderr += c) });
      return parseLoudness(stderr)!.integratedLufs;
    };
    const t = timeline("Loudness");
    const recorded = await render(t, "loud-recorded");
    expect(Math.abs((await measured(recorded.path)) - LOUDNESS_I)).toBeLessThanOrEqual(0.5);
    const cache = path.join(dir, "cache");
    for (const seg of recorded.segments) await fs.rm(path.join(cache, `${seg.hash}.loudness.json`));
    const remeasured = await render(t, "loud-measured");
    expect(remeasured.segments.map((s) => s.cached)).toEqual([true, true]);
    expect(Math.abs((await measured(remeasured.path)) - LOUDNESS_I)).toBeLessThanOrEqual(0.5);
  });

  it("lays a built-in music bed under the narration, ducked while it speaks, the mix at -14 LUFS, the segments untouched", async () => {
    // A 3 kHz "voice" for the first 3 s, then 6 s of picture alone: below 400 Hz only the music sounds.
    assets["media:voice"] = path.join(dir, "voice.wav");
    await runFfmpeg(["-y", "-f", "lavfi", "-i", "sine=frequency=3000:sample_rate=48000:duration=3", "-af", "volume=-12dB", assets["media:voice"]]);
    const scored = (music?: { duck: boolean }): TimelineInput => ({
      settings: {
        name: "music",
        videoSize: { width: 320, height: 180 },
        fps: 25,
        ...(music ? { music: { src: "builtin:music/calm", volume: 0.5, duck: music.duck } } : {}),
      },
      scenes: [
        {
          duration: 4_000,
          tracks: [
            { type: "image", src: "media:still" },
            { type: "audio", src: "media:voice" },
          ],
        },
        { duration: 6_000, tracks: [{ type: "image", src: "media:still", motion: "push-in" }] },
      ],
    });
    /** The level (dB RMS) below 400 Hz between two times: the bed, with the voice filtered out. */
    const bedLevel = async (file: string, fromS: number, toS: number) => {
      let stderr = "";
      await runFfmpeg(
        [
          "-ss",
          String(fromS),
          "-t",
          String(toS - fromS),
          "-i",
          file,
          "-map",
          "0:a:0",
          "-af",
          "lowpass=f=400,lowpass=f=400,astats=measure_perchannel=none:measure_overall=RMS_level",
          "-f",
          "null",
          "-",
        ],
        { onStderr: (c) => void (stderr += c) },
      );
      const level = /RMS level dB: (-inf|-?[\d.]+)/.exec(stderr)![1];
      return level === "-inf" ? -Infinity : Number(level);
    };
    const loudness = async (file: string) => {
      let stderr = "";
      await runFfmpeg(["-i", file, "-map", "0:a:0", "-af", "ebur128=peak=sample", "-f", "null", "-"], { onStderr: (c) => void (stderr += c) });
      return parseLoudness(stderr)!;
    };

    const plain = await render(scored(), "no-music");
    const ducked = await render(scored({ duck: true }), "ducked");
    const flat = await render(scored({ duck: false }), "flat");
    // The bed is mixed at the join: every scene's segment is the one the render without music made.
    expect(ducked.segments.map((s) => [s.hash, s.cached])).toEqual(plain.segments.map((s) => [s.hash, true]));
    expect(Math.abs((await probe(ducked.path)).durationMs - 10_000)).toBeLessThanOrEqual(100);

    // Without the bed the picture-only part is silent; with it, the music fills it.
    expect(await bedLevel(plain.path, 4.5, 6.5)).toBeLessThan(-70);
    const gap = await bedLevel(ducked.path, 4.5, 6.5);
    expect(gap).toBeGreaterThan(-40);
    // Ducked: the bed sits at least 6 dB lower under the voice than in the gap; not ducked: about level.
    expect(gap - (await bedLevel(ducked.path, 1.5, 3))).toBeGreaterThan(6);
    expect(Math.abs((await bedLevel(flat.path, 4.5, 6.5)) - (await bedLevel(flat.path, 1.5, 3)))).toBeLessThan(3);
    // The whole mix at the platforms' target, without clipping.
    const mix = await loudness(ducked.path);
    expect(Math.abs(mix.integratedLufs - LOUDNESS_I)).toBeLessThanOrEqual(1);
    expect(mix.peakDbfs).toBeLessThan(-0.5);
  });

  /** The output's audio as 48 kHz mono samples, and where a sound first rises out of silence after `fromMs` (ms of the video's timeline). */
  async function audioOf(file: string) {
    const raw = file.replace(/\.mp4$/, ".f32");
    await runFfmpeg(["-y", "-i", file, "-map", "0:a:0", "-ac", "1", "-ar", "48000", "-f", "f32le", raw]);
    const buf = await fs.readFile(raw);
    const samples = new Float32Array(buf.buffer, buf.byteOffset, buf.length / 4);
    return (fromMs: number) => {
      for (let i = Math.round(fromMs * 48); i < samples.length; i++) if (Math.abs(samples[i]) > 0.05) return i / 48;
      return Infinity;
    };
  }
  const twoSecondScene = (sound: string, transition?: boolean) => ({
    duration: 2_000,
    ...(transition ? { transition: { type: "dissolve" as const, duration: 400 } } : {}),
    tracks: [
      { type: "image" as const, src: "media:still" },
      { type: "audio" as const, src: sound, startTimeGap: 500 },
    ],
  });

  it("keeps every scene's sound on its frames when it levels and encodes the audio: at a cut and after a transition", async () => {
    // A beep 0.5 s into each of three 2 s scenes; the last two joined by a 400 ms dissolve (an xfade piece).
    const beep = path.join(dir, "beep.wav");
    await runFfmpeg(["-y", "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=44100:duration=0.1", beep]);
    assets["media:beep"] = beep;
    const scenes = [twoSecondScene("media:beep"), twoSecondScene("media:beep", true), twoSecondScene("media:beep")];
    const out = await render({ settings: { name: "sync", videoSize: { width: 320, height: 180 }, fps: 25 }, scenes }, "sync");
    expect(out.scenes.map((s) => s.startMs)).toEqual([0, 2_000, 3_600]);
    expect(out.audioJoin).toBe("encoded");
    const onsetMs = await audioOf(out.path);
    for (const s of out.scenes) expect(Math.abs(onsetMs(s.startMs + 250) - (s.startMs + 500))).toBeLessThan(1);
  });

  it("copies the segments' audio when it is at the target already, each scene's sound within half an AAC frame of its frames", async () => {
    // A tone with silence around it, as a speech engine's sentence has, levelled as speech is (levelSpeech),
    // heard 0.3 s into scenes whose lengths are no whole number of AAC frames.
    const tone = path.join(dir, "tone-raw.wav");
    const shape = ["-af", "adelay=300:all=1,apad=pad_dur=0.6", "-c:a", "pcm_s16le"];
    await runFfmpeg(["-y", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=22050:duration=1", ...shape, tone]);
    const levelled = path.join(dir, "levelled.wav");
    await fs.writeFile(levelled, writeWav(levelSpeech(readWav(await fs.readFile(tone)))));
    assets["media:levelled"] = levelled;
    const scenes = [2_000, 2_040, 1_960].map((duration) => ({
      duration,
      tracks: [
        { type: "image" as const, src: "media:still" },
        { type: "audio" as const, src: "media:levelled" },
      ],
    }));
    const out = await render({ settings: { name: "copy", videoSize: { width: 320, height: 180 }, fps: 25 }, scenes }, "copy");
    expect(out.audioJoin).toBe("copied");
    expect(out.scenes.map((s) => s.startMs)).toEqual([0, 2_000, 4_040]);
    const onsetMs = await audioOf(out.path);
    for (const s of out.scenes) expect(Math.abs(onsetMs(Math.max(0, s.startMs - 100)) - (s.startMs + 300))).toBeLessThan(10.7);
    let stderr = "";
    await runFfmpeg(["-i", out.path, "-map", "0:a:0", "-af", "ebur128=peak=sample", "-f", "null", "-"], { onStderr: (c) => void (stderr += c) });
    const measured = parseLoudness(stderr)!;
    expect(Math.abs(measured.integratedLufs - LOUDNESS_I)).toBeLessThanOrEqual(0.5);
    expect(measured.peakDbfs).toBeLessThan(-1.5);
  });

  it("renders a timeline of a single frame, thumbnail included", async () => {
    const one = await render(
      {
        settings: { name: "one", videoSize: { width: 320, height: 180 }, fps: 25 },
        scenes: [{ duration: 40, tracks: [{ type: "image", src: "media:still" }] }],
      },
      "one-frame",
    );
    expect((await sharp(one.thumbnailPath).metadata()).format).toBe("jpeg");
    expect(one.scenes).toEqual([{ startMs: 0, durationMs: 40 }]);
  });

  it("fails with the path of a scene whose length nothing determines", async () => {
    const t = timeline("x");
    t.scenes[1].tracks = [{ type: "image", src: "media:still" }];
    await expect(render(t, "bad")).rejects.toThrow("scenes[1]: duration undetermined");
  });
});
