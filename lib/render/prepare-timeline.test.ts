import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parseTimeline } from "@/lib/composition/timeline";
import * as ffmpeg from "@/lib/media/ffmpeg";
import { runFfmpeg } from "@/lib/media/ffmpeg";
import type { SpeechProvider, VoiceProfile } from "@/lib/providers/speech/index";
import { localVoices } from "@/lib/providers/speech/voices";
import { describeMedia, prepareTimeline } from "./prepare-timeline";

let dir: string;
let tone: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "prepare-"));
  tone = path.join(dir, "tone.wav");
  await runFfmpeg(["-y", "-f", "lavfi", "-i", "sine=duration=1.2", tone]);
  for (const id of ["ana", "bo"]) await runFfmpeg(["-y", "-f", "lavfi", "-i", "testsrc2=size=64x80", "-frames:v", "1", path.join(dir, `${id}.png`)]);
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

/** A speech provider that records its calls and writes a copy of a 1.2 s tone. */
function fakeSpeech() {
  const calls: Array<{ text: string; voice: VoiceProfile | null }> = [];
  const provider: SpeechProvider = {
    id: "fake",
    async synthesize(text, voice, outPath) {
      calls.push({ text, voice });
      await fs.copyFile(tone, outPath);
      return { path: outPath, durationMs: 1_200, segments: [{ text, startMs: 0, endMs: 1_200 }] };
    },
  };
  return { provider, calls };
}

describe("prepareTimeline", () => {
  it("synthesizes actor text once (cached by content), picks the voice, and measures media", async () => {
    const speakerId = localVoices()[0].name;
    const t = parseTimeline({
      settings: { name: "p", videoSize: { width: 320, height: 180 } },
      scenes: [
        {
          tracks: [
            { type: "actor", actor: "ana", text: "Hello.", speakerId },
            { type: "actor", actor: "bo", text: "Hi." },
            { type: "audio", src: "tone" },
          ],
        },
      ],
    });
    const { provider, calls } = fakeSpeech();
    const deps = {
      resolveAsset: async (src: string) => (src === "tone" ? tone : Promise.reject(new Error("nope"))),
      resolveActor: async (id: string) => ({ photoPath: path.join(dir, `${id}.png`), voice: { engineVoice: `voice-of-${id}` } }),
      speech: provider,
      cacheDir: path.join(dir, "cache"),
    };
    const p = await prepareTimeline(t, deps);
    expect(calls.map((c) => c.voice)).toEqual([localVoices()[0].profile, { engineVoice: "voice-of-bo" }]);
    expect(p.tracks[0].map((x) => x.photo?.path)).toEqual([path.join(dir, "ana.png"), path.join(dir, "bo.png"), undefined]);
    // Each photo is analysed once; a busy test card has no plain backdrop to cut out of.
    expect(p.tracks[0][0].photo?.analysis).toMatchObject({ width: 64, height: 80, backdrop: null });
    expect(p.intrinsic(t.scenes[0].tracks[0], { scene: 0, track: 0 })).toBe(1_200);
    expect(Math.abs(p.intrinsic(t.scenes[0].tracks[2], { scene: 0, track: 2 })! - 1_200)).toBeLessThan(50);
    await prepareTimeline(t, deps);
    expect(calls).toHaveLength(2);
  });

  it("speaks a speakerId outside the catalogue in the voice resolveVoice finds, else the actor's own", async () => {
    const t = parseTimeline({
      settings: { name: "p", videoSize: { width: 320, height: 180 } },
      scenes: [
        {
          tracks: [
            { type: "actor", actor: "ana", text: "Cloned.", speakerId: "character-7" },
            { type: "actor", actor: "bo", text: "Unknown.", speakerId: "character-8" },
          ],
        },
      ],
    });
    const { provider, calls } = fakeSpeech();
    await prepareTimeline(t, {
      resolveAsset: async () => Promise.reject(new Error("no assets")),
      resolveActor: async (id: string) => ({ photoPath: null, voice: { engineVoice: `voice-of-${id}` } }),
      resolveVoice: async (speakerId: string) => (speakerId === "character-7" ? { engineVoice: "en-us+f3", pitch: 70, rate: 150 } : null),
      speech: provider,
      cacheDir: path.join(dir, "cache-voices"),
    });
    expect(calls.map((c) => c.voice)).toEqual([{ engineVoice: "en-us+f3", pitch: 70, rate: 150 }, { engineVoice: "voice-of-bo" }]);
  });
});

describe("describeMedia", () => {
  it("reads stills and PCM WAVs from their first bytes as ffprobe would, and leaves the rest to ffprobe", async () => {
    const made: Record<string, string[]> = {
      "still.png": ["-f", "lavfi", "-i", "testsrc2=size=64x48", "-frames:v", "1"],
      "still.jpg": ["-f", "lavfi", "-i", "testsrc2=size=64x48", "-frames:v", "1"],
      "still.webp": ["-f", "lavfi", "-i", "testsrc2=size=64x48", "-frames:v", "1"],
      "stereo.wav": ["-f", "lavfi", "-i", "sine=duration=2.3456", "-ar", "48000", "-ac", "2"],
      "mono22k.wav": ["-f", "lavfi", "-i", "sine=duration=1.001", "-ar", "22050"],
      "float.wav": ["-f", "lavfi", "-i", "sine=duration=0.5", "-c:a", "pcm_f32le"],
      "clip.mp4": ["-f", "lavfi", "-i", "testsrc2=size=64x48:duration=0.4", "-f", "lavfi", "-i", "sine=duration=0.4", "-shortest"],
    };
    const files = await Promise.all(
      Object.entries(made).map(async ([name, args]) => {
        const file = path.join(dir, `describe-${name}`);
        await runFfmpeg(["-y", ...args, file]);
        return file;
      }),
    );
    // A WAV written to a pipe never gets its data size filled in: the rest of the file is the data.
    const streamed = path.join(dir, "describe-streamed.wav");
    const wav = await fs.readFile(files[3]);
    wav.writeUInt32LE(0xffffffff, wav.indexOf("data") + 4);
    await fs.writeFile(streamed, wav);

    const probeSpy = vi.spyOn(ffmpeg, "probe");
    const sniffed = await Promise.all([...files, streamed].map((f) => describeMedia(f)));
    // Only the MP4 and the float WAV (not linear PCM) needed a process.
    expect(probeSpy.mock.calls.map(([f]) => path.basename(f)).sort()).toEqual(["describe-clip.mp4", "describe-float.wav"]);
    probeSpy.mockRestore();

    const probed = await Promise.all(
      [...files, streamed].map(async (f) => {
        const info = await ffmpeg.probe(f);
        const still = info.streams.every((s) => s.codecType === "video") && ["png_pipe", "jpeg_pipe", "webp_pipe", "image2"].includes(info.formatName);
        return { path: f, durationMs: still ? null : info.durationMs, hasAudio: info.streams.some((s) => s.codecType === "audio") };
      }),
    );
    expect(sniffed).toEqual(probed);
    expect(sniffed.map((s) => s.durationMs)).toEqual([null, null, null, 2346, 1001, 500, expect.any(Number), 2346]);
  });
});
