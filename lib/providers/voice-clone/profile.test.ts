import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalSpeechProvider } from "@/lib/providers/speech/local";
import { espeakWav, lavfiAudio, SAMPLE_TEXT, transcode } from "@/lib/test/audio";
import { countSyllables, estimatePitch } from "./analysis";
import { ANALYSIS_SAMPLE_RATE as SR, decodeSample, LocalVoiceCloneProvider } from "./local";
import { ESPEAK_PITCH_HZ, ESPEAK_RATE_SPS, HIGH_VOICE_HZ, pitchSetting, profileFromSamples, rateSetting, settingHz, VoiceSampleError } from "./profile";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "voice-profile-"));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

const sample = async (name: string, flags: string[]) => decodeSample(await espeakWav(path.join(dir, name), SAMPLE_TEXT, flags), dir);

describe("pitchSetting and rateSetting", () => {
  it("map any f0 into espeak's 0..99, switching to the +f3 variant only for clearly high voices", () => {
    let previous = { voice: "", pitch: -1 };
    for (let hz = 40; hz <= 600; hz += 5) {
      const s = pitchSetting(hz);
      expect(s.pitch).toBeGreaterThanOrEqual(0);
      expect(s.pitch).toBeLessThanOrEqual(99);
      expect(s.engineVoice).toBe(hz >= HIGH_VOICE_HZ ? "en-us+f3" : "en-us");
      if (s.engineVoice === previous.voice) expect(s.pitch).toBeGreaterThanOrEqual(previous.pitch);
      previous = { voice: s.engineVoice, pitch: s.pitch };
    }
    expect(pitchSetting(102)).toEqual({ engineVoice: "en-us", pitch: 50 });
    expect(pitchSetting(212)).toEqual({ engineVoice: "en-us+f3", pitch: 50 });
    expect(pitchSetting(30).pitch).toBe(0);
    expect(pitchSetting(900).pitch).toBe(99);
    expect(settingHz("en-us+f3", 50)).toBe(212);
  });

  it("map syllables per second into 80..450 words per minute, monotonically", () => {
    expect(rateSetting(0)).toBe(80);
    expect(rateSetting(30)).toBe(450);
    expect(rateSetting(5.24)).toBe(175);
    for (let sps = 0.5; sps < 12; sps += 0.25) expect(rateSetting(sps + 0.25)).toBeGreaterThanOrEqual(rateSetting(sps));
  });
});

describe("profileFromSamples", () => {
  it("orders low/high and slow/fast samples and keeps every value in range", async () => {
    const [low, high, slow, fast] = await Promise.all([
      sample("low.wav", ["-p", "15"]),
      sample("high.wav", ["-p", "85"]),
      sample("slow.wav", ["-s", "120"]),
      sample("fast.wav", ["-s", "260"]),
    ]);
    const [l, h, s, f] = [low, high, slow, fast].map((x) => profileFromSamples(x, SR));
    expect(l.profile.pitch!).toBeLessThan(h.profile.pitch!);
    expect(l.measured.f0Hz).toBeLessThan(h.measured.f0Hz);
    expect(s.profile.rate!).toBeLessThan(f.profile.rate!);
    for (const p of [l, h, s, f].map((r) => r.profile)) {
      expect(p.pitch).toBeGreaterThanOrEqual(0);
      expect(p.pitch).toBeLessThanOrEqual(99);
      expect(p.rate).toBeGreaterThanOrEqual(80);
      expect(p.rate).toBeLessThanOrEqual(450);
      expect(p.engineVoice).toBe("en-us");
    }
    // The engine's own voice comes back as (nearly) the setting that made it.
    expect(Math.abs(l.profile.pitch! - 15)).toBeLessThanOrEqual(6);
    expect(Math.abs(h.profile.pitch! - 85)).toBeLessThanOrEqual(6);
    expect(Math.abs(s.profile.rate! - 120)).toBeLessThanOrEqual(20);
    expect(Math.abs(f.profile.rate! - 260)).toBeLessThanOrEqual(35);
  });

  it("picks the female variant for a clearly high voice", async () => {
    const r = profileFromSamples(await sample("female.wav", ["-v", "en-us+f3", "-p", "60"]), SR);
    expect(r.profile.engineVoice).toBe("en-us+f3");
    expect(r.measured.f0Hz).toBeGreaterThan(HIGH_VOICE_HZ);
  });

  it("refuses silence and a steady tone with a readable reason", async () => {
    expect(() => profileFromSamples(new Float32Array(SR * 5), SR)).toThrow(VoiceSampleError);
    expect(() => profileFromSamples(new Float32Array(SR * 5), SR)).toThrow(/No voice could be heard/);
    const hum = await decodeSample(await lavfiAudio(path.join(dir, "hum.wav"), "sine=frequency=140:duration=5"), dir);
    expect(() => profileFromSamples(hum, SR)).toThrow(/too little speech/);
  });
});

describe("narration follows the sample", () => {
  it("speaks, with the cloned profile, at the sample's pitch and pace", async () => {
    for (const flags of [
      ["-v", "en-us+f3", "-p", "70", "-s", "140"],
      ["-p", "20", "-s", "230"],
    ]) {
      const source = await espeakWav(path.join(dir, `src-${flags.join("")}.wav`), SAMPLE_TEXT, flags);
      const { profile } = await new LocalVoiceCloneProvider().clone({ samplePath: source, workDir: dir });
      const spoken = await new LocalSpeechProvider().synthesize(
        "Tomorrow we travel to the mountains and watch the sunrise together. The weather looks kind.",
        profile,
        path.join(dir, `out-${flags.join("")}.wav`),
      );
      const [a, b] = await Promise.all([decodeSample(source, dir), decodeSample(spoken.path, dir)]);
      const fa = estimatePitch(a, SR).medianHz!;
      const fb = estimatePitch(b, SR).medianHz!;
      expect(Math.abs(fb - fa) / fa).toBeLessThan(0.08);
      const ra = countSyllables(a, SR).syllablesPerSecond;
      const rb = countSyllables(b, SR).syllablesPerSecond;
      expect(Math.abs(rb - ra) / ra).toBeLessThan(0.2);
    }
  });

  it("clones the same voice from mp3, m4a, Opus in WebM and Ogg, and FLAC as from WAV", async () => {
    const wav = await espeakWav(path.join(dir, "fmt.wav"), SAMPLE_TEXT, ["-p", "40", "-s", "160"]);
    const base = (await new LocalVoiceCloneProvider().clone({ samplePath: wav, workDir: dir })).profile;
    for (const [ext, args] of [
      ["mp3", []],
      ["m4a", ["-c:a", "aac"]],
      ["webm", ["-c:a", "libopus"]],
      ["ogg", ["-c:a", "libopus"]],
      ["flac", []],
    ] as const) {
      const file = await transcode(wav, path.join(dir, `fmt.${ext}`), [...args]);
      const p = (await new LocalVoiceCloneProvider().clone({ samplePath: file, workDir: dir })).profile;
      expect(p.engineVoice, ext).toBe(base.engineVoice);
      expect(Math.abs(p.pitch! - base.pitch!), ext).toBeLessThanOrEqual(3);
      expect(Math.abs(p.rate! - base.rate!), ext).toBeLessThanOrEqual(15);
    }
  });
});

describe("calibration tables", () => {
  it("still describe this espeak-ng build (within 5% pitch, 10% rate)", async () => {
    for (const [voice, table] of Object.entries(ESPEAK_PITCH_HZ)) {
      for (const [pitch, hz] of table.filter((_, i) => i % 2 === 1)) {
        const f0 = estimatePitch(await sample(`cal-${voice}-${pitch}.wav`, ["-v", voice, "-p", String(pitch)]), SR).medianHz!;
        expect(Math.abs(f0 - hz) / hz, `${voice} -p ${pitch}`).toBeLessThan(0.05);
      }
    }
    for (const [wpm, sps] of ESPEAK_RATE_SPS.filter(([w]) => w <= 350)) {
      const measured = countSyllables(await sample(`cal-s${wpm}.wav`, ["-s", String(wpm)]), SR).syllablesPerSecond;
      expect(Math.abs(measured - sps) / sps, `-s ${wpm}`).toBeLessThan(0.1);
    }
  });
});
