import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Test speech: espeak-ng writes `text` to a WAV with the given voice flags (e.g. ["-p", "15"]). */
export async function espeakWav(outPath: string, text: string, flags: string[] = []): Promise<string> {
  await run("espeak-ng", [...flags, "-w", outPath, text]);
  return outPath;
}

/** Test audio from an ffmpeg lavfi source, e.g. "sine=frequency=220:duration=4". */
export async function lavfiAudio(outPath: string, source: string, extra: string[] = []): Promise<string> {
  await run("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", source, ...extra, outPath]);
  return outPath;
}

/** Re-encodes audio with ffmpeg, e.g. to mp3 or Opus in WebM. */
export async function transcode(input: string, outPath: string, args: string[] = []): Promise<string> {
  await run("ffmpeg", ["-v", "error", "-y", "-i", input, ...args, outPath]);
  return outPath;
}

export const SAMPLE_TEXT =
  "Every great company starts with a single line of code, and a founder who refuses to give up. " +
  "We shipped the product on a rainy Tuesday morning, and nobody noticed until the reviews came in.";
