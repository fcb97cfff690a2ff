import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probe } from "@/lib/media/ffmpeg";
import { LocalSpeechProvider, SENTENCE_PAUSE_MS } from "./local";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "speech-test-"));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

describe("LocalSpeechProvider", () => {
  it("speaks a voice that lives at a vendor as the default narrator, not with its stray settings", async () => {
    const foreign = await new LocalSpeechProvider().synthesize("Hello there.", { provider: "elevenlabs", voiceId: "abc", rate: 90 }, path.join(dir, "f.wav"));
    const plain = await new LocalSpeechProvider().synthesize("Hello there.", null, path.join(dir, "p.wav"));
    expect(await fs.readFile(foreign.path)).toEqual(await fs.readFile(plain.path));
  });

  it("speaks sentence by sentence into one mono WAV with exact, ordered segments", async () => {
    const text = "The garage smelled of coffee. -rf / is not an option! Did it ship? Yes.";
    const r = await new LocalSpeechProvider().synthesize(text, { engineVoice: "en-us", pitch: 45, rate: 180 }, path.join(dir, "n.wav"));
    expect(r.segments.map((s) => s.text)).toEqual(["The garage smelled of coffee.", "-rf / is not an option!", "Did it ship?", "Yes."]);
    const info = await probe(r.path);
    expect(info.streams[0]).toMatchObject({ codecType: "audio", codecName: "pcm_s16le" });
    expect(info.streams[0].sampleRate).toBeGreaterThanOrEqual(16_000);
    expect(Math.abs(info.durationMs - r.durationMs)).toBeLessThanOrEqual(1);
    let prevEnd = 0;
    for (const [i, s] of r.segments.entries()) {
      expect(s.endMs).toBeGreaterThan(s.startMs);
      expect(s.startMs).toBeGreaterThanOrEqual(prevEnd + (i ? SENTENCE_PAUSE_MS - 1 : 0));
      prevEnd = s.endMs;
    }
    expect(prevEnd).toBeLessThanOrEqual(r.durationMs);
    expect(r.durationMs - prevEnd).toBeLessThan(5);
  });

  it("speaks with festival's HTS voice when the voice is slt-hts, a sentence starting with a dash included", async () => {
    const text = "Lisbon wakes early. -rf is just text.";
    const r = await new LocalSpeechProvider().synthesize(text, { engineVoice: "slt-hts" }, path.join(dir, "slt.wav"));
    expect(r.segments.map((s) => s.text)).toEqual(["Lisbon wakes early.", "-rf is just text."]);
    const info = await probe(r.path);
    // Festival's voice speaks at its own rate (espeak-ng's is 22.05 kHz).
    expect(info.streams[0]).toMatchObject({ codecType: "audio", codecName: "pcm_s16le", sampleRate: 32_000 });
    expect(r.segments[1].startMs - r.segments[0].endMs).toBe(SENTENCE_PAUSE_MS);
    expect(r.durationMs).toBeGreaterThan(1_500);
  });

  it("refuses blank text", async () => {
    await expect(new LocalSpeechProvider().synthesize("  ", null, path.join(dir, "x.wav"))).rejects.toThrow(/no text/);
  });
});
