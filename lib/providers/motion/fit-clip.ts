import fs from "node:fs/promises";
import path from "node:path";
import { probe, runFfmpeg, untrustedInputArgs } from "@/lib/media/ffmpeg";
import { malformed } from "../vendor";

/** The containers a vendor's clip may come in; anything else is refused before ffmpeg reads it. */
export const CLIP_FORMATS = ["mov", "mp4", "m4a", "3gp", "matroska", "webm", "gif"] as const;

/** How much slower than made a clip may play before its last frame is held instead. */
export const MAX_SLOWDOWN = 1.5;

/** Checks that a vendor's file is a video ffmpeg can read; throws a malformed-answer error otherwise. */
export async function checkClip(file: string, vendor: string, what: string): Promise<void> {
  const info = await probe(file, { formats: CLIP_FORMATS }).catch(() => null);
  if (!info?.streams.some((s) => s.codecType === "video") || info.durationMs <= 0) throw malformed(vendor, what, "the result is not a video");
}

/**
 * Fits a vendor's clip to the scene: its frame size (scaled to cover, centre-cropped), its frame
 * rate, and its length in whole frames, without sound (the scene's narration is its own).
 *
 * Vendors make fixed lengths (Kling: 5 or 10 s). A longer clip is cut at the scene's end. A
 * shorter one is slowed to fill the scene, by at most MAX_SLOWDOWN: generated motion slowed a
 * little reads as deliberate, slowed a lot it stutters and drifts; past that the last frame is
 * held (a held frame reads as the shot settling, and the renderer's cut follows anyway).
 */
export async function fitClip(
  src: string,
  out: string,
  req: { width: number; height: number; fps: number; durationMs: number },
  opts: { signal?: AbortSignal } = {},
): Promise<{ durationMs: number }> {
  const info = await probe(src, { formats: CLIP_FORMATS });
  const frames = Math.max(1, Math.round((req.durationMs * req.fps) / 1000));
  const targetS = frames / req.fps;
  const clipS = Math.max(0.04, info.durationMs / 1000);
  const slow = Math.min(MAX_SLOWDOWN, Math.max(1, targetS / clipS));
  const { width: w, height: h } = req;
  const filter = [
    `setpts=${slow.toFixed(6)}*PTS`,
    `fps=${req.fps}`,
    `scale=${w}:${h}:force_original_aspect_ratio=increase`,
    `crop=${w}:${h}`,
    "setsar=1",
    `tpad=stop_mode=clone:stop_duration=${targetS.toFixed(3)}`,
  ].join(",");
  await fs.mkdir(path.dirname(out), { recursive: true });
  await runFfmpeg(
    [
      "-y",
      ...untrustedInputArgs(CLIP_FORMATS),
      "-i",
      src,
      "-an",
      "-vf",
      filter,
      "-frames:v",
      String(frames),
      "-r",
      String(req.fps),
      ...["-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-pix_fmt", "yuv420p", "-movflags", "+faststart"],
      out,
    ],
    { signal: opts.signal },
  );
  return { durationMs: Math.round((frames * 1000) / req.fps) };
}
