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

/** Where a layer sits, in output pixels: a box (top-left + size), how the picture fits it, a rotation. */
export interface LayerPlacement {
  box?: { x: number; y: number; width: number; height: number };
  fit?: "cover" | "contain" | "fill";
  /** Clockwise degrees. */
  rotation?: number;
}

/** One line of a text layer: a bare file name holding the text (never the text itself) and its top. */
export interface TextLine {
  file: string;
  y: number;
}

/** A picture layer, bottom first. Times are scene-relative ms. */
export type SceneLayer =
  | ({ kind: "video"; path: string; loop: boolean; startMs: number; durationMs: number } & LayerPlacement)
  | ({ kind: "image"; path: string; motion: CameraMove | null; startMs: number; durationMs: number } & LayerPlacement)
  | {
      kind: "actor";
      /** The animated photo's picture, made once (cut out or framed, at its drawn size; see actor-still.ts): an RGBA PNG. */
      stillPath: string;
      /** A closed-eyes patch laid over the still at (x, y) for `durationMs` from each of `atMs` (layer-relative), or null. */
      blink: { path: string; x: number; y: number; atMs: number[]; durationMs: number } | null;
      /** Bare file name of a sendcmd script that moves and scales the photo (scale@actorN, overlay@actorN), or null. */
      motionFile: string | null;
      /** Index used to name this layer's filters for the motion script. */
      id: number;
      /** Where the still rests: its top-left corner and its (even) size. */
      box: { x: number; y: number; width: number; height: number };
      startMs: number;
      durationMs: number;
      /** The photo fades out over its last ms (it leaves before the scene ends); 0: it stays to the end. */
      fadeOutMs: number;
    }
  | {
      kind: "text";
      lines: TextLine[];
      fontFile: string;
      fontSize: number;
      /** #rrggbb */
      color: string;
      alignment: "left" | "center" | "right";
      /** Horizontal extent the lines are aligned within. */
      left: number;
      width: number;
      background: { color: string; opacity: number; padding: number } | null;
      enter: "none" | "fade" | "slide-up";
      exit: "none" | "fade";
      startMs: number;
      durationMs: number;
    };

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
  /**
   * Burned-in captions, or null: a bare file name (relative to ffmpeg's cwd) of an .ass document, and
   * the frames at which what it shows changes (assChangeFrames; the first is 0).
   */
  subtitles: { file: string; changes: number[] } | null;
  /** Scene-relative times (ms) that must start a GOP, so the join can cut there for a transition. */
  keyframesMs?: number[];
  outPath: string;
}

/** The bare file name (in ffmpeg's cwd) a segment render writes its audio's loudness blocks to; see parseLoudnessBlocks. */
export const LOUDNESS_FILE = "loudness.txt";

const SAFE_FILE = /^[A-Za-z0-9_.-]+$/;
const SAFE_PATH = /^[A-Za-z0-9_./-]+$/;
const HEX = /^#[0-9a-fA-F]{6}$/;
/** How long an animated text takes to enter or leave. */
export const TEXT_ANIMATION_MS = 400;

const sec = (ms: number) => (Math.max(0, ms) / 1000).toFixed(3);

/** Samples in one AAC frame; the encoder also puts one frame of priming before the first sample. */
export const AAC_FRAME = 1024;

/** A segment's audio length in samples: its duration, down to whole AAC frames (at least one). */
export function spliceableSamples(durationMs: number): number {
  const samples = Math.round((durationMs * AUDIO_RATE) / 1000);
  return Math.max(AAC_FRAME, Math.floor(samples / AAC_FRAME) * AAC_FRAME);
}

/** The segment's exact length in ms, from its frame count. */
export function planDurationMs(plan: Pick<ScenePlan, "frames" | "params">): number {
  return (plan.frames * 1000) / plan.params.fps;
}

/**
 * ffmpeg arguments rendering one scene to an MP4 segment (H.264 yuv420p + AAC 48 kHz stereo):
 * a background colour, picture layers (video, image, an actor's animated photo, text) fitted into their
 * boxes and overlaid in track order, sounds mixed over silence so every segment has audio of the
 * exact length, optional burned-in subtitles and fades. Pure. No user text appears in the
 * arguments: subtitles, text lines and motion scripts are bare file names resolved against ffmpeg's cwd.
 */
export function buildSceneArgs(plan: ScenePlan): string[] {
  const { width: W, height: H, fps, backgroundColor } = plan.params;
  if (plan.subtitles && !SAFE_FILE.test(plan.subtitles.file)) {
    throw new Error(`subtitles file must be a bare safe file name, got ${JSON.stringify(plan.subtitles.file)}`);
  }
  if (!HEX.test(backgroundColor)) throw new Error(`bad background colour ${backgroundColor}`);
  const dur = planDurationMs(plan);
  const inputs: string[] = [];
  const filters: string[] = [];
  let nextInput = 0;

  // A camera move over the whole frame for every frame of the scene is opaque: it is the background, with no overlay onto
  // a colour. Every frame: the last one starts at (frames - 1) / fps, so a track a few ms short of the scene still covers it.
  const first = plan.layers[0];
  const lastFrameMs = ((plan.frames - 1) * 1000) / fps;
  const opaqueBase =
    first?.kind === "image" &&
    !!first.motion &&
    first.motion !== "static" &&
    !first.box &&
    !first.rotation &&
    first.startMs === 0 &&
    first.durationMs > lastFrameMs;
  if (!opaqueBase) filters.push(`color=c=0x${backgroundColor.slice(1)}:s=${W}x${H}:r=${fps}:d=${sec(dur)},format=yuv420p[bg0]`);
  let k = 0;
  for (const layer of plan.layers) {
    const d = Math.min(layer.durationMs, dur - layer.startMs);
    if (d <= 0) continue;
    const shift = `trim=duration=${sec(d)},setpts=PTS-STARTPTS+${sec(layer.startMs)}/TB`;
    if (layer.kind === "text") {
      filters.push(`[bg${k}]${textFilters(layer, d)}[bg${k + 1}]`);
      k++;
      continue;
    }
    const i = nextInput++;
    let chain: string;
    let overlay = "overlay=x=(W-w)/2:y=(H-h)/2:eof_action=pass";
    if (layer.kind === "actor") {
      ({ chain, overlay } = actorChain(layer, i, d, shift, fps, inputs));
      if (layer.blink) nextInput++;
    } else {
      const box = layer.box;
      const [bw, bh] = box ? [even(box.width), even(box.height)] : [W, H];
      const fit = layer.fit ?? (layer.kind === "image" && layer.motion && layer.motion !== "static" ? "cover" : "contain");
      const fitFilter =
        fit === "cover"
          ? `scale=${bw}:${bh}:force_original_aspect_ratio=increase,crop=${bw}:${bh}`
          : fit === "fill"
            ? `scale=${bw}:${bh}`
            : `scale=${bw}:${bh}:force_original_aspect_ratio=decrease`;
      if (layer.kind === "video") {
        inputs.push(...(layer.loop ? ["-stream_loop", "-1"] : []), "-i", layer.path);
        const hold = layer.loop ? "" : `,tpad=stop_mode=clone:stop_duration=${sec(d)}`;
        chain = `[${i}:v]setpts=PTS-STARTPTS,fps=${fps},${fitFilter},setsar=1${hold},${shift}`;
      } else if (layer.motion && layer.motion !== "static") {
        inputs.push("-i", layer.path);
        const frames = Math.max(1, Math.round((d * fps) / 1000));
        chain = `[${i}:v]${cameraMoveFilter({ move: layer.motion, width: bw, height: bh, fps, frames })},${shift}`;
      } else {
        // Decoded, fitted and converted once, then repeated: a looping image input would decode the file every frame.
        inputs.push("-i", layer.path);
        chain = `[${i}:v]${fitFilter},setsar=1,format=pix_fmts=yuva420p|yuv420p,loop=loop=-1:size=1:start=0,fps=${fps},${shift}`;
      }
      if (layer.rotation) {
        const rad = ((layer.rotation * Math.PI) / 180).toFixed(5);
        chain += `,format=rgba,rotate=a=${rad}:c=none:ow='rotw(${rad})':oh='roth(${rad})'`;
      }
      if (box) {
        // Centre on the box's centre, whatever size fitting or rotation produced.
        const cx = (box.x + box.width / 2).toFixed(1);
        const cy = (box.y + box.height / 2).toFixed(1);
        overlay = `overlay=x=${cx}-w/2:y=${cy}-h/2:eof_action=pass`;
      }
    }
    if (opaqueBase && k === 0) {
      filters.push(`${chain}[bg1]`);
      k++;
      continue;
    }
    filters.push(`${chain}[l${k}]`);
    filters.push(`[bg${k}][l${k}]${overlay}[bg${k + 1}]`);
    k++;
  }

  const changes = plan.subtitles?.changes.filter((n) => Number.isInteger(n) && n >= 0 && n < plan.frames) ?? [];
  if (plan.subtitles && changes.length) {
    filters.push(...captionFilters(plan.subtitles.file, changes, plan.params, sec(dur)));
    filters.push(`[bg${k}][cues]overlay=eof_action=repeat[bg${k + 1}]`);
    k++;
  }
  const video: string[] = [];
  if (plan.fadeInMs > 0) video.push(`fade=t=in:st=0:d=${sec(plan.fadeInMs)}`);
  if (plan.fadeOutMs > 0) video.push(`fade=t=out:st=${sec(dur - plan.fadeOutMs)}:d=${sec(plan.fadeOutMs)}`);
  // The frame count ends the video inside the graph, not with -frames:v: that option closes the whole output
  // when the video is done, and the last ~50 ms of audio still queued in the AAC encoder were lost.
  video.push("format=yuv420p", `trim=end_frame=${plan.frames}`);
  filters.push(`[bg${k}]${video.join(",")}[vout]`);

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
  // Loudness per 100 ms block, written beside the segment: the join computes the whole video's loudness from these
  // instead of decoding every segment's audio again to measure it. ebur128 hands on 100 ms frames; AAC takes 1024 samples.
  audio.push(`ebur128=metadata=1:peak=sample,ametadata=mode=print:file=${LOUDNESS_FILE}`);
  // The audio ends on the last whole AAC frame (at most 21 ms before the video does), so it is whole frames with
  // no encoder padding after its end: the join lays segments' AAC frames end to end (see buildSpliceList).
  audio.push(`atrim=end_sample=${spliceableSamples(dur)},asetnsamples=n=${AAC_FRAME}:p=0`);
  filters.push(`${mixed.join("")}${audio.join(",")}[aout]`);

  const keyframes = (plan.keyframesMs ?? []).filter((t) => t > 0 && t < dur);
  return [
    "-y",
    // The graph's filters run on this thread alone. Slice threads gain nothing here: a render keeps two segments
    // going at once, and x264 has threads of its own. They cost a lot: the camera move's per-frame rescale builds
    // a new scaler for every frame size, once per slice thread. Measured on the bench story's five 720p segments,
    // two at a time, three runs each way: 15.0-17.6 CPU s against 18.3-19.7, and 7.7-9.1 s against 9.5-10.4 s.
    "-filter_complex_threads",
    "1",
    ...inputs,
    "-filter_complex",
    filters.join(";"),
    "-map",
    "[vout]",
    "-map",
    "[aout]",
    ...encoderArgs(plan.params),
    ...(keyframes.length ? ["-force_key_frames", keyframes.map((t) => sec(t)).join(",")] : []),
    "-movflags",
    "+faststart",
    plan.outPath,
  ];
}

/**
 * The captions as a stream of pictures with alpha, one at each frame where they change (input to an
 * overlay, which holds each until the next), instead of libass drawing onto every frame: the
 * subtitles filter blends the glyphs, outlines and shadows anew each frame, a third of a 720p
 * segment's filter time. libass still draws each picture, at the very frame time it would see in
 * the video (the frames picked from a canvas at the segment's rate), once on black and once on
 * white: their difference is the coverage (alpha), and the black one divided by it the colour, so the
 * overlay blends exactly what libass would have blended (libass's own alpha output accumulates a
 * translucent box's alpha wrongly).
 */
function captionFilters(file: string, changes: number[], params: RenderParams, duration: string): string[] {
  const { width: W, height: H, fps } = params;
  const pick = `select='${changes.map((n) => `eq(n,${n})`).join("+")}'`;
  const canvas = (colour: string) => `color=c=${colour}:s=${W}x${H}:r=${fps}:d=${duration},format=gbrp,${pick},subtitles=filename=${file}`;
  return [
    `${canvas("black")},split[cuek1][cuek2]`,
    `${canvas("white")},extractplanes=g[cuewg]`,
    `[cuek2]extractplanes=g[cuekg]`,
    `[cuewg][cuekg]blend=all_mode=difference,negate,split=4[cuea0][cuea1][cuea2][cuea3]`,
    `[cuea0][cuea1][cuea2]mergeplanes=0x001020:gbrp[cueap]`,
    `[cuek1][cueap]blend=all_mode=divide[cuecol]`,
    `[cuecol][cuea3]alphamerge,format=yuva420p[cues]`,
  ];
}

/**
 * Video and audio encoder settings shared by scene segments and transition pieces. Identical
 * settings give identical H.264 parameter sets, which the stream-copy join relies on. No B-frames,
 * so decode order is display order and the join can cut exactly at a forced keyframe.
 */
export function encoderArgs(params: RenderParams): string[] {
  const { fps, preset, crf } = params;
  return [
    "-r",
    String(fps),
    "-c:v",
    "libx264",
    "-preset",
    preset,
    "-crf",
    String(crf),
    "-pix_fmt",
    "yuv420p",
    "-bf",
    "0",
    // A fixed GOP and timescale keep every segment's stream parameters identical for the stream-copy join.
    "-g",
    String(fps * 2),
    "-video_track_timescale",
    String(fps * 1000),
    ...audioEncoderArgs(),
  ];
}

/**
 * AAC settings for segments and the join. The "fast" coder: profiled, ffmpeg's default two-loop
 * search cost half the join's CPU for no audible gain at 160 kb/s; intensity and mid/side stereo
 * searches off: 40% of what remained (50 s of audio: 1.03 s -> 0.61 s), and 160 kb/s carries
 * plain left/right stereo of narration and music transparently.
 */
export function audioEncoderArgs(): string[] {
  return ["-c:a", "aac", "-aac_coder", "fast", "-aac_is", "0", "-aac_ms", "0", "-b:a", AUDIO_BITRATE, "-ar", String(AUDIO_RATE), "-ac", "2"];
}

/** drawtext filters for a text layer: one per line (ffmpeg 5.1 cannot align lines itself). */
function textFilters(layer: Extract<SceneLayer, { kind: "text" }>, d: number): string {
  if (!SAFE_PATH.test(layer.fontFile)) throw new Error(`bad font file ${layer.fontFile}`);
  if (!HEX.test(layer.color) || (layer.background && !HEX.test(layer.background.color))) throw new Error("bad text colour");
  const a = layer.startMs / 1000;
  const b = (layer.startMs + d) / 1000;
  const anim = TEXT_ANIMATION_MS / 1000;
  const alphaParts: string[] = [];
  if (layer.enter !== "none") alphaParts.push(`min(1,(t-${a.toFixed(3)})/${anim})`);
  if (layer.exit === "fade") alphaParts.push(`min(1,(${b.toFixed(3)}-t)/${anim})`);
  const alpha = alphaParts.length === 0 ? "" : `:alpha='max(0,${alphaParts.length === 2 ? `min(${alphaParts.join(",")})` : alphaParts[0]})'`;
  const slide = layer.enter === "slide-up" ? `+${Math.round(layer.fontSize)}*max(0,1-(t-${a.toFixed(3)})/${anim})` : "";
  const x =
    layer.alignment === "left"
      ? `${layer.left}`
      : layer.alignment === "right"
        ? `${layer.left + layer.width}-text_w`
        : `${layer.left}+(${layer.width}-text_w)/2`;
  const bg = layer.background
    ? `:box=1:boxcolor=0x${layer.background.color.slice(1)}@${layer.background.opacity.toFixed(2)}:boxborderw=${Math.round(layer.background.padding)}`
    : "";
  return layer.lines
    .map((line) => {
      if (!SAFE_FILE.test(line.file)) throw new Error(`text file must be a bare safe file name, got ${JSON.stringify(line.file)}`);
      return (
        `drawtext=fontfile=${layer.fontFile}:textfile=${line.file}:expansion=none:fontsize=${Math.round(layer.fontSize)}` +
        `:fontcolor=0x${layer.color.slice(1)}:x='${x}':y='${Math.round(line.y)}${slide}'${bg}${alpha}:enable='between(t,${a.toFixed(3)},${b.toFixed(3)})'`
      );
    })
    .join(",");
}

/**
 * An animated photo's chain: the still, decoded once and repeated (per frame only the overlay and,
 * while the photo moves, a scale of the still's size), a blink patch laid over it at blink times,
 * and its motion script driving scale@actorN and overlay@actorN.
 */
function actorChain(layer: Extract<SceneLayer, { kind: "actor" }>, i: number, d: number, shift: string, fps: number, inputs: string[]) {
  const { box, id } = layer;
  if (layer.motionFile !== null && !SAFE_FILE.test(layer.motionFile)) throw new Error(`bad motion file ${layer.motionFile}`);
  inputs.push("-i", layer.stillPath);
  const still = `format=rgba,loop=loop=-1:size=1:start=0,fps=${fps}`;
  let chain = `[${i}:v]${still}`;
  if (layer.blink) {
    inputs.push("-i", layer.blink.path);
    const windows = layer.blink.atMs
      .filter((t) => t < d)
      .map((t) => `between(t,${sec(t)},${sec(t + layer.blink!.durationMs)})`)
      .join("+");
    chain =
      `[${i + 1}:v]${still}[blink${id}];[${i}:v]${still}[still${id}];` +
      `[still${id}][blink${id}]overlay@blink${id}=x=${layer.blink.x}:y=${layer.blink.y}:format=rgb:enable='${windows || "0"}'`;
  }
  const cmd = layer.motionFile ? `,sendcmd=f=${layer.motionFile}` : "";
  const fade = layer.fadeOutMs > 0 ? `,fade=t=out:st=${sec(layer.startMs + d - layer.fadeOutMs)}:d=${sec(layer.fadeOutMs)}:alpha=1` : "";
  chain += `,${shift}${cmd},scale@actor${id}=w=${box.width}:h=${box.height}:flags=bilinear${fade}`;
  return { chain, overlay: `overlay@actor${id}=x=${box.x}:y=${box.y}:eof_action=pass` };
}

function even(n: number): number {
  return Math.max(2, 2 * Math.round(n / 2));
}
