import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { espeakWav, lavfiAudio, SAMPLE_TEXT } from "@/lib/test/audio";
import { bandpass, countSyllables, estimatePitch, loudnessEnvelope } from "./analysis";
import { ANALYSIS_SAMPLE_RATE as SR, decodeSample } from "./local";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "voice-analysis-"));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

const decode = (file: string) => decodeSample(file, dir);
const tone = async (name: string, source: string, extra: string[] = []) => decode(await lavfiAudio(path.join(dir, name), source, extra));
const speech = async (name: string, flags: string[]) => decode(await espeakWav(path.join(dir, name), SAMPLE_TEXT, flags));

describe("estimatePitch", () => {
  it("finds the frequency of pure tones within 2%", async () => {
    for (const hz of [90, 150, 220, 330]) {
      const est = estimatePitch(await tone(`sine-${hz}.wav`, `sine=frequency=${hz}:duration=3`), SR);
      expect(est.medianHz).not.toBeNull();
      expect(Math.abs(est.medianHz! - hz) / hz).toBeLessThan(0.02);
      expect(est.voicedSeconds).toBeGreaterThan(2.5);
    }
  });

  it("hears no voice in silence or white noise", async () => {
    const silence = estimatePitch(await tone("silence.wav", "anullsrc=r=16000:cl=mono", ["-t", "4"]), SR);
    expect(silence).toMatchObject({ medianHz: null, voicedFrames: 0, voicedSeconds: 0 });
    const noise = estimatePitch(await tone("noise.wav", "anoisesrc=d=4:c=white:a=0.3:seed=7"), SR);
    expect(noise.voicedSeconds).toBeLessThan(0.3);
  });

  it("orders espeak-ng voices by pitch: -p 15 < -p 50 < -p 85", async () => {
    const [low, mid, high] = await Promise.all(["15", "50", "85"].map((p) => speech(`p${p}.wav`, ["-p", p])));
    const f = [low, mid, high].map((x) => estimatePitch(x, SR).medianHz!);
    expect(f[0]).toBeGreaterThan(60);
    expect(f[0] * 1.15).toBeLessThan(f[1]);
    expect(f[1] * 1.15).toBeLessThan(f[2]);
    expect(f[2]).toBeLessThan(200);
  });

  it("ignores leading, trailing and mid-sample silence", async () => {
    const plain = await speech("plain.wav", ["-p", "60"]);
    const gap = new Float32Array(SR * 3);
    const padded = new Float32Array(gap.length * 3 + plain.length * 2);
    padded.set(plain, gap.length);
    padded.set(plain, gap.length * 2 + plain.length);
    const a = estimatePitch(plain, SR).medianHz!;
    const b = estimatePitch(padded, SR).medianHz!;
    expect(Math.abs(a - b) / a).toBeLessThan(0.03);
  });

  it("caps the work on long samples without moving the estimate", async () => {
    const x = await tone("long.wav", "sine=frequency=180:duration=60");
    const started = performance.now();
    const est = estimatePitch(x, SR, { maxFrames: 500 });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(est.voicedFrames).toBeLessThanOrEqual(500);
    expect(Math.abs(est.medianHz! - 180)).toBeLessThan(3);
    // Subsampled frames are still counted as voiced time.
    expect(est.voicedSeconds).toBeGreaterThan(55);
  });
});

describe("countSyllables", () => {
  it("counts the beats of an amplitude-modulated tone (3 vs 6 per second)", async () => {
    const slow = countSyllables(await tone("trem3.wav", "sine=frequency=160:duration=6", ["-af", "tremolo=f=3:d=0.95"]), SR);
    const fast = countSyllables(await tone("trem6.wav", "sine=frequency=160:duration=6", ["-af", "tremolo=f=6:d=0.95"]), SR);
    expect(slow.syllablesPerSecond).toBeGreaterThan(2.6);
    expect(slow.syllablesPerSecond).toBeLessThan(3.4);
    expect(fast.syllablesPerSecond).toBeGreaterThan(5.3);
    expect(fast.syllablesPerSecond).toBeLessThan(6.7);
  });

  it("finds about as many syllables as the text has at any rate, and orders -s 120 < -s 175 < -s 260", async () => {
    // SAMPLE_TEXT has 54 syllables.
    const rates = await Promise.all(["120", "175", "260"].map(async (s) => countSyllables(await speech(`s${s}.wav`, ["-s", s]), SR)));
    for (const r of rates) {
      expect(r.syllables).toBeGreaterThan(44);
      expect(r.syllables).toBeLessThan(64);
    }
    expect(rates[0].syllablesPerSecond * 1.2).toBeLessThan(rates[1].syllablesPerSecond);
    expect(rates[1].syllablesPerSecond * 1.2).toBeLessThan(rates[2].syllablesPerSecond);
    expect(rates[0].speechSeconds).toBeGreaterThan(rates[2].speechSeconds * 1.6);
  });

  it("does not count pauses as speaking time", async () => {
    const plain = await speech("rate-plain.wav", ["-s", "175"]);
    const padded = new Float32Array(plain.length + SR * 8);
    padded.set(plain, SR * 4);
    const a = countSyllables(plain, SR);
    const b = countSyllables(padded, SR);
    expect(b.syllables).toBe(a.syllables);
    expect(Math.abs(b.speechSeconds - a.speechSeconds)).toBeLessThan(0.05);
  });

  it("finds nothing in silence", async () => {
    const r = countSyllables(new Float32Array(SR * 4), SR);
    expect(r).toEqual({ syllables: 0, speechSeconds: 0, syllablesPerSecond: 0 });
  });
});

describe("bandpass", () => {
  it("keeps the vowel band and attenuates rumble and hiss", () => {
    const level = (hz: number) => {
      const x = Float32Array.from({ length: SR }, (_, i) => Math.sin((2 * Math.PI * hz * i) / SR));
      const env = loudnessEnvelope(bandpass(x, SR), SR);
      return env[Math.floor(env.length / 2)];
    };
    const pass = level(1000);
    expect(pass).toBeGreaterThan(-4);
    expect(level(60)).toBeLessThan(pass - 12);
    expect(level(7000)).toBeLessThan(pass - 12);
  });
});
