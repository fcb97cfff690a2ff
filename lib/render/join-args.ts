import { AUDIO_BITRATE, AUDIO_RATE } from "./scene-args";

/** Integrated loudness target: -14 LUFS, what the big social platforms normalise to. */
export const LOUDNESS_I = -14;

/**
 * A concat-demuxer list. Each entry carries its exact duration so the next segment starts on
 * the frame grid even though AAC pads the last audio packet. Paths are single-quoted with the
 * demuxer's own escaping for quotes.
 */
export function buildConcatList(segments: Array<{ path: string; durationMs: number }>): string {
  return segments
    .map((s) => `file '${s.path.replace(/'/g, "'\\''")}'\nduration ${(s.durationMs / 1000).toFixed(6)}\n`)
    .join("");
}

/**
 * Final pass: segments joined by the concat demuxer, video stream-copied, audio re-timed onto
 * one continuous clock, loudness-normalised and re-encoded; moov atom first for streaming.
 */
export function buildJoinArgs(listPath: string, outPath: string): string[] {
  return [
    "-y",
    "-f", "concat",
    "-safe", "0",
    "-i", listPath,
    "-map", "0:v:0",
    "-map", "0:a:0",
    "-c:v", "copy",
    // async trims the few ms of AAC padding at each joint so audio does not drift behind video.
    "-af", `aresample=async=1:min_hard_comp=0.01:first_pts=0,loudnorm=I=${LOUDNESS_I}:TP=-1.5:LRA=11,aresample=${AUDIO_RATE}`,
    "-c:a", "aac",
    "-b:a", AUDIO_BITRATE,
    "-ar", String(AUDIO_RATE),
    "-ac", "2",
    "-movflags", "+faststart",
    outPath,
  ];
}

/** One JPEG frame at `atMs`, fast-seeked. */
export function buildThumbnailArgs(videoPath: string, atMs: number, outPath: string): string[] {
  return ["-y", "-ss", (Math.max(0, atMs) / 1000).toFixed(3), "-i", videoPath, "-frames:v", "1", "-q:v", "3", "-update", "1", outPath];
}
