import fs from "node:fs/promises";
import path from "node:path";
import { runFfmpeg, untrustedInputArgs } from "@/lib/media/ffmpeg";
import { VOICE_SAMPLE_FORMATS } from "@/lib/media/audio-formats";
import { VOICE_SAMPLE_MAX_MS } from "@/lib/validation/voice";
import type { VoiceCloneProvider, VoiceCloneRequest, VoiceCloneResult } from "./index";
import { profileFromSamples } from "./profile";

/** 16 kHz keeps everything up to the vowel band and makes YIN cheap. */
export const ANALYSIS_SAMPLE_RATE = 16_000;

/** ffmpeg arguments that decode the first audio stream to mono 32-bit float PCM for analysis. */
export function buildDecodeArgs(input: string, outPath: string): string[] {
  return [
    "-y",
    ...untrustedInputArgs(VOICE_SAMPLE_FORMATS),
    "-i",
    input,
    "-map",
    "0:a:0",
    "-vn",
    // Hum and DC below 50 Hz are never voice; they only blur the loudness envelope.
    "-af",
    "highpass=f=50",
    "-ac",
    "1",
    "-ar",
    String(ANALYSIS_SAMPLE_RATE),
    "-t",
    String(VOICE_SAMPLE_MAX_MS / 1000),
    "-f",
    "f32le",
    outPath,
  ];
}

/** Decodes a sample to mono float PCM at ANALYSIS_SAMPLE_RATE, via a file in `workDir`. */
export async function decodeSample(input: string, workDir: string, signal?: AbortSignal): Promise<Float32Array> {
  const pcm = path.join(workDir, `${path.basename(input)}.f32`);
  await runFfmpeg(buildDecodeArgs(input, pcm), { signal });
  const buf = await fs.readFile(pcm);
  await fs.rm(pcm, { force: true });
  // Copied into its own buffer: a Float32Array view needs 4-byte alignment that a pooled Buffer lacks.
  return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length - (buf.length % 4)));
}

/** Offline voice "cloning": measures the speaker's pitch and pace and maps them onto espeak-ng. */
export class LocalVoiceCloneProvider implements VoiceCloneProvider {
  readonly id = "local" as const;

  async clone(req: VoiceCloneRequest): Promise<VoiceCloneResult> {
    const samples = await decodeSample(req.samplePath, req.workDir, req.signal);
    req.signal?.throwIfAborted();
    return profileFromSamples(samples, ANALYSIS_SAMPLE_RATE);
  }
}
