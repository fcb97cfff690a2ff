import { cameraMoveFilter, type CameraMove } from "@/lib/providers/motion/camera-move";

/** Encoding parameters shared by every segment of one render: equal values let the join stream-copy. */
export interface RenderParams {
  width: number;
  height: number;
  fps: number;
  /** #rrggbb */
  backgroundColor: string;
  preset: string;
  crf: number;
}

export const AUDIO_RATE = 48_000;
export const AUDIO_BITRATE = "160k";

/** A picture layer, bottom first. Times are scene-relative ms. */
export type SceneLayer =
  | { kind: "video"; path: string; loop: boolean; startMs: number; durationMs: number }
  | { kind: "image"; path: string; motion: CameraMove | null; startMs: number; durationMs: number };

export interface SceneSound {
  path: string;
  loop: boolean;
  startMs: number;
  durationMs: number;
  volume: number;
}

/** Everything one scene segment needs, with inputs already resolved to local files. */
export interface ScenePlan {
  params: RenderParams;
  /** Whole frames; the segment lasts frames / fps seconds. */
  frames: number;
  fadeInMs: number;
  fadeOutMs: number;
  layers: SceneLayer[];
  sounds: SceneSound[];
  /** A bare file name (relative to ffmpeg's cwd) of an .ass document to burn in, or null. */
  subtitlesFile: string | null;
  outPath: string;
}

const sec = (ms: number) => (Math.max(0, ms) / 1000).toFixed(3);

/** The segment's exact length in ms, from its frame count. */
export function planDurationMs(plan: Pick<ScenePlan, "frames" | "params">): number {
  return (plan.frames * 1000) / plan.params.fps;
}

/**
 * ffmpeg arguments rendering one scene to an MP4 segment (H.264 yuv420p + AAC 48 kHz stereo):
 * a background colour, picture layers fitted and overlaid in order (looping or holding their
 * last frame to fill their time), sounds mixed over silence so every segment has audio of the
 * exact length, optional burned-in subtitles and fades. Pure. No user text appears in the
 * arguments: subtitles are referenced by a bare file name that ffmpeg resolves against its cwd.
 */
export function buildSceneArgs(plan: ScenePlan): string[] {
  const { width: W, height: H, fps, backgroundColor, preset, crf } = plan.params;
  if (plan.subtitlesFile !== null && !/^[A-Za-z0-9_.-]+$/.test(plan.subtitlesFile)) {
    throw new Error(`subtitles file must be a bare safe file name, got ${JSON.stringify(plan.subtitlesFile)}`);
  }
  if (!/^#[0-9a-fA-F]{6}$/.test(backgroundColor)) throw new Error(`bad background colour ${backgroundColor}`);
  const dur = planDurationMs(plan);
  const inputs: string[] = [];
  const filters: string[] = [];
  let nextInput = 0;

  filters.push(`color=c=0x${backgroundColor.slice(1)}:s=${W}x${H}:r=${fps}:d=${sec(dur)},format=yuv420p[bg0]`);
  plan.layers.forEach((layer, k) => {
    const i = nextInput++;
    const d = Math.min(layer.durationMs, dur - layer.startMs);
    const shift = `trim=duration=${sec(d)},setpts=PTS-STARTPTS+${sec(layer.startMs)}/TB`;
    let chain: string;
    if (layer.kind === "video") {
      inputs.push(...(layer.loop ? ["-stream_loop", "-1"] : []), "-i", layer.path);
      const hold = layer.loop ? "" : `,tpad=stop_mode=clone:stop_duration=${sec(d)}`;
      chain = `[${i}:v]setpts=PTS-STARTPTS,fps=${fps},scale=${W}:${H}:force_original_aspect_ratio=decrease,setsar=1${hold},${shift}`;
    } else if (layer.motion && layer.motion !== "static") {
      // A moving image fills the frame (cover), like the motion provider's clips.
      inputs.push("-i", layer.path);
      const frames = Math.max(1, Math.round((d * fps) / 1000));
      chain = `[${i}:v]${cameraMoveFilter({ move: layer.motion, width: W, height: H, fps, frames, supersample: 2 })},${shift}`;
    } else {
      inputs.push("-loop", "1", "-framerate", String(fps), "-t", sec(d), "-i", layer.path);
      chain = `[${i}:v]scale=${W}:${H}:force_original_aspect_ratio=decrease,setsar=1,${shift}`;
    }
    filters.push(`${chain}[l${k}]`);
    filters.push(`[bg${k}][l${k}]overlay=x=(W-w)/2:y=(H-h)/2:eof_action=pass[bg${k + 1}]`);
  });

  const video: string[] = [];
  if (plan.subtitlesFile) video.push(`subtitles=filename=${plan.subtitlesFile}`);
  if (plan.fadeInMs > 0) video.push(`fade=t=in:st=0:d=${sec(plan.fadeInMs)}`);
  if (plan.fadeOutMs > 0) video.push(`fade=t=out:st=${sec(dur - plan.fadeOutMs)}:d=${sec(plan.fadeOutMs)}`);
  video.push("format=yuv420p");
  filters.push(`[bg${plan.layers.length}]${video.join(",")}[vout]`);

  // Silence of the exact scene length is the first mix input, so the mix is never shorter.
  filters.push(`aevalsrc=0:c=stereo:s=${AUDIO_RATE}:d=${sec(dur)}[sil]`);
  const mixed: string[] = ["[sil]"];
  plan.sounds.forEach((sound, k) => {
    const i = nextInput++;
    inputs.push(...(sound.loop ? ["-stream_loop", "-1"] : []), "-i", sound.path);
    const delay = Math.round(sound.startMs);
    filters.push(
      `[${i}:a]aresample=${AUDIO_RATE},aformat=sample_fmts=fltp:channel_layouts=stereo,` +
        `atrim=duration=${sec(Math.min(sound.durationMs, dur - sound.startMs))},asetpts=PTS-STARTPTS,` +
        `volume=${sound.volume.toFixed(3)}${delay > 0 ? `,adelay=${delay}:all=1` : ""}[s${k}]`,
    );
    mixed.push(`[s${k}]`);
  });
  const audio: string[] = [
    mixed.length > 1 ? `amix=inputs=${mixed.length}:duration=first:dropout_transition=0:normalize=0` : "anull",
    `atrim=duration=${sec(dur)}`,
  ];
  if (plan.fadeInMs > 0) audio.push(`afade=t=in:st=0:d=${sec(plan.fadeInMs)}`);
  if (plan.fadeOutMs > 0) audio.push(`afade=t=out:st=${sec(dur - plan.fadeOutMs)}:d=${sec(plan.fadeOutMs)}`);
  filters.push(`${mixed.join("")}${audio.join(",")}[aout]`);

  return [
    "-y",
    ...inputs,
    "-filter_complex", filters.join(";"),
    "-map", "[vout]",
    "-map", "[aout]",
    "-frames:v", String(plan.frames),
    "-r", String(fps),
    "-c:v", "libx264",
    "-preset", preset,
    "-crf", String(crf),
    "-pix_fmt", "yuv420p",
    // A fixed GOP and timescale keep every segment's stream parameters identical for the stream-copy join.
    "-g", String(fps * 2),
    "-video_track_timescale", String(fps * 1000),
    "-c:a", "aac",
    "-b:a", AUDIO_BITRATE,
    "-ar", String(AUDIO_RATE),
    "-ac", "2",
    "-t", sec(dur),
    "-movflags", "+faststart",
    plan.outPath,
  ];
}
