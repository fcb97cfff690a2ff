/**
 * Word error rate of the offline recogniser: English paragraphs spoken by the offline speech
 * provider (espeak-ng, lib/providers/speech/local.ts), transcribed by the offline transcriber
 * (pocketsphinx, lib/providers/transcribe/local.ts), scored word by word against the text spoken.
 * Case and punctuation are ignored; numbers are written out in the texts so both sides agree.
 *
 * Also a measure of how clear each offline voice is: the same recogniser hears every voice.
 *
 *   npx tsx bench/captions-wer.ts [--voice en-us] [--rate 150]
 *   npx tsx bench/captions-wer.ts --voice slt-hts        (festival's HTS voice)
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { FESTIVAL_VOICES, LocalSpeechProvider } from "@/lib/providers/speech/local";
import { LocalTranscriber } from "@/lib/providers/transcribe/local";

const PARAGRAPHS = [
  "Every great company starts with a single line of code and a founder who refuses to give up. We shipped the product on a rainy Tuesday morning, and nobody noticed until the reviews came in.",
  "The weather today will be mostly sunny with a light breeze from the west. Temperatures reach the low twenties in the afternoon before clouds move in this evening.",
  "To make a good cup of coffee, start with fresh beans and grind them just before brewing. Use water that is hot but not boiling, and wait four minutes before you pour.",
  "Our team worked through the night to fix the problem. By morning the servers were running again, and the customers could place their orders without any trouble.",
  "Learning a new language takes patience and practice. Read a little every day, listen to people speak, and do not be afraid to make mistakes along the way.",
];

/** Lower case words without punctuation (apostrophes kept: "don't" is one word). */
export const normalise = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9' ]+/g, " ")
    .split(/\s+/)
    .filter(Boolean);

/** Word-level edit distance (substitutions + insertions + deletions). */
export function editDistance(ref: string[], hyp: string[]): number {
  let prev = Array.from({ length: hyp.length + 1 }, (_, j) => j);
  for (let i = 1; i <= ref.length; i++) {
    const cur = [i];
    for (let j = 1; j <= hyp.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ref[i - 1] === hyp[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[hyp.length];
}

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};

async function main() {
  const voice = { engineVoice: arg("voice") ?? "en-us", rate: Number(arg("rate") ?? 150) };
  const speech = new LocalSpeechProvider();
  const transcriber = new LocalTranscriber();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "captions-wer-"));
  let errors = 0;
  let words = 0;
  const engine = FESTIVAL_VOICES[voice.engineVoice] ? `festival voice ${voice.engineVoice}` : `espeak-ng voice ${voice.engineVoice} at ${voice.rate} wpm`;
  console.log(`${engine} -> pocketsphinx (en-us model)\n`);
  try {
    for (const [i, text] of PARAGRAPHS.entries()) {
      const spoken = await speech.synthesize(text, voice, path.join(dir, `p${i}.wav`));
      const started = Date.now();
      const { segments } = await transcriber.transcribe(spoken.path, { language: "en" });
      const seconds = (Date.now() - started) / 1000;
      const ref = normalise(text);
      const hyp = normalise(segments.map((s) => s.text).join(" "));
      const d = editDistance(ref, hyp);
      errors += d;
      words += ref.length;
      console.log(
        `paragraph ${i + 1}: WER ${((100 * d) / ref.length).toFixed(1)}% (${d}/${ref.length} words; ${(spoken.durationMs / 1000).toFixed(1)} s of speech in ${seconds.toFixed(1)} s)`,
      );
      console.log(`  heard: ${hyp.join(" ")}`);
    }
    console.log(`\noverall WER ${((100 * errors) / words).toFixed(1)}% (${errors}/${words} words)`);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

void main();
