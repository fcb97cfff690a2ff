import { AUDIO_BITRATE, AUDIO_RATE, encoderArgs, type RenderParams } from "./scene-args";

/** Integrated loudness target: -14 LUFS, what the big social platforms normalise to. */
export const LOUDNESS_I = -14;

/**
 * A concat-demuxer list. Each entry carries its exact duration so the next segment starts on
 * the frame grid even though AAC pads the last audio packet. Paths are single-quoted with the
 * demuxer's own escaping for quotes.
 */
export function buildConcatList(segments: Array<{ path: string; durationMs: number; inpointMs?: number; outpointMs?: number }>): string {
  const t = (ms: number) => (ms / 1000).toFixed(6);
  return segments
    .map((s) => {
      const file = `file '${s.path.replace(/'/g, "'\\''")}'\n`;
      // A part cut out of a segment for a transition: in/out points sit on forced keyframes.
      if (s.inpointMs || s.outpointMs !== undefined) {
        return file + (s.inpointMs ? `inpoint ${t(s.inpointMs)}\n` : "") + `outpoint ${t(s.outpointMs ?? s.durationMs)}\n`;
      }
      return `${file}duration ${t(s.durationMs)}\n`;
    })
    .join("");
}

/** xfade names ffmpeg 5.1 understands, for the transition types of the timeline. */
export const XFADE_TRANSITIONS = ["wipeleft", "wiperight", "slideleft", "slideup", "dissolve", "circleopen"] as const;

/**
 * A transition piece: the last `durationMs` of one segment cross-transitioned (xfade, acrossfade)
 * into the first `durationMs` of the next, encoded with the segments' own settings so it joins
 * them by stream copy. Only these pieces are re-encoded at a join.
 */
export function buildTransitionArgs(opts: {
  fromPath: string;
  fromDurationMs: number;
  toPath: string;
  durationMs: number;
  type: string;
  params: RenderParams;
  outPath: string;
}): string[] {
  if (!(XFADE_TRANSITIONS as readonly string[]).includes(opts.type)) throw new Error(`unknown transition ${opts.type}`);
  const d = (opts.durationMs / 1000).toFixed(6);
  const frames = Math.max(1, Math.round((opts.durationMs * opts.params.fps) / 1000));
  return [
    "-y",
    "-ss", ((opts.fromDurationMs - opts.durationMs) / 1000).toFixed(6), "-i", opts.fromPath,
    "-t", d, "-i", opts.toPath,
    "-filter_complex",
    [
      `[0:v]trim=duration=${d},setpts=PTS-STARTPTS[a]`,
      `[1:v]trim=duration=${d},setpts=PTS-STARTPTS[b]`,
      `[a][b]xfade=transition=${opts.type}:duration=${d}:offset=0,format=yuv420p[vout]`,
      `[0:a]apad,atrim=duration=${d},asetpts=PTS-STARTPTS[x]`,
      `[1:a]apad,atrim=duration=${d},asetpts=PTS-STARTPTS[y]`,
      `[x][y]acrossfade=d=${d}[aout]`,
    ].join(";"),
    "-map", "[vout]",
    "-map", "[aout]",
    "-frames:v", String(frames),
    ...encoderArgs(opts.params),
    "-t", d,
    opts.outPath,
  ];
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
