import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { KnownFailure } from "@/lib/errors";
import { runFfmpeg } from "@/lib/media/ffmpeg";
import { groupWords } from "./group";
import { baseLanguage, type Transcriber, type Transcript, type TranscriptWord } from "./index";

export function pocketsphinxBin(): string {
  return process.env.POCKETSPHINX_PATH?.trim() || "pocketsphinx_continuous";
}

/** Filler tokens pocketsphinx times but nobody said: silence, breath, noise, sentence marks. */
const NOT_WORDS = /^(<s>|<\/s>|<sil>|\[[A-Z_]+\]|\+\+?[A-Z_]+\+\+?)$/i;

/**
 * Words and their times from `pocketsphinx_continuous -time yes` output: per utterance a line of
 * the hypothesis, then one line per token "word start end confidence" (seconds). Alternate
 * pronunciations are marked "word(2)". Pure.
 */
export function parsePocketsphinxTimes(stdout: string): TranscriptWord[] {
  const words: TranscriptWord[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^(\S+)\s+(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s*$/.exec(line.trim());
    if (!m || NOT_WORDS.test(m[1])) continue;
    const text = m[1].replace(/\(\d+\)$/, "");
    words.push({ text, startMs: Math.round(Number(m[2]) * 1000), endMs: Math.round(Number(m[3]) * 1000) });
  }
  return words.sort((a, b) => a.startMs - b.startMs);
}

/**
 * The offline recogniser: Debian's pocketsphinx with its US English model (scripts/system-deps.sh
 * installs both). The media is decoded to the 16 kHz mono WAV the model expects; the timed words
 * come back grouped into caption lines. Honest about its limits: English only, and a small
 * acoustic model that mishears synthetic and noisy speech (see bench/captions-wer.ts).
 */
export class LocalTranscriber implements Transcriber {
  readonly id = "local" as const;

  supports(language: string): boolean {
    return baseLanguage(language) === "en";
  }

  async transcribe(mediaPath: string, opts: { language: string; signal?: AbortSignal }): Promise<Transcript> {
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), "cinetwin-transcribe-"));
    try {
      const wav = path.join(tmp, "speech.wav");
      await runFfmpeg(["-y", "-i", mediaPath, "-vn", "-ac", "1", "-ar", "16000", "-acodec", "pcm_s16le", wav], { signal: opts.signal });
      const stdout = await runPocketsphinx(["-infile", wav, "-time", "yes", "-logfn", "/dev/null"], opts.signal);
      return { segments: groupWords(parsePocketsphinxTimes(stdout)) };
    } finally {
      await fs.rm(tmp, { recursive: true, force: true });
    }
  }
}

function runPocketsphinx(args: string[], signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(/*turbopackIgnore: true*/ pocketsphinxBin(), args, { stdio: ["ignore", "pipe", "pipe"], signal });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr = (stderr + c).slice(-2048)));
    child.on("error", (err) =>
      reject(
        signal?.aborted
          ? err
          : new KnownFailure(`the offline recogniser could not start (${pocketsphinxBin()}: ${err.message}); run scripts/system-deps.sh`, false),
      ),
    );
    child.on("close", (code) => (code === 0 ? resolve(stdout) : reject(new Error(`pocketsphinx exited with ${code}: ${stderr.trim()}`))));
  });
}
