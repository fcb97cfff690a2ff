import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runFfmpeg } from "./ffmpeg";
import { integratedLufs, levelSpeech, LOUDNESS_I } from "./loudness";
import { readWav, writeWav, type Pcm } from "./wav";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "loudness-test-"));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

/** A WAV made by an ffmpeg lavfi graph, as 16-bit PCM, and its path. */
async function wavOf(name: string, graph: string, rate: number, channels: number): Promise<{ file: string; pcm: Pcm }> {
  const file = path.join(dir, `${name}.wav`);
  await runFfmpeg(["-y", "-f", "lavfi", "-i", graph, "-ar", String(rate), "-ac", String(channels), "-c:a", "pcm_s16le", file]);
  return { file, pcm: readWav(await fs.readFile(file)) };
}

/** ffmpeg's own measurement (ebur128): integrated loudness and sample peak. */
async function ffmpegLoudness(file: string): Promise<{ i: number; peak: number }> {
  let stderr = "";
  await runFfmpeg(["-i", file, "-af", "ebur128=peak=sample", "-f", "null", "-"], { onStderr: (c) => void (stderr += c) });
  const summary = stderr.slice(stderr.lastIndexOf("Summary:"));
  return { i: Number(/I:\s+(-?[\d.]+) LUFS/.exec(summary)![1]), peak: Number(/Peak:\s+(-?[\d.]+) dBFS/.exec(summary)![1]) };
}

const samplesOf = (pcm: Pcm) => Float64Array.from({ length: pcm.data.length / 2 }, (_, i) => pcm.data.readInt16LE(i * 2) / 32768);

describe("integratedLufs", () => {
  it("measures as BS.1770 and ffmpeg's ebur128 do, at any rate, mono or stereo", async () => {
    // The standard's own check: a 997 Hz sine at 0 dBFS in one channel is -3.01 LUFS; at 0.1 (-20 dBFS), -23.01.
    const sine = await wavOf("sine", "aevalsrc=0.1*sin(2*PI*997*t):s=44100:d=3", 44_100, 1);
    expect(integratedLufs(samplesOf(sine.pcm), 1, 44_100)).toBeCloseTo(-23.01, 1);
    const noise = await wavOf("noise", "anoisesrc=color=pink:amplitude=0.3:duration=4:seed=7", 22_050, 2);
    const ours = integratedLufs(samplesOf(noise.pcm), 2, 22_050)!;
    expect(Math.abs(ours - (await ffmpegLoudness(noise.file)).i)).toBeLessThan(0.1);
    expect(integratedLufs(new Float64Array(48_000), 1, 48_000)).toBeNull();
    expect(integratedLufs(new Float64Array(100), 1, 48_000)).toBeNull();
  });
});

describe("levelSpeech", () => {
  it("brings speech to the delivery loudness with its peaks limited, sample for sample as long", async () => {
    // Quiet tone with sharp, loud clicks: far more peak than loudness, as a synthetic voice has.
    const spiky = await wavOf("spiky", "aevalsrc='0.05*sin(2*PI*300*t)+if(lt(mod(t\\,0.25)\\,0.002)\\,0.9\\,0)':s=22050:d=3", 22_050, 1);
    const levelled = levelSpeech(spiky.pcm);
    expect(levelled.data.length).toBe(spiky.pcm.data.length);
    expect({ ...levelled, data: null }).toEqual({ ...spiky.pcm, data: null });
    const file = path.join(dir, "levelled.wav");
    await fs.writeFile(file, writeWav(levelled));
    const measured = await ffmpegLoudness(file);
    expect(Math.abs(measured.i - LOUDNESS_I)).toBeLessThanOrEqual(0.1);
    expect(measured.peak).toBeLessThanOrEqual(-0.9);
  });

  it("leaves silence, clips under a block and other sample formats as they are", () => {
    const silence: Pcm = { sampleRate: 22_050, channels: 1, bitsPerSample: 16, data: Buffer.alloc(44_100) };
    expect(levelSpeech(silence)).toBe(silence);
    const short: Pcm = { ...silence, data: Buffer.alloc(200, 7) };
    expect(levelSpeech(short)).toBe(short);
    const eightBit: Pcm = { ...silence, bitsPerSample: 8, data: Buffer.alloc(22_050, 200) };
    expect(levelSpeech(eightBit)).toBe(eightBit);
  });
});
