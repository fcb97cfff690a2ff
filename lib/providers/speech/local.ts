import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { readWav } from "@/lib/media/wav";
import { speakBySentence } from "./assemble";
import type { SpeechProvider, SpeechResult, VoiceProfile } from "./index";

export { SENTENCE_PAUSE_MS } from "./assemble";

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

  async synthesize(text: string, voice: VoiceProfile | null, outPath: string): Promise<SpeechResult> {
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), "cinetwin-speech-"));
    try {
      // espeak-ng is quick; what cost time was a probe per sentence and an ffmpeg join. Its WAVs
      // are plain PCM of one format, so they are read, measured and joined here.
      return await speakBySentence(text, outPath, async (sentence, i) => {
        const wav = path.join(tmp, `s${i}.wav`);
        await runEspeak(buildEspeakArgs(voice, wav), sentence);
        return readWav(await fs.readFile(wav));
      });
    } finally {
      await fs.rm(tmp, { recursive: true, force: true });
    }
  }
}

function runEspeak(args: string[], text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(/*turbopackIgnore: true*/ espeakBin(), args, { stdio: ["pipe", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr = (stderr + c).slice(-2048)));
    child.on("error", (err) => reject(new Error(`could not start ${espeakBin()}: ${err.message}`)));
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`espeak-ng exited with ${code}: ${stderr.trim()}`))));
    // Text goes through stdin, so a sentence starting with "-" can never be read as an option.
    child.stdin.end(`${text}\n`);
  });
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}
