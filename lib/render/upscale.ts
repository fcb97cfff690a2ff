import fs from "node:fs/promises";
import path from "node:path";
import { probe, runFfmpeg } from "@/lib/media/ffmpeg";

export type UpscaleMode = "2x" | "4k";

export interface UpscaleOptions {
  mode: UpscaleMode;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  /** x264 preset; "veryfast" unless given. */
  preset?: string;
}

const MAX_W = 3840;
const MAX_H = 2160;
const even = (n: number) => Math.max(2, 2 * Math.round(n / 2));

/** Output size: "2x" doubles each side, "4k" fits the longer side to 3840x2160 (or 2160x3840 for portrait); both capped at 4K pixels. */
export function upscaleSize(width: number, height: number, mode: UpscaleMode): { width: number; height: number } {
  const portrait = height > width;
  const [maxW, maxH] = portrait ? [MAX_H, MAX_W] : [MAX_W, MAX_H];
  const k = mode === "2x" ? Math.min(2, maxW / width, maxH / height) : Math.min(maxW / width, maxH / height);
  return { width: even(width * Math.max(1, k)), height: even(height * Math.max(1, k)) };
}

/** ffmpeg arguments: lanczos resample plus a mild unsharp mask, audio stream-copied. Pure. */
export function buildUpscaleArgs(input: string, out: string, size: { width: number; height: number }, preset = "veryfast"): string[] {
  return [
    "-y",
    "-i",
    input,
    "-map",
    "0:v:0",
    "-map",
    "0:a?",
    "-vf",
    `scale=${size.width}:${size.height}:flags=lanczos,unsharp=5:5:0.6:5:5:0.0,setsar=1,format=yuv420p`,
    "-c:v",
    "libx264",
    "-preset",
    preset,
    "-crf",
    "20",
    "-c:a",
    "copy",
    "-movflags",
    "+faststart",
    out,
  ];
}

/**
 * Upscales a video to `out` (the local stand-in for Real-ESRGAN/Topaz): lanczos + unsharp to 2x
 * or 4K. The input is never modified; the output is written under a temporary name and renamed.
 */
export async function upscaleVideo(
  input: string,
  out: string,
  opts: UpscaleOptions,
): Promise<{ path: string; width: number; height: number; durationMs: number; sizeBytes: number }> {
  if (path.resolve(input) === path.resolve(out)) throw new Error("upscaleVideo: out must differ from input");
  const info = await probe(input);
  const v = info.streams.find((s) => s.codecType === "video");
  if (!v?.width || !v.height) throw new Error(`${path.basename(input)} has no video stream`);
  const size = upscaleSize(v.width, v.height, opts.mode);
  const partial = `${out}.${process.pid}.partial.mp4`;
  await fs.mkdir(path.dirname(out), { recursive: true });
  try {
    await runFfmpeg(buildUpscaleArgs(input, partial, size, opts.preset), {
      signal: opts.signal,
      onProgress: (ms) => opts.onProgress?.(info.durationMs > 0 ? Math.min(1, ms / info.durationMs) : 0),
    });
    await fs.rename(partial, out);
  } finally {
    await fs.rm(partial, { force: true });
  }
  const result = await probe(out);
  opts.onProgress?.(1);
  return { path: out, ...size, durationMs: result.durationMs, sizeBytes: result.sizeBytes };
}
