import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { readWav } from "@/lib/media/wav";
import { speakBySentence } from "./assemble";
import type { SpeechProvider, SpeechResult, VoiceProfile } from "./index";

export { SENTENCE_PAUSE_MS } from "./assemble";

/**
 * Festival's HTS voices: statistical parametric voices, far clearer than espeak-ng's formant
 * synthesis (see bench/captions-wer.ts), English only. An engineVoice of this table's keys speaks
 * with festival's text2wave; any other with espeak-ng.
 */
export const FESTIVAL_VOICES: Record<string, string> = {
  "slt-hts": "voice_cmu_us_slt_arctic_hts",
};

export function text2waveBin(): string {
  return process.env.TEXT2WAVE_PATH?.trim() || "text2wave";
}

export function espeakBin(): string {
  return process.env.ESPEAK_PATH?.trim() || "espeak-ng";
}

/** espeak-ng arguments for one sentence read from stdin. Pure; clamps values to the engine's ranges. */
export function buildEspeakArgs(voice: VoiceProfile | null, wavPath: string): string[] {
  const args: string[] = [];
  // Voice names are plain identifiers ("en-us", "en+f3"); anything else falls back to the default.
  if (voice?.engineVoice && /^[A-Za-z0-9][A-Za-z0-9_+-]{0,40}$/.test(voice.engineVoice)) args.push("-v", voice.engineVoice);
  if (Number.isFinite(voice?.pitch)) args.push("-p", String(Math.round(clamp(voice!.pitch!, 0, 99))));
  if (Number.isFinite(voice?.rate)) args.push("-s", String(Math.round(clamp(voice!.rate!, 80, 450))));
  args.push("-w", wavPath, "--stdin");
  return args;
}

/**
 * Offline speech with espeak-ng, one sentence at a time so each sentence's exact place in the
 * joined audio is known; those places become caption segments.
 */
export class LocalSpeechProvider implements SpeechProvider {
  readonly id = "local";

  async synthesize(text: string, asked: VoiceProfile | null, outPath: string): Promise<SpeechResult> {
    // A voice that lives at a vendor means nothing to espeak-ng: the default narrator speaks.
    const voice = asked?.provider && asked.provider !== "local" ? null : asked;
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), "cinetwin-speech-"));
    try {
      // espeak-ng is quick; what cost time was a probe per sentence and an ffmpeg join. Its WAVs
      // are plain PCM of one format, so they are read, measured and joined here.
      return await speakBySentence(text, outPath, async (sentence, i) => {
        const wav = path.join(tmp, `s${i}.wav`);
        const festival = voice?.engineVoice ? FESTIVAL_VOICES[voice.engineVoice] : undefined;
        if (festival) await run(text2waveBin(), ["-eval", `(${festival})`, "-o", wav], sentence);
        else await run(espeakBin(), buildEspeakArgs(voice, wav), sentence);
        return readWav(await fs.readFile(wav));
      });
    } finally {
      await fs.rm(tmp, { recursive: true, force: true });
    }
  }
}

/** Runs a speech engine with the sentence on stdin, so a sentence starting with "-" is never read as an option. */
function run(bin: string, args: string[], text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(/*turbopackIgnore: true*/ bin, args, { stdio: ["pipe", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr = (stderr + c).slice(-2048)));
    child.on("error", (err) => reject(new Error(`could not start ${bin}: ${err.message}`)));
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(bin)} exited with ${code}: ${stderr.trim()}`))));
    child.stdin.end(`${text}\n`);
  });
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}
