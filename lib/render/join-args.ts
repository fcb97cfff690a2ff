import { gatedLoudness, LOUDNESS_I } from "@/lib/media/loudness";
import { AAC_FRAME, AUDIO_RATE, audioEncoderArgs, encoderArgs, type RenderParams } from "./scene-args";

export { LOUDNESS_I };

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

/**
 * The concat list of a join that copies the audio as well as the video: the segments' AAC frames
 * laid end to end (beside buildConcatList's list of their pictures), each segment's priming
 * frame kept. That frame decodes the segment's first samples exactly, so a segment starts clean
 * whatever came before; what it replaces is the previous segment's last 43 ms at most, which the
 * caller makes sure are quiet. AAC frames are 1024 samples and a segment's length need not be a
 * whole number of them, so each segment keeps as many frames as bring the audio closest to the
 * video's clock: no segment's sound is more than half a frame (10.7 ms) off its pictures, and the
 * error never adds up. Segments must have been rendered with spliceableSamples' audio. Null when
 * a segment is too short to hold its share of frames.
 */
export function buildSpliceList(segments: Array<{ path: string; durationMs: number }>): string | null {
  const t = (samples: number) => (samples / AUDIO_RATE).toFixed(6);
  const file = (p: string) => `file '${p.replace(/'/g, "'\\''")}'\n`;
  let audio = "";
  let videoAt = 0; // where this segment's pictures start, in samples
  let audioAt = 0; // where its first sample (after its priming frame) lands
  for (const [i, seg] of segments.entries()) {
    const length = Math.round((seg.durationMs * AUDIO_RATE) / 1000);
    const drift = audioAt - videoAt;
    const last = i === segments.length - 1;
    // Frames kept, so that this segment's frames and the next one's priming frame end nearest the next segment's start.
    const kept = Math.round((length - drift) / AAC_FRAME) - (last ? 0 : 1);
    if (kept < 0) return null;
    // The outpoint half a sample before the first frame not kept; the duration places the next segment's priming frame.
    audio += file(seg.path) + (last ? "" : `duration ${t((kept + 1) * AAC_FRAME)}\n`) + `outpoint ${t(kept * AAC_FRAME - 0.5)}\n`;
    audioAt += (kept + 1) * AAC_FRAME;
    videoAt += length;
  }
  return audio;
}

/** The join when no gain or mix is needed: the pictures (buildConcatList) and the audio (buildSpliceList) copied into one MP4, moov atom first. */
export function buildCopyJoinArgs(videoListPath: string, audioListPath: string, outPath: string): string[] {
  // -copyts keeps the first priming frame before 0, where the MP4's edit list hides it, as each segment's own did.
  const list = (p: string) => ["-f", "concat", "-safe", "0", "-i", p];
  return ["-y", "-copyts", ...list(videoListPath), ...list(audioListPath), "-map", "0:v:0", "-map", "1:a:0", "-c", "copy", "-movflags", "+faststart", outPath];
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
    "-ss",
    ((opts.fromDurationMs - opts.durationMs) / 1000).toFixed(6),
    "-i",
    opts.fromPath,
    "-t",
    d,
    "-i",
    opts.toPath,
    "-filter_complex",
    [
      `[0:v]trim=duration=${d},setpts=PTS-STARTPTS[a]`,
      `[1:v]trim=duration=${d},setpts=PTS-STARTPTS[b]`,
      `[a][b]xfade=transition=${opts.type}:duration=${d}:offset=0,format=yuv420p[vout]`,
      `[0:a]apad,atrim=duration=${d},asetpts=PTS-STARTPTS[x]`,
      `[1:a]apad,atrim=duration=${d},asetpts=PTS-STARTPTS[y]`,
      `[x][y]acrossfade=d=${d}[aout]`,
    ].join(";"),
    "-map",
    "[vout]",
    "-map",
    "[aout]",
    "-frames:v",
    String(frames),
    ...encoderArgs(opts.params),
    "-t",
    d,
    opts.outPath,
  ];
}

/** The join's first, cheap pass: integrated loudness and sample peak of the joined audio (ebur128 at 48 kHz), video untouched. */
export function buildLoudnessArgs(listPath: string): string[] {
  return [...concatInput(listPath), "-map", "0:a:0", "-af", `${JOIN_RESAMPLE},ebur128=peak=sample`, "-f", "null", "-"];
}

/** Integrated loudness (LUFS) and sample peak (dBFS) from ebur128's summary on stderr; null when it printed none. */
export function parseLoudness(stderr: string): { integratedLufs: number; peakDbfs: number } | null {
  const summary = stderr.slice(stderr.lastIndexOf("Summary:"));
  const i = /I:\s+(-?[\d.]+|-inf)\s+LUFS/.exec(summary);
  const peak = /Peak:\s+(-?[\d.]+|-inf)\s+dBFS/.exec(summary);
  if (!i || !peak) return null;
  const num = (s: string) => (s === "-inf" ? -Infinity : Number(s));
  return { integratedLufs: num(i[1]), peakDbfs: num(peak[1]) };
}

/** One stretch of audio's loudness: momentary loudness (LUFS) of each 100 ms step's 400 ms block, and the sample peak (linear). */
export interface LoudnessBlocks {
  blocks: number[];
  peak: number;
}

/** The blocks ebur128=metadata=1 printed through ametadata (LOUDNESS_FILE): one M value per 100 ms frame, the running peak. */
export function parseLoudnessBlocks(text: string): LoudnessBlocks {
  // ebur128 prints nan for a block of digital silence after sound: silence, and a block all the same (dropping it shifted the rest).
  const blocks = [...text.matchAll(/^lavfi\.r128\.M=(-?[\d.]+|-?inf|-?nan)$/gm)].map((m) => (/inf|nan/.test(m[1]) ? -Infinity : Number(m[1])));
  let peak = 0;
  for (const m of text.matchAll(/^lavfi\.r128\.sample_peak=([\d.]+)$/gm)) peak = Math.max(peak, Number(m[1]));
  return { blocks, peak };
}

/**
 * Integrated loudness and sample peak of audio made of these stretches, as ITU-R BS.1770 gates
 * it: blocks above -70 LUFS, then those within 10 LU of their mean energy. The blocks at the
 * joins straddle two stretches and are missing, which moves a linear gain by a hair. Null for silence.
 */
export function integratedLoudness(parts: LoudnessBlocks[]): { integratedLufs: number; peakDbfs: number } | null {
  const integratedLufs = gatedLoudness(parts.flatMap((p) => p.blocks));
  if (integratedLufs === null) return null;
  const peak = Math.max(...parts.map((p) => p.peak));
  return { integratedLufs, peakDbfs: peak > 0 ? 20 * Math.log10(peak) : -Infinity };
}

/**
 * The audio filter that brings the joined audio to LOUDNESS_I: one linear gain (what a two-pass
 * loudnorm with linear=true does, without its 192 kHz resampling), and a limiter only when that
 * gain would push the sample peak above -1.5 dBFS. Silence and unmeasured audio get no gain.
 */
export function loudnessFilter(measured: { integratedLufs: number; peakDbfs: number } | null): string {
  if (!measured || !Number.isFinite(measured.integratedLufs)) return JOIN_RESAMPLE;
  const gainDb = Math.max(-30, Math.min(30, LOUDNESS_I - measured.integratedLufs));
  const filters = [JOIN_RESAMPLE, `volume=${gainDb.toFixed(2)}dB`];
  if (measured.peakDbfs + gainDb > PEAK_DBFS)
    filters.push(`alimiter=limit=${Math.pow(10, PEAK_DBFS / 20).toFixed(4)}:attack=5:release=50:level=disabled:latency=1`);
  return filters.join(",");
}

/** The sample peak the joined audio is limited to. */
export const PEAK_DBFS = -1.5;
/**
 * The joined audio put on the video's clock. Each segment's AAC stream opens with a 1024-sample
 * priming frame that its MP4 edit list hides, but the concat demuxer hands it to the decoder as
 * sound. With -copyts (concatInput) the first one stays before 0, where atrim drops it; re-basing
 * the first sample to 0 instead (first_pts=0) put all the audio 21 ms behind the frames. async
 * fills the gap before each segment's start (its audio ends on a whole AAC frame) with silence or
 * drops the overlap of its priming frame, from 1 ms up, so every segment's sound starts on its frames.
 */
const JOIN_RESAMPLE = "aresample=async=1:min_hard_comp=0.001,atrim=start=0,asetpts=PTS-STARTPTS";

/** The concat-demuxer input of a join pass, timestamps kept as the segments have them (see JOIN_RESAMPLE). */
const concatInput = (listPath: string) => ["-copyts", "-f", "concat", "-safe", "0", "-i", listPath];

/**
 * Final pass: segments joined by the concat demuxer, video stream-copied, audio re-timed onto
 * one continuous clock, brought to the target loudness (`audioFilter`, from loudnessFilter) and
 * re-encoded; moov atom first for streaming.
 */
export function buildJoinArgs(listPath: string, outPath: string, audioFilter: string): string[] {
  return [
    "-y",
    ...concatInput(listPath),
    "-map",
    "0:v:0",
    "-map",
    "0:a:0",
    "-c:v",
    "copy",
    "-af",
    audioFilter,
    ...audioEncoderArgs(),
    "-movflags",
    "+faststart",
    outPath,
  ];
}

/** A music bed as the join mixes it: the file (input 1, looped), its level and whether speech ducks it. */
export interface MusicBed {
  path: string;
  volume: number;
  duck: boolean;
}

/**
 * The filter graph that lays the looped music (input 1) under the joined audio (input 0), ending
 * in [mix]: the bed at its level, faded in and out, and, when ducking, pushed down by a sidechain
 * compressor keyed on the narration while anyone speaks. The joined audio sets the length.
 */
export function musicMixGraph(bed: Pick<MusicBed, "volume" | "duck">, totalMs: number): string {
  const total = (totalMs / 1000).toFixed(3);
  const fadeOut = Math.max(0, totalMs / 1000 - 2).toFixed(3);
  const stereo = "aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo";
  const bedChain = `[1:a]${stereo},atrim=duration=${total},volume=${bed.volume.toFixed(3)},afade=t=in:d=1,afade=t=out:st=${fadeOut}:d=2`;
  if (!bed.duck) return `[0:a]${JOIN_RESAMPLE},${stereo}[voice];${bedChain}[bed];[voice][bed]amix=inputs=2:duration=first:normalize=0[mix]`;
  return [
    `[0:a]${JOIN_RESAMPLE},${stereo},asplit=2[voice][key]`,
    `${bedChain}[bed]`,
    // The key is raised and limited to one level, so a quiet voice ducks the bed as far as a loud one:
    // about 14 dB down while anyone speaks, back up within half a second of a pause.
    `[key]volume=30dB,alimiter=limit=0.25:attack=1:release=20:level=disabled[keyed]`,
    `[bed][keyed]sidechaincompress=threshold=0.02:ratio=3:attack=15:release=450:knee=2[ducked]`,
    `[voice][ducked]amix=inputs=2:duration=first:normalize=0[mix]`,
  ].join(";");
}

/** The joined segments (input 0) and the music, looped (input 1). */
const musicInputs = (listPath: string, bed: MusicBed) => [...concatInput(listPath), "-stream_loop", "-1", "-i", bed.path];

/** The join's first pass with a music bed: the mix's integrated loudness and peak, video untouched. */
export function buildMusicLoudnessArgs(listPath: string, bed: MusicBed, totalMs: number): string[] {
  return [
    ...musicInputs(listPath, bed),
    "-filter_complex",
    `${musicMixGraph(bed, totalMs)};[mix]ebur128=peak=sample[measured]`,
    "-map",
    "[measured]",
    "-f",
    "null",
    "-",
  ];
}

/** The final pass with a music bed: as buildJoinArgs, the audio being the mix brought to the target by `audioFilter`. */
export function buildMusicJoinArgs(listPath: string, outPath: string, bed: MusicBed, totalMs: number, audioFilter: string): string[] {
  return [
    "-y",
    ...musicInputs(listPath, bed),
    "-filter_complex",
    `${musicMixGraph(bed, totalMs)};[mix]${audioFilter}[aout]`,
    "-map",
    "0:v:0",
    "-map",
    "[aout]",
    "-c:v",
    "copy",
    ...audioEncoderArgs(),
    "-movflags",
    "+faststart",
    outPath,
  ];
}

/** One JPEG frame at `atMs`, fast-seeked. */
export function buildThumbnailArgs(videoPath: string, atMs: number, outPath: string): string[] {
  return ["-y", "-ss", (Math.max(0, atMs) / 1000).toFixed(3), "-i", videoPath, "-frames:v", "1", "-q:v", "3", "-update", "1", outPath];
}
