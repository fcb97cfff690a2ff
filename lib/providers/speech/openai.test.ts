import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readWav } from "@/lib/media/wav";
import { fakeOpenAIEnv, startFakeOpenAI, type FakeOpenAI } from "../fakes/openai";
import { SENTENCE_PAUSE_MS } from "./assemble";
import { getSpeechProvider } from "./index";
import { OpenAISpeechProvider } from "./openai";
import { failure } from "@/lib/test/failure";

let fake: FakeOpenAI;
let dir: string;
const saved = { ...process.env };
beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: "sk-voice" });
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "openai-speech-"));
});
beforeEach(() => {
  // The operator's base URL: trusted at its host:port although it is this machine.
  Object.assign(process.env, fakeOpenAIEnv(fake, "sk-voice"));
  fake.reset();
});
afterAll(async () => {
  process.env = saved;
  await fake.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe("the OpenAI-compatible speech provider", () => {
  it("speaks sentence by sentence as WAV and places each sentence exactly in the joined narration", async () => {
    process.env.SPEECH_PROVIDER = "openai";
    process.env.OPENAI_SPEECH_VOICE = "nova";
    const provider = getSpeechProvider();
    delete process.env.SPEECH_PROVIDER;
    expect(provider).toBeInstanceOf(OpenAISpeechProvider);
    const out = path.join(dir, "narration.wav");
    const result = await provider.synthesize("Lisbon wakes early. The trams climb.", null, out);
    expect(fake.requests.map((r) => [r.path, r.auth, r.body])).toEqual([
      ["/v1/audio/speech", "Bearer sk-voice", { model: "gpt-4o-mini-tts", input: "Lisbon wakes early.", voice: "nova", response_format: "wav" }],
      ["/v1/audio/speech", "Bearer sk-voice", { model: "gpt-4o-mini-tts", input: "The trams climb.", voice: "nova", response_format: "wav" }],
    ]);
    // 60 ms a character in the fake: 19 and 16 characters, a pause between.
    expect(result.segments).toEqual([
      { text: "Lisbon wakes early.", startMs: 0, endMs: 1140 },
      { text: "The trams climb.", startMs: 1140 + SENTENCE_PAUSE_MS, endMs: 1140 + SENTENCE_PAUSE_MS + 960 },
    ]);
    expect(result.durationMs).toBe(1140 + SENTENCE_PAUSE_MS + 960);
    expect(readWav(await fs.readFile(out))).toMatchObject({ sampleRate: 24_000, channels: 1, bitsPerSample: 16 });
  });

  it("waits out a 429, and types refusals, nonsense and hangs", async () => {
    fake.knobs.rateLimitNext = 1;
    const provider = new OpenAISpeechProvider("tts-1", "alloy");
    await provider.synthesize("One.", null, path.join(dir, "a.wav"));
    expect(fake.requests).toHaveLength(2);

    expect(await failure(new OpenAISpeechProvider("tts-1", "").synthesize("One.", null, path.join(dir, "b.wav")))).toMatchObject({
      kind: "permanent",
      status: 400,
      message: "OpenAI speech: 'voice' is a required property",
    });
    fake.knobs.malformed = true;
    const odd = await failure(provider.synthesize("One.", null, path.join(dir, "c.wav")));
    expect(odd).toMatchObject({ kind: "permanent" });
    expect((odd as Error).message).toMatch(/not a 16-bit PCM WAV/);
    fake.knobs.malformed = false;
    fake.knobs.hang = true;
    process.env.OPENAI_TIMEOUT_MS = "300";
    expect(await failure(provider.synthesize("One.", null, path.join(dir, "d.wav")))).toMatchObject({ kind: "timeout" });
  });
});
