import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { providerJobs } from "@/db/schema/providers";
import { readWav } from "@/lib/media/wav";
import { makeAccount } from "@/lib/test/factories";
import { FAKE_MS_PER_CHAR, FAKE_STOCK_VOICE, fakeElevenLabsEnv, startFakeElevenLabs, type FakeElevenLabs } from "../fakes/elevenlabs";
import { ElevenLabsSpeechProvider, sentenceTimes } from "./elevenlabs";
import { getSpeechProvider } from "./index";
import { failure } from "@/lib/test/failure";

let fake: FakeElevenLabs;
let dir: string;
const saved = { ...process.env };
beforeAll(async () => {
  fake = await startFakeElevenLabs({ apiKey: "xi-test" });
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "elevenlabs-speech-"));
});
beforeEach(() => {
  Object.assign(process.env, fakeElevenLabsEnv(fake, "xi-test"));
  fake.reset();
});
afterAll(async () => {
  process.env = saved;
  await fake.close();
  await fs.rm(dir, { recursive: true, force: true });
  await closeDb();
});
const ms = (chars: number) => chars * FAKE_MS_PER_CHAR;

describe("the ElevenLabs speech provider", () => {
  it("speaks the narration in one call and times each sentence by the vendor's character alignment", async () => {
    process.env.SPEECH_PROVIDER = "elevenlabs";
    const provider = getSpeechProvider();
    delete process.env.SPEECH_PROVIDER;
    expect(provider).toBeInstanceOf(ElevenLabsSpeechProvider);
    const out = path.join(dir, "narration.wav");
    const result = await provider.synthesize("Lisbon wakes early.  The trams climb.", null, out);
    expect(fake.requests.map((r) => [r.path, r.query, r.key, r.body])).toEqual([
      [
        `/v1/text-to-speech/${FAKE_STOCK_VOICE}/with-timestamps`,
        { output_format: "pcm_24000" },
        "xi-test",
        { text: "Lisbon wakes early. The trams climb.", model_id: "eleven_multilingual_v2" },
      ],
    ]);
    // "Lisbon wakes early." is characters 0..18, then a space, then "The trams climb." 20..35.
    expect(result.segments).toEqual([
      { text: "Lisbon wakes early.", startMs: 0, endMs: ms(19) },
      { text: "The trams climb.", startMs: ms(20), endMs: ms(36) },
    ]);
    expect(result.durationMs).toBe(ms(36));
    expect(readWav(await fs.readFile(out))).toMatchObject({ sampleRate: 24_000, channels: 1, bitsPerSample: 16 });
  });

  it("speaks a character's cloned ElevenLabs voice, and the default voice for any other", async () => {
    fake.voices.add("clonedVoiceA");
    const provider = new ElevenLabsSpeechProvider("eleven_turbo_v2_5", FAKE_STOCK_VOICE);
    await provider.synthesize("Hello.", { provider: "elevenlabs", voiceId: "clonedVoiceA" }, path.join(dir, "a.wav"));
    await provider.synthesize("Hello.", { engineVoice: "en-us", pitch: 40 }, path.join(dir, "b.wav"));
    expect(fake.requests.map((r) => r.path.split("/")[3])).toEqual(["clonedVoiceA", FAKE_STOCK_VOICE]);
  });

  it("speaks a long narration in several calls and places the later sentences after the earlier audio", async () => {
    const provider = new ElevenLabsSpeechProvider(undefined, undefined, undefined, 40);
    const result = await provider.synthesize("First part here. Second part here. Third.", null, path.join(dir, "long.wav"));
    expect(fake.requests.map((r) => r.body.text)).toEqual(["First part here. Second part here.", "Third."]);
    expect(result.segments).toEqual([
      { text: "First part here.", startMs: 0, endMs: ms(16) },
      { text: "Second part here.", startMs: ms(17), endMs: ms(34) },
      { text: "Third.", startMs: ms(34), endMs: ms(40) },
    ]);
    expect(result.durationMs).toBe(ms(40));
  });

  it("records a call under its scope and reuses the stored audio instead of paying again", async () => {
    const a = await makeAccount();
    const scope = { db: getDb(), workspaceId: a.workspaceId, subject: "scene:7:narration" };
    const provider = new ElevenLabsSpeechProvider();
    const first = await provider.synthesize("One line. Two lines.", null, path.join(dir, "s1.wav"), { scope });
    const again = await provider.synthesize("One line. Two lines.", null, path.join(dir, "s2.wav"), { scope });
    expect(fake.counts.speech).toBe(1);
    expect(again.segments).toEqual(first.segments);
    expect(await fs.readFile(path.join(dir, "s2.wav"))).toEqual(await fs.readFile(path.join(dir, "s1.wav")));
    const [row] = await getDb().select().from(providerJobs).where(eq(providerJobs.subject, "scene:7:narration"));
    expect(row).toMatchObject({ status: "succeeded", vendor: "ElevenLabs", model: "eleven_multilingual_v2", submits: 1 });
    expect(row.result).toMatchObject({ storageKey: expect.stringMatching(/\.wav$/), durationMs: first.durationMs });
  });

  it("waits out a 429, and types refusals, nonsense and hangs", async () => {
    const provider = new ElevenLabsSpeechProvider();
    fake.knobs.rateLimitNext = 1;
    await provider.synthesize("One.", null, path.join(dir, "r.wav"));
    expect(fake.requests).toHaveLength(2);

    const refused = await failure(new ElevenLabsSpeechProvider("eleven_multilingual_v2", "noSuchVoice").synthesize("One.", null, path.join(dir, "x.wav")));
    expect(refused).toMatchObject({ kind: "permanent", status: 400, message: "ElevenLabs speech: A voice with the voice_id noSuchVoice was not found." });
    process.env.ELEVENLABS_API_KEY = "xi-wrong";
    expect(await failure(provider.synthesize("One.", null, path.join(dir, "k.wav")))).toMatchObject({
      kind: "permanent",
      status: 401,
      message: "ElevenLabs speech: ElevenLabs refused the API key (Invalid API key)",
    });
    process.env.ELEVENLABS_API_KEY = "xi-test";

    fake.knobs.malformed = true;
    const odd = await failure(provider.synthesize("One.", null, path.join(dir, "m.wav")));
    expect(odd).toMatchObject({ kind: "permanent" });
    expect((odd as Error).message).toMatch(/shape it does not document \(no audio_base64\)/);
    fake.knobs.malformed = false;

    fake.knobs.hang = true;
    process.env.ELEVENLABS_TIMEOUT_MS = "300";
    expect(await failure(provider.synthesize("One.", null, path.join(dir, "h.wav")))).toMatchObject({ kind: "timeout" });
  });

  it("places sentences by non-space characters, and refuses an alignment that does not match the text", () => {
    const chars = [..."Hi there. Go!"];
    const alignment = {
      characters: chars,
      character_start_times_seconds: chars.map((_, i) => i * 0.1),
      character_end_times_seconds: chars.map((_, i) => (i + 1) * 0.1),
    };
    expect(sentenceTimes(["Hi there.", "Go!"], alignment).map((s) => [s.text, Math.round(s.startMs), Math.round(s.endMs)])).toEqual([
      ["Hi there.", 0, 900],
      ["Go!", 1000, 1300],
    ]);
    expect(() => sentenceTimes(["Hi there.", "Go!", "More."], alignment)).toThrow(/alignment has 11 characters for 16/);
  });
});
