import { builtinMusicId, builtinMusicPath } from "@/lib/media/music";
import type { VendorCallScope } from "@/lib/providers/jobs";
import { getTalkingHeadProvider, type TalkingHeadProvider } from "@/lib/providers/talking-head/index";
import { LocalTalkingHeadProvider } from "@/lib/providers/talking-head/local";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { resolveTimings } from "@/lib/composition/resolve-timing";
import { parseTimeline, type TimelineInput } from "@/lib/composition/timeline";
import { runFfmpeg } from "@/lib/media/ffmpeg";
import { fileMemo } from "@/lib/media/file-memo";
import pLimit from "p-limit";
import {
  buildConcatList,
  buildCopyJoinArgs,
  buildJoinArgs,
  buildLoudnessArgs,
  buildThumbnailArgs,
  buildTransitionArgs,
  integratedLoudness,
  loudnessFilter,
  buildMusicJoinArgs,
  buildMusicLoudnessArgs,
  buildSpliceList,
  LOUDNESS_I,
  parseLoudness,
  parseLoudnessBlocks,
  PEAK_DBFS,
  type LoudnessBlocks,
} from "./join-args";
import type { CaptionCue } from "./captions";
import { planScene, type PlannedScene } from "./plan-scene";
import { exists, prepareTimeline, type PreparedTimeline, type PrepareTimelineDeps, type TalkingHeadFallback } from "./prepare-timeline";
import { buildSceneArgs, LOUDNESS_FILE, planDurationMs, type RenderParams, type ScenePlan } from "./scene-args";

/** Bump when the segment recipe changes so old cached segments are not reused. */
const RENDER_VERSION = 8;
/** Segments rendered at once by one render. */
const SEGMENT_JOBS = Math.max(1, Math.min(2, os.availableParallelism()));
/** Draft renders are at most this many rows. */
export const DRAFT_MAX_HEIGHT = 540;

export interface RenderTimelineOptions {
  /** Turns a track's opaque `src` into a local file path. */
  resolveAsset: (src: string) => Promise<string>;
  /** Resolves an actor track's `actor` id to a photo and voice; absent: placeholder actors with the default voice. */
  resolveActor?: PrepareTimelineDeps["resolveActor"];
  /** Resolves speakerIds outside the engine's catalogue (cloned voices). */
  resolveVoice?: PrepareTimelineDeps["resolveVoice"];
  /** Speech provider for actor text; defaults to getSpeechProvider(). */
  speech?: PrepareTimelineDeps["speech"];
  /** Scratch space for this render; the caller removes it. */
  workDir: string;
  /** Segments (and synthesized speech) live here across renders, named by content hash. */
  cacheDir: string;
  outPath: string;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  /** Preview quality: at most 540p, x264 ultrafast. Draft segments are never reused by a final render. */
  draft?: boolean;
  /**
   * Who makes actor tracks' talking heads; default: TALKING_HEAD_PROVIDER's provider for a final
   * render, the in-house animated photo for a draft (a vendor's clip is paid for).
   */
  talkingHead?: TalkingHeadProvider;
  /** The workspace's offline fallback for talking heads (see PrepareTimelineDeps' talkingHead.fallback). */
  talkingHeadFallback?: { retry: boolean };
  /** Where the render's vendor calls (a talking head) are recorded. */
  vendorScope?: VendorCallScope;
}

export interface RenderTimelineResult {
  path: string;
  durationMs: number;
  sizeBytes: number;
  thumbnailPath: string;
  /** One per scene; `cached` tells whether the segment was reused. */
  segments: Array<{ path: string; cached: boolean; hash: string }>;
  /** Where each scene sits in the output (ms): the resolved timing, after transition overlaps. */
  scenes: Array<{ startMs: number; durationMs: number }>;
  /** The transition pieces re-encoded at joins (cached like segments). */
  transitions: Array<{ path: string; cached: boolean; hash: string }>;
  /** Every synthesized sentence and where it is heard in the output (ms): exact captions of this video. */
  narration: CaptionCue[];
  /** Talking heads animated in-house because their vendor failed (the offline fallback). */
  talkingHeadFallbacks: TalkingHeadFallback[];
  /** How the join made the audio: the segments' own copied (already at the target loudness), or decoded, levelled and encoded. */
  audioJoin: "copied" | "encoded";
}

/** Encoder settings for a render; part of every segment's cache key. */
export function renderParams(settings: { videoSize: { width: number; height: number }; fps: number; backgroundColor: string }, draft = false): RenderParams {
  let { width, height } = settings.videoSize;
  if (draft && height > DRAFT_MAX_HEIGHT) {
    width = Math.max(16, 2 * Math.round((width * DRAFT_MAX_HEIGHT) / height / 2));
    height = DRAFT_MAX_HEIGHT;
  }
  return {
    width,
    height,
    fps: settings.fps,
    backgroundColor: settings.backgroundColor.toLowerCase(),
    preset: draft ? "ultrafast" : "veryfast",
    crf: draft ? 30 : 21,
  };
}

/** What renderSegments needs: the renderTimeline options that concern segments. */
export type RenderSegmentsOptions = Omit<RenderTimelineOptions, "outPath">;

export interface RenderedSegments {
  params: RenderParams;
  prepared: PreparedTimeline;
  resolved: ReturnType<typeof resolveTimings>;
  plans: PlannedScene[];
  /** Per scene, the overlap (ms, whole frames) with the next scene's transition. */
  overlap: number[];
  segments: RenderTimelineResult["segments"];
}

/**
 * Renders every scene of a timeline to a segment in `cacheDir`, named by a content hash of its
 * spec, inputs and encoder settings; a segment already there is reused. A scene whose neighbours
 * have no transition depends on nothing else, so a one-scene timeline of it renders the very
 * segment a whole timeline with it would (the story pipeline renders each scene in its own job
 * this way, and the stitch then finds them all cached).
 */
export async function renderSegments(input: TimelineInput, opts: RenderSegmentsOptions): Promise<RenderedSegments> {
  const planned = await planSegments(input, opts);
  const work = scheduler();
  for (const i of planned.plans.keys()) void work.run(() => planned.render(i));
  await work.settle();
  return planned.result();
}

/** A timeline planned scene by scene; `render(i)` renders (or finds) scene i's segment. */
async function planSegments(input: TimelineInput, opts: RenderSegmentsOptions) {
  const { signal } = opts;
  const timeline = parseTimeline(input);
  const params = renderParams(timeline.settings, opts.draft);
  const scale = params.width / timeline.settings.videoSize.width;
  await fs.mkdir(opts.cacheDir, { recursive: true });
  await fs.mkdir(opts.workDir, { recursive: true });

  const prepared = await prepareTimeline(timeline, {
    resolveAsset: opts.resolveAsset,
    resolveActor: opts.resolveActor,
    resolveVoice: opts.resolveVoice,
    speech: opts.speech,
    cacheDir: opts.cacheDir,
    signal,
    talkingHead: {
      provider: opts.talkingHead ?? (opts.draft ? new LocalTalkingHeadProvider() : getTalkingHeadProvider()),
      size: timeline.settings.videoSize,
      scope: opts.vendorScope,
      fallback: opts.talkingHeadFallback !== undefined,
      retryFallback: opts.talkingHeadFallback?.retry,
    },
  });
  const resolved = resolveTimings(timeline, prepared.intrinsic);
  const frameMs = 1000 / params.fps;
  // Overlaps snap to whole frames so the cuts land exactly on forced keyframes.
  const overlap = resolved.scenes.map((s) => Math.round(s.overlapMs / frameMs) * frameMs);

  const plans: PlannedScene[] = [];
  for (const [i, scene] of resolved.scenes.entries()) {
    const prev = resolved.scenes[i - 1]?.scene.transition;
    const own = scene.scene.transition;
    const sceneDir = path.join(opts.workDir, `scene-${i}`);
    await fs.mkdir(sceneDir, { recursive: true });
    const frames = Math.max(1, Math.round((scene.durationMs * params.fps) / 1000));
    const headMs = i > 0 ? overlap[i - 1] : 0;
    const tailMs = overlap[i];
    plans.push(
      await planScene({
        scene,
        prepared: prepared.tracks[i],
        params,
        scale,
        fadeInMs: prev?.type === "fade" ? Math.round(prev.duration / 2) : 0,
        fadeOutMs: own?.type === "fade" ? Math.round(own.duration / 2) : 0,
        keyframesMs: [headMs, tailMs > 0 ? frames * frameMs - tailMs : 0].filter((t) => t > 0),
        workDir: sceneDir,
        cacheDir: opts.cacheDir,
        signal,
      }),
    );
  }
  const totalFrames = plans.reduce((a, p) => a + p.plan.frames, 0);
  const framesDone = plans.map(() => 0);
  const report = () => opts.onProgress?.(Math.min(1, framesDone.reduce((a, b) => a + b, 0) / totalFrames));

  const segments: RenderTimelineResult["segments"] = new Array<RenderTimelineResult["segments"][number]>(plans.length);
  // A segment's filter graph runs on one thread, so the caller renders two at a time to keep the other core busy.
  const render = async (i: number) => {
    const { plan, files } = plans[i];
    signal?.throwIfAborted();
    const hash = await segmentHash(plan, files, !!opts.draft);
    const target = path.join(opts.cacheDir, `${hash}.mp4`);
    if (await exists(target)) {
      segments[i] = { path: target, cached: true, hash };
    } else {
      const sceneDir = path.join(opts.workDir, `scene-${i}`);
      for (const [name, content] of Object.entries(files)) await fs.writeFile(path.join(sceneDir, name), content);
      await cachedFfmpeg(target, opts.cacheDir, hash, async (partial) => {
        await runFfmpeg(buildSceneArgs({ ...plan, outPath: partial }), {
          signal,
          cwd: sceneDir,
          onProgress: (ms) => ((framesDone[i] = Math.min(plan.frames, ms / frameMs)), report()),
        });
        // Before the segment itself appears: a cached segment always has its loudness beside it.
        const blocks = parseLoudnessBlocks(await fs.readFile(path.join(sceneDir, LOUDNESS_FILE), "utf8"));
        await fs.writeFile(loudnessPath(opts.cacheDir, hash), JSON.stringify(blocks));
      });
      segments[i] = { path: target, cached: false, hash };
    }
    framesDone[i] = plan.frames;
    report();
    return segments[i];
  };
  return {
    settings: timeline.settings,
    params,
    prepared,
    resolved,
    plans,
    overlap,
    render,
    result: (): RenderedSegments => ({ params, prepared, resolved, plans, overlap, segments }),
  };
}

/**
 * Renders a timeline to one MP4. Each scene becomes a cached segment (renderSegments); scenes
 * joined by an xfade transition get a short re-encoded transition piece, and everything is joined
 * with a stream copy of the video (cut at forced keyframes around transitions). The audio is
 * loudness-normalised in the join. Also writes a JPEG thumbnail from the middle of the first
 * scene next to `outPath`. Bad input throws TimelineValidationError with the path of the offending field.
 */
export async function renderTimeline(input: TimelineInput, opts: RenderTimelineOptions): Promise<RenderTimelineResult> {
  const { signal } = opts;
  // Segments are most of the work; the transitions and the join (audio re-encode over a stream copy) are the rest.
  const SEGMENT_SHARE = 0.85;
  const planned = await planSegments(input, { ...opts, onProgress: opts.onProgress && ((f) => opts.onProgress!(f * SEGMENT_SHARE)) });
  const { params, prepared, resolved, plans, overlap } = planned;
  const report = (joinFraction: number) => opts.onProgress?.(SEGMENT_SHARE + (1 - SEGMENT_SHARE) * Math.min(1, joinFraction));

  // Only the joins with an xfade are re-encoded, into a short piece cut from the two cached segments. Each piece starts
  // as soon as both its segments exist, sharing the render slots with the segments still rendering.
  const work = scheduler();
  const segmentDone = plans.map((_, i) => work.run(() => planned.render(i)));
  const transitionDone = plans.map((_, i) =>
    overlap[i] > 0
      ? work.after([segmentDone[i], segmentDone[i + 1]], ([from, to]) => {
          const fromDurationMs = planDurationMs(plans[i].plan);
          const type = resolved.scenes[i].scene.transition!.type;
          return renderTransition({ from, to, fromDurationMs, durationMs: overlap[i], type, params, cacheDir: opts.cacheDir, signal });
        })
      : null,
  );
  await work.settle();
  const segments = await Promise.all(segmentDone);
  const transitions = await Promise.all(transitionDone.filter((t) => t !== null));

  const pieces: Array<{ path: string; durationMs: number; inpointMs?: number; outpointMs?: number; hash?: string }> = [];
  for (const [i, seg] of segments.entries()) {
    const len = planDurationMs(plans[i].plan);
    const headMs = i > 0 ? overlap[i - 1] : 0;
    const tailMs = overlap[i];
    const piece = { path: path.resolve(seg.path), durationMs: len, hash: seg.hash };
    pieces.push(headMs || tailMs ? { ...piece, inpointMs: headMs, outpointMs: len - tailMs } : piece);
    const transition = await transitionDone[i];
    if (transition) pieces.push({ path: path.resolve(transition.path), durationMs: tailMs });
  }

  signal?.throwIfAborted();
  const listPath = path.join(opts.workDir, "segments.txt");
  await fs.writeFile(listPath, buildConcatList(pieces));
  await fs.mkdir(path.dirname(opts.outPath), { recursive: true });
  const totalMs = pieces.reduce((a, p) => a + (p.outpointMs ?? p.durationMs) - (p.inpointMs ?? 0), 0);
  // The thumbnail comes from the first segment, so it is taken while the join runs, and kept beside the
  // segment: a render whose first scene did not change (an edit of a later one, a batch of alike rows) copies it.
  const thumbnailPath = opts.outPath.replace(/\.[^./]+$/, "") + "-thumb.jpg";
  // The middle of the first scene, but never past its last frame's start: a one-frame scene has its frame at 0.
  const firstMs = planDurationMs(plans[0].plan);
  const thumbAtMs = Math.max(0, Math.min(firstMs / 2, firstMs - 1000 / params.fps));
  const thumbnail = (async () => {
    const thumbHash = `${segments[0].hash}-thumb-${thumbAtMs}`;
    const cachedThumb = path.join(opts.cacheDir, `${thumbHash}.jpg`);
    if (!(await exists(cachedThumb))) {
      await cachedFfmpeg(cachedThumb, opts.cacheDir, thumbHash, async (partial) => {
        await runFfmpeg(buildThumbnailArgs(segments[0].path, thumbAtMs, partial), { signal });
        // ffmpeg exits 0 when the seek finds no frame; say so here rather than fail later on a missing file.
        if (!(await exists(partial))) throw new Error(`no frame at ${(thumbAtMs / 1000).toFixed(3)} s of the first scene for the thumbnail`);
      });
    }
    await fs.copyFile(cachedThumb, thumbnailPath);
  })();
  const music = planned.settings.music;
  const join = (async () => {
    const onProgress = (ms: number) => report(Math.min(ms, totalMs) / totalMs);
    if (music) {
      // The bed changes the loudness the segments recorded: the mix is measured (audio only), then made.
      const bed = { path: await musicPath(music.src, opts.resolveAsset), volume: music.volume, duck: music.duck };
      let stderr = "";
      await runFfmpeg(buildMusicLoudnessArgs(listPath, bed, totalMs), { signal, onStderr: (chunk) => void (stderr = (stderr + chunk).slice(-8192)) });
      await runFfmpeg(buildMusicJoinArgs(listPath, opts.outPath, bed, totalMs, loudnessFilter(parseLoudness(stderr))), { signal, onProgress });
      return "encoded" as const;
    }
    const records = await Promise.all(pieces.map((p) => (p.hash ? readLoudness(opts.cacheDir, p.hash) : Promise.resolve(null))));
    const loudness = await joinedLoudness(pieces, records, listPath, signal);
    const splice = overlap.every((ms) => ms === 0) ? buildSpliceList(pieces) : null;
    if (splice && records.every((r) => r !== null) && copiesAsIs(loudness, records)) {
      // The audio is at the target already: the segments' AAC frames are laid end to end beside their pictures, nothing is encoded.
      const audioList = path.join(opts.workDir, "splice-audio.txt");
      await fs.writeFile(audioList, splice);
      await runFfmpeg(buildCopyJoinArgs(listPath, audioList, opts.outPath), { signal, onProgress });
      return "copied" as const;
    }
    await runFfmpeg(buildJoinArgs(listPath, opts.outPath, loudnessFilter(loudness)), { signal, onProgress });
    return "encoded" as const;
  })();
  const [joined, thumbed] = await Promise.allSettled([join, thumbnail]);
  if (joined.status === "rejected") throw joined.reason;
  if (thumbed.status === "rejected") throw thumbed.reason;

  // The video is the timeline's frames exactly. No probe: a probe reads the file ~22 ms longer, the AAC
  // encoder's padding after the last sample, and costs a process start (~0.1 s) on every render.
  const { size: sizeBytes } = await fs.stat(opts.outPath);
  opts.onProgress?.(1);
  let at = 0;
  const scenes = plans.map(({ plan }, i) => {
    const placed = { startMs: at, durationMs: planDurationMs(plan) };
    at += placed.durationMs - overlap[i];
    return placed;
  });
  const narration = narrationOf(resolved, prepared, scenes, totalMs);
  const { talkingHeadFallbacks } = prepared;
  return {
    path: opts.outPath,
    durationMs: totalMs,
    sizeBytes,
    thumbnailPath,
    segments,
    scenes,
    transitions,
    narration,
    talkingHeadFallbacks,
    audioJoin: joined.value,
  };
}

/**
 * The sentences the speech provider synthesized, placed where the render put them: each scene's
 * place in the output, plus the speaking track's start in its scene; a sentence cut by the
 * track's or scene's end ends there. In time order.
 */
export function narrationOf(
  resolved: RenderedSegments["resolved"],
  prepared: PreparedTimeline,
  placed: Array<{ startMs: number; durationMs: number }>,
  totalMs: number,
): CaptionCue[] {
  const cues: CaptionCue[] = [];
  for (const [i, scene] of resolved.scenes.entries()) {
    for (const t of scene.tracks) {
      const speech = prepared.tracks[i]?.[t.index]?.speech;
      if (!speech?.segments.length || t.durationMs <= 0) continue;
      const trackEnd = Math.min(t.startMs + t.durationMs, scene.durationMs);
      for (const seg of speech.segments) {
        const startMs = placed[i].startMs + t.startMs + seg.startMs;
        const endMs = Math.min(placed[i].startMs + Math.min(t.startMs + seg.endMs, trackEnd), totalMs);
        if (endMs > startMs) cues.push({ text: seg.text, startMs, endMs });
      }
    }
  }
  return cues.sort((a, b) => a.startMs - b.startMs);
}

/** The cached xfade piece between two segments (see buildTransitionArgs), rendered when missing. */
async function renderTransition(opts: {
  from: { path: string; hash: string };
  to: { path: string; hash: string };
  fromDurationMs: number;
  durationMs: number;
  type: string;
  params: RenderParams;
  cacheDir: string;
  signal?: AbortSignal;
}): Promise<RenderTimelineResult["transitions"][number]> {
  const { from, to, type, params } = opts;
  const hash = createHash("sha256")
    .update(JSON.stringify({ v: RENDER_VERSION, from: from.hash, to: to.hash, type, tailMs: opts.durationMs, params }))
    .digest("hex");
  const target = path.join(opts.cacheDir, `${hash}.mp4`);
  const cached = await exists(target);
  if (!cached) {
    opts.signal?.throwIfAborted();
    await cachedFfmpeg(target, opts.cacheDir, hash, (partial) =>
      runFfmpeg(
        buildTransitionArgs({
          fromPath: from.path,
          fromDurationMs: opts.fromDurationMs,
          toPath: to.path,
          durationMs: opts.durationMs,
          type,
          params,
          outPath: partial,
        }),
        { signal: opts.signal },
      ),
    );
  }
  return { path: target, cached, hash };
}

/**
 * The joined audio's loudness, from the blocks each segment recorded while it rendered (cut to the
 * part of it the join uses; the short transition pieces are left out). Measured from the joined
 * audio itself only when a segment has no record.
 */
async function joinedLoudness(
  pieces: Array<{ hash?: string; inpointMs?: number; outpointMs?: number }>,
  records: Array<LoudnessBlocks | null>,
  listPath: string,
  signal?: AbortSignal,
) {
  const parts: LoudnessBlocks[] = [];
  for (const [i, piece] of pieces.entries()) {
    if (!piece.hash) continue;
    const recorded = records[i];
    if (!recorded) {
      let stderr = "";
      await runFfmpeg(buildLoudnessArgs(listPath), { signal, onStderr: (chunk) => void (stderr = (stderr + chunk).slice(-8192)) });
      return parseLoudness(stderr);
    }
    const from = (piece.inpointMs ?? 0) / BLOCK_MS;
    const to = piece.outpointMs === undefined ? Infinity : piece.outpointMs / BLOCK_MS;
    parts.push({ blocks: recorded.blocks.filter((_, k) => k >= from && k < to), peak: recorded.peak });
  }
  return integratedLoudness(parts);
}

/**
 * Whether segments joined by buildSpliceList need nothing done to their audio: together (`whole`)
 * within COPY_TOLERANCE_LU of the target loudness (or silent) with the sample peak under the limit,
 * and every segment but the last quiet at its end, where the next one's priming frame replaces its
 * last few ms. Narration levelled when it was spoken (levelSpeech) mixes to this.
 */
function copiesAsIs(whole: { integratedLufs: number; peakDbfs: number } | null, records: LoudnessBlocks[]): boolean {
  if (whole && (Math.abs(whole.integratedLufs - LOUDNESS_I) > COPY_TOLERANCE_LU || whole.peakDbfs > PEAK_DBFS)) return false;
  return records.slice(0, -1).every((r) => r.blocks.length > 0 && r.blocks[r.blocks.length - 1] < QUIET_END_LUFS);
}

/** How far from LOUDNESS_I a join may leave the audio rather than encode it again (EBU R 128 allows 0.5 LU for files). */
const COPY_TOLERANCE_LU = 0.5;
/** A segment's last 400 ms (its last momentary block) below this is silence as far as a splice can tell. */
const QUIET_END_LUFS = -50;

/** A music bed's file: a built-in track (synthesized on first use) or the caller's asset. */
function musicPath(src: string, resolveAsset: (src: string) => Promise<string>): Promise<string> {
  const builtin = builtinMusicId(src);
  return builtin ? builtinMusicPath(builtin) : resolveAsset(src);
}

/** ebur128's metadata step: one momentary-loudness block every 100 ms. */
const BLOCK_MS = 100;

const loudnessPath = (cacheDir: string, hash: string) => path.join(cacheDir, `${hash}.loudness.json`);

async function readLoudness(cacheDir: string, hash: string): Promise<LoudnessBlocks | null> {
  try {
    const json = JSON.parse(await fs.readFile(loudnessPath(cacheDir, hash), "utf8")) as { blocks?: unknown; peak?: unknown };
    if (!Array.isArray(json.blocks) || typeof json.peak !== "number") return null;
    // JSON writes a silent block's -Infinity as null; read as a number, null would be a block at 0 LUFS.
    return { blocks: json.blocks.map((b) => (typeof b === "number" ? b : -Infinity)), peak: json.peak };
  } catch {
    return null;
  }
}

/**
 * Runs render steps SEGMENT_JOBS at a time, in the order they are asked for; a step given with
 * `after` is asked for once the steps it needs are done. After a failure, steps not yet started
 * are skipped; `settle` waits for the running ones (no ffmpeg outlives the render) and rethrows.
 */
function scheduler() {
  const limit = pLimit(SEGMENT_JOBS);
  let failure: { error: unknown } | null = null;
  const all: Array<Promise<unknown>> = [];
  const run = <T>(fn: () => Promise<T>): Promise<T> => {
    const p = limit(async () => {
      if (failure) throw failure.error;
      try {
        return await fn();
      } catch (error) {
        failure ??= { error };
        throw error;
      }
    });
    all.push(p);
    return p;
  };
  const after = <D extends unknown[], T>(deps: { [K in keyof D]: Promise<D[K]> }, fn: (done: D) => Promise<T>): Promise<T> => {
    const p = Promise.all(deps).then((done) => run(() => fn(done as D)));
    all.push(p);
    return p;
  };
  const settle = async () => {
    for (let n = -1; n !== all.length;) {
      n = all.length;
      await Promise.allSettled(all);
    }
    if (failure) throw failure.error;
  };
  return { run, after, settle };
}

/** Runs `make` into a unique partial file then renames it, so a concurrent render never reads half a file. */
async function cachedFfmpeg(target: string, cacheDir: string, hash: string, make: (partial: string) => Promise<void>) {
  // The target's extension last: ffmpeg picks the output format by it.
  const partial = path.join(cacheDir, `${hash}.${process.pid}.${Date.now()}.partial${path.extname(target)}`);
  try {
    await make(partial);
    await fs.rename(partial, target);
  } finally {
    await fs.rm(partial, { force: true });
  }
}

/** sha256 over the plan with every input path replaced by its content hash, plus the files it reads and the mode. */
async function segmentHash(plan: Omit<ScenePlan, "outPath">, files: Record<string, string>, draft: boolean): Promise<string> {
  const layers = await Promise.all(
    plan.layers.map(async (l) =>
      l.kind === "video" || l.kind === "image"
        ? { ...l, path: await contentHash(l.path) }
        : l.kind === "actor"
          ? { ...l, stillPath: await contentHash(l.stillPath), blink: l.blink && { ...l.blink, path: await contentHash(l.blink.path) } }
          : l,
    ),
  );
  const sounds = await Promise.all(plan.sounds.map(async (s) => ({ ...s, path: await contentHash(s.path) })));
  const key = JSON.stringify({ v: RENDER_VERSION, draft, ...plan, layers, sounds, files });
  return createHash("sha256").update(key).digest("hex");
}

const contentHashes = fileMemo<string>(4096);

/** sha256 of a file's bytes, memoised by path + size + mtime so unchanged inputs are read once per process. */
function contentHash(file: string): Promise<string> {
  return contentHashes(file, null, async () => {
    const hash = createHash("sha256");
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
    return hash.digest("hex");
  });
}
