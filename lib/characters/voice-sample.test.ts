import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probe } from "@/lib/media/ffmpeg";
import { espeakWav, lavfiAudio, SAMPLE_TEXT, transcode } from "@/lib/test/audio";
import { inspectVoiceSample } from "./voice-sample";

const run = promisify(execFile);
let dir: string;
let speech: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "voice-sample-"));
  speech = await espeakWav(path.join(dir, "speech.wav"), SAMPLE_TEXT);
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

const inspect = async (file: string) => inspectVoiceSample(file, (await fs.stat(file)).size);
const rejection = async (file: string, size?: number) => {
  const e = await inspectVoiceSample(file, size ?? (await fs.stat(file)).size).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e, "expected a rejection").toMatchObject({ name: "AppError", status: 400, field: "audio_file" });
  return (e as Error).message;
};

describe("inspectVoiceSample", () => {
  it("accepts the common formats by content, whatever the file is called", async () => {
    const cases: Array<[string, string[], string]> = [
      ["mp3", [], "audio/mpeg"],
      ["m4a", ["-c:a", "aac"], "audio/mp4"],
      ["aac", ["-c:a", "aac", "-f", "adts"], "audio/aac"],
      ["ogg", ["-c:a", "libopus"], "audio/ogg"],
      ["webm", ["-c:a", "libopus"], "audio/webm"],
      ["flac", [], "audio/flac"],
    ];
    for (const [ext, args, mime] of cases) {
      // A misleading name: the content decides.
      const file = await transcode(speech, path.join(dir, `sample-${ext}.${ext}`), args);
      const renamed = path.join(dir, `looks-like-${ext}.txt`);
      await fs.rename(file, renamed);
      const info = await inspect(renamed);
      expect(info.mime, ext).toBe(mime);
      expect(Math.abs(info.durationMs - (await probe(speech)).durationMs), ext).toBeLessThan(150);
    }
    expect((await inspect(speech)).mime).toBe("audio/wav");
  });

  it("measures a recording whose container carries no duration (as MediaRecorder writes WebM)", async () => {
    const out = path.join(dir, "streamed.webm");
    // Written to a pipe, the muxer cannot go back and fill in the duration.
    const { stdout } = await run("ffmpeg", ["-v", "error", "-i", speech, "-c:a", "libopus", "-f", "webm", "pipe:1"], { encoding: "buffer", maxBuffer: 50e6 });
    await fs.writeFile(out, stdout);
    expect((await probe(out)).durationMs).toBe(0);
    const info = await inspect(out);
    expect(info.mime).toBe("audio/webm");
    expect(info.durationMs).toBeGreaterThan(10_000);
  });

  it("refuses what is not audio: text, an image, a video, a playlist", async () => {
    const text = path.join(dir, "notes.mp3");
    await fs.writeFile(text, "this is plain text pretending to be an mp3\n".repeat(50));
    expect(await rejection(text)).toMatch(/audio_file is not an audio file/);
    const png = await lavfiAudio(path.join(dir, "frame.png"), "color=c=red:s=32x32", ["-frames:v", "1"]);
    expect(await rejection(png)).toMatch(/not an audio file/);
    const video = await lavfiAudio(path.join(dir, "clip.mp4"), "testsrc=s=64x64:d=4", ["-f", "lavfi", "-i", "sine=d=4", "-shortest", "-pix_fmt", "yuv420p"]);
    expect(await rejection(video)).toMatch(/not a video/);
    // An HLS playlist could make ffmpeg read other files; only whitelisted containers are opened.
    const playlist = path.join(dir, "list.m3u8");
    await fs.writeFile(playlist, `#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\n${speech}\n#EXT-X-ENDLIST\n`);
    expect(await rejection(playlist)).toMatch(/not an audio file/);
  });

  it("refuses empty, too short, too long and too large samples, naming audio_file", async () => {
    const empty = path.join(dir, "empty.wav");
    await fs.writeFile(empty, "");
    expect(await rejection(empty)).toBe("audio_file is empty");
    const short = await lavfiAudio(path.join(dir, "short.wav"), "sine=frequency=200:duration=1.5");
    expect(await rejection(short)).toMatch(/too short \(1\.5 s; record at least 3 s\)/);
    const long = await lavfiAudio(path.join(dir, "long.ogg"), "sine=frequency=200:duration=305", ["-c:a", "libopus", "-b:a", "16k"]);
    expect(await rejection(long)).toMatch(/too long \(5:0\d; the limit is 5 minutes\)/);
    expect(await rejection(speech, 21 * 1024 * 1024)).toMatch(/too large \(21\.0 MB; the limit is 20\.0 MB\)/);
  });

  it("refuses a file that is cut off mid-stream", async () => {
    const mp3 = await transcode(speech, path.join(dir, "whole.mp3"));
    const bytes = await fs.readFile(mp3);
    const cut = path.join(dir, "cut.mp3");
    // The first 2 KB: a valid header but well under 3 s of audio.
    await fs.writeFile(cut, bytes.subarray(0, 2048));
    expect(await rejection(cut)).toMatch(/too short|could not be decoded/);
  });
});
