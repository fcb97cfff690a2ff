import http from "node:http";
import os from "node:os";
import path from "node:path";
import fs from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { espeakWav } from "@/lib/test/audio";
import { listenLocal, type LocalServer } from "@/lib/test/local-server";
import { groupWords } from "./group";
import { LocalTranscriber, parsePocketsphinxTimes } from "./local";
import { OpenAiTranscriber, segmentsOf } from "./openai";

let dir: string;
let wav: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "transcribe-test-"));
  wav = await espeakWav(path.join(dir, "s.wav"), "Hello world. This is a test.");
});

describe("word grouping", () => {
  const w = (text: string, startMs: number, endMs: number) => ({ text, startMs, endMs });
  it("breaks at pauses, at the length limit and after a sentence of a few words", () => {
    const words = [w("one", 0, 200), w("two", 250, 400), w("three.", 450, 700), w("four", 800, 1000), w("five", 2000, 2200)];
    expect(groupWords(words).map((s) => s.text)).toEqual(["one two three.", "four", "five"]);
    const many = Array.from({ length: 20 }, (_, i) => w("word", i * 100, i * 100 + 90));
    for (const s of groupWords(many)) expect(s.text.length).toBeLessThanOrEqual(42);
    expect(groupWords(many)[0].words).toHaveLength(8);
  });
});

describe("the offline recogniser (pocketsphinx)", () => {
  it("reads word timings from pocketsphinx's -time output, without silences and pronunciation marks", () => {
    const out = "hello world\n<s> 0.000 0.100 0.99\nhello 0.110 0.500 0.9\n<sil> 0.510 0.600 1\nworld(2) 0.610 1.020 0.8\n</s> 1.030 1.200 1\n";
    expect(parsePocketsphinxTimes(out)).toEqual([
      { text: "hello", startMs: 110, endMs: 500 },
      { text: "world", startMs: 610, endMs: 1020 },
    ]);
  });

  it("hears espeak speech as timed English lines", async () => {
    const t = new LocalTranscriber();
    expect([t.supports("en"), t.supports("en-GB"), t.supports("fr")]).toEqual([true, true, false]);
    const { segments } = await t.transcribe(wav, { language: "en" });
    expect(segments.length).toBeGreaterThan(0);
    for (const s of segments) {
      expect(s.endMs).toBeGreaterThan(s.startMs);
      expect(s.words?.length).toBeGreaterThan(0);
    }
  }, 60_000);
});

describe("the OpenAI-compatible adapter", () => {
  const seen: Array<{
    url: string;
    headers: http.IncomingHttpHeaders;
    fields: Record<string, string[]>;
    file: { name: string; type: string; size: number } | null;
  }> = [];
  let status = 200;
  // A fake server that speaks OpenAI's POST /v1/audio/transcriptions: it parses the multipart request and answers verbose_json.
  const openAiTranscriptions: http.RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        const form = await new Response(Buffer.concat(chunks), { headers: { "content-type": String(req.headers["content-type"]) } }).formData();
        const fields: Record<string, string[]> = {};
        let file = null;
        for (const [k, v] of form.entries()) {
          if (typeof v === "string") (fields[k] ??= []).push(v);
          else file = { name: v.name, type: v.type, size: v.size };
        }
        seen.push({ url: req.url ?? "", headers: req.headers, fields, file });
        if (status !== 200) return res.writeHead(status, { "content-type": "application/json" }).end('{"error":{"message":"nope"}}');
        res.writeHead(200, { "content-type": "application/json" }).end(
          JSON.stringify({
            task: "transcribe",
            language: "english",
            duration: 2.6,
            text: "Hello world. This is a test.",
            segments: [
              {
                id: 0,
                seek: 0,
                start: 0.0,
                end: 1.1,
                text: " Hello world.",
                tokens: [1],
                temperature: 0,
                avg_logprob: -0.2,
                compression_ratio: 1,
                no_speech_prob: 0,
              },
              {
                id: 1,
                seek: 0,
                start: 1.4,
                end: 2.6,
                text: " This is a test.",
                tokens: [2],
                temperature: 0,
                avg_logprob: -0.2,
                compression_ratio: 1,
                no_speech_prob: 0,
              },
            ],
            words: [
              { word: "Hello", start: 0.0, end: 0.5 },
              { word: "world.", start: 0.5, end: 1.1 },
              { word: "This", start: 1.4, end: 1.7 },
              { word: "is", start: 1.7, end: 1.9 },
              { word: "a", start: 1.9, end: 2.0 },
              { word: "test.", start: 2.0, end: 2.6 },
            ],
          }),
        );
      })();
    });
  };
  let base: string;
  let server: LocalServer;
  beforeAll(async () => {
    server = await listenLocal(openAiTranscriptions);
    base = `${server.url}/v1`;
    process.env.OUTBOUND_ALLOW_HOSTS = "127.0.0.1";
  });
  afterAll(() => server.close());

  it("sends the file and model as multipart with verbose_json and word+segment timestamps, and reads segments with their words", async () => {
    const t = new OpenAiTranscriber({ baseUrl: base, apiKey: "sk-test", model: "whisper-1" });
    const { segments } = await t.transcribe(wav, { language: "en-US" });
    const req = seen.at(-1)!;
    expect(req.url).toBe("/v1/audio/transcriptions");
    expect(req.headers.authorization).toBe("Bearer sk-test");
    expect(req.fields).toEqual({ model: ["whisper-1"], response_format: ["verbose_json"], "timestamp_granularities[]": ["word", "segment"], language: ["en"] });
    expect(req.file).toMatchObject({ name: "audio.flac", type: "audio/flac" });
    expect(req.file!.size).toBeGreaterThan(1000);
    expect(segments).toEqual([
      {
        text: "Hello world.",
        startMs: 0,
        endMs: 1100,
        words: [
          { text: "Hello", startMs: 0, endMs: 500 },
          { text: "world.", startMs: 500, endMs: 1100 },
        ],
      },
      {
        text: "This is a test.",
        startMs: 1400,
        endMs: 2600,
        words: [
          { text: "This", startMs: 1400, endMs: 1700 },
          { text: "is", startMs: 1700, endMs: 1900 },
          { text: "a", startMs: 1900, endMs: 2000 },
          { text: "test.", startMs: 2000, endMs: 2600 },
        ],
      },
    ]);
  }, 60_000);

  it("types its failures: a refused key is final, a 429 or 5xx may be retried", async () => {
    const t = new OpenAiTranscriber({ baseUrl: base, model: "whisper-1" });
    status = 401;
    await expect(t.transcribe(wav, { language: "en" })).rejects.toMatchObject({
      kind: "permanent",
      status: 401,
      message: "OpenAI transcription: OpenAI refused the API key (nope)",
    });
    status = 503;
    const before = seen.length;
    await expect(t.transcribe(wav, { language: "en" })).rejects.toMatchObject({ retryable: true, message: "OpenAI transcription: OpenAI answered 503 (nope)" });
    expect(seen.length - before, "a 5xx is tried again in place").toBe(3);
    status = 200;
    expect(seen.at(-1)!.headers.authorization).toBeUndefined();
  }, 60_000);

  it("regroups Whisper's long segments from their words, and groups words when there are no segments", () => {
    const words = Array.from({ length: 30 }, (_, i) => ({ word: `w${i}`, start: i * 0.3, end: i * 0.3 + 0.25 }));
    const long = segmentsOf({ segments: [{ start: 0, end: 9, text: words.map((w) => w.word).join(" ") }], words });
    expect(long.length).toBeGreaterThan(1);
    expect(segmentsOf({ words: words.slice(0, 3) })).toEqual([{ text: "w0 w1 w2", startMs: 0, endMs: 850, words: expect.any(Array) }]);
  });
});
