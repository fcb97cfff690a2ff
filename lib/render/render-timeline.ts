import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { resolveTimings, type ResolvedScene } from "@/lib/composition/resolve-timing";
import { timelineSchema, type TimelineInput } from "@/lib/composition/timeline";
import { probe, runFfmpeg } from "@/lib/media/ffmpeg";
import { buildAssSubtitles, type AssEvent } from "./ass";
import { buildConcatList, buildJoinArgs, buildThumbnailArgs } from "./join-args";
import { buildSceneArgs, planDurationMs, type RenderParams, type ScenePlan, type SceneLayer, type SceneSound } from "./scene-args";

/** Bump when the segment recipe changes so old cached segments are not reused. */
const RENDER_VERSION = 1;
const SUBTITLES_FILE = "captions.ass";

export interface RenderTimelineOptions {
  /** Turns a track's opaque `src` into a local file path. */
  resolveAsset: (src: string) => Promise<string>;
  /** Scratch space for this render; the caller removes it. */
  workDir: string;
  /** Segments live here across renders, named by content hash. */
  cacheDir: string;
  outPath: string;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  /** Faster, lower-quality encode for previews. */
  draft?: boolean;
}

export interface RenderTimelineResult {
  path: string;
  durationMs: number;
  sizeBytes: number;
  thumbnailPath: string;
  segments: Array<{ path: string; cached: boolean; hash: string }>;
}

interface MediaInfo {
  path: string;
  durationMs: number | null;
  hasAudio: boolean;
}

/** Encoder settings for a render; part of every segment's cache key. */
export function renderParams(settings: { videoSize: { width: number; height: number }; fps: number; backgroundColor: string }, draft = false): RenderParams {
  return {
    width: settings.videoSize.width,
    height: settings.videoSize.height,
    fps: settings.fps,
    backgroundColor: settings.backgroundColor.toLowerCase(),
    preset: draft ? "ultrafast" : "veryfast",
    crf: draft ? 30 : 21,
  };
}

/**
 * Renders a timeline to one MP4: each scene becomes a cached segment (reused when its spec,
 * inputs' content and encoder settings are unchanged), the segments are joined with a stream
 * copy of the video, and the audio is loudness-normalised in that final pass. Also writes a
 * JPEG thumbnail from the middle of the first scene next to `outPath`.
 */
export async function renderTimeline(input: TimelineInput, opts: RenderTimelineOptions): Promise<RenderTimelineResult> {
  const { signal } = opts;
  const timeline = timelineSchema.parse(input);
  const params = renderParams(timeline.settings, opts.draft);

  const srcs = new Set(timeline.scenes.flatMap((s) => s.tracks.flatMap((t) => ("src" in t ? [t.src] : []))));
  const media = new Map<string, MediaInfo>();
  for (const src of srcs) {
    const file = await opts.resolveAsset(src);
    media.set(src, await describe(file));
  }
  const resolved = resolveTimings(timeline, new Map([...media].map(([src, m]) => [src, m.durationMs])));

  const plans = resolved.scenes.map((scene, i) => planScene(scene, i, resolved.scenes, params, media));
  const totalFrames = plans.reduce((a, p) => a + p.plan.frames, 0);
  const joinWeight = totalFrames * 0.2;
  let doneFrames = 0;
  const report = (extra: number) => opts.onProgress?.(Math.min(1, (doneFrames + extra) / (totalFrames + joinWeight)));

  await fs.mkdir(opts.cacheDir, { recursive: true });
  await fs.mkdir(opts.workDir, { recursive: true });
  const segments: RenderTimelineResult["segments"] = [];
  for (const [i, { plan, ass }] of plans.entries()) {
    signal?.throwIfAborted();
    const hash = await segmentHash(plan, ass);
    const target = path.join(opts.cacheDir, `${hash}.mp4`);
    if (await exists(target)) {
      segments.push({ path: target, cached: true, hash });
    } else {
      const sceneDir = path.join(opts.workDir, `scene-${i}`);
      await fs.mkdir(sceneDir, { recursive: true });
      if (ass) await fs.writeFile(path.join(sceneDir, SUBTITLES_FILE), ass);
      // Written under a unique name then renamed, so a concurrent render never reads half a segment.
      const partial = path.join(opts.cacheDir, `${hash}.${process.pid}.${Date.now()}.partial.mp4`);
      const frameMs = 1000 / params.fps;
      try {
        await runFfmpeg(buildSceneArgs({ ...plan, outPath: partial }), {
          signal,
          cwd: sceneDir,
          onProgress: (ms) => report(Math.min(plan.frames, ms / frameMs)),
        });
        await fs.rename(partial, target);
      } finally {
        await fs.rm(partial, { force: true });
      }
      segments.push({ path: target, cached: false, hash });
    }
    doneFrames += plan.frames;
    report(0);
  }

  signal?.throwIfAborted();
  const listPath = path.join(opts.workDir, "segments.txt");
  await fs.writeFile(listPath, buildConcatList(segments.map((s, i) => ({ path: path.resolve(s.path), durationMs: planDurationMs(plans[i].plan) }))));
  await fs.mkdir(path.dirname(opts.outPath), { recursive: true });
  const totalMs = (totalFrames * 1000) / params.fps;
  await runFfmpeg(buildJoinArgs(listPath, opts.outPath), {
    signal,
    onProgress: (ms) => report((Math.min(ms, totalMs) / totalMs) * joinWeight),
  });

  const thumbnailPath = opts.outPath.replace(/\.[^./]+$/, "") + "-thumb.jpg";
  await runFfmpeg(buildThumbnailArgs(opts.outPath, planDurationMs(plans[0].plan) / 2, thumbnailPath), { signal });
  const info = await probe(opts.outPath);
  opts.onProgress?.(1);
  return { path: opts.outPath, durationMs: info.durationMs, sizeBytes: info.sizeBytes, thumbnailPath, segments };
}

/** Turns one resolved scene into a segment plan plus the .ass document its text needs (or null). */
function planScene(scene: ResolvedScene, index: number, all: ResolvedScene[], params: RenderParams, media: Map<string, MediaInfo>) {
  const frames = Math.max(1, Math.round((scene.durationMs * params.fps) / 1000));
  const layers: SceneLayer[] = [];
  const sounds: SceneSound[] = [];
  const events: AssEvent[] = [];
  for (const { track, startMs, durationMs } of scene.tracks) {
    if (track.type === "video") {
      const m = media.get(track.src)!;
      layers.push({ kind: "video", path: m.path, loop: !!track.loop, startMs, durationMs });
      const volume = track.volume ?? 1;
      if (m.hasAudio && volume > 0) sounds.push({ path: m.path, loop: !!track.loop, startMs, durationMs, volume });
    } else if (track.type === "image") {
      layers.push({ kind: "image", path: media.get(track.src)!.path, motion: track.motion ?? null, startMs, durationMs });
    } else if (track.type === "audio") {
      const volume = track.volume ?? 1;
      if (volume > 0) sounds.push({ path: media.get(track.src)!.path, loop: false, startMs, durationMs, volume });
    } else if (track.type === "captions") {
      const style = track.style?.position === "center" ? "caption-center" : "caption-bottom";
      for (const seg of track.segments) {
        const start = startMs + seg.startMs;
        const end = Math.min(startMs + durationMs, startMs + seg.endMs);
        if (end > start) events.push({ text: seg.text, startMs: start, endMs: end, style, fontSize: track.style?.fontSize });
      }
    } else {
      events.push({ text: track.text, startMs, endMs: startMs + durationMs, style: "title", fontSize: track.fontSize, color: track.color });
    }
  }
  const prev = all[index - 1]?.scene.transition;
  const own = scene.scene.transition;
  const plan: Omit<ScenePlan, "outPath"> = {
    params,
    frames,
    fadeInMs: prev?.type === "fade" ? Math.round(prev.duration / 2) : 0,
    fadeOutMs: own?.type === "fade" ? Math.round(own.duration / 2) : 0,
    layers,
    sounds,
    subtitlesFile: events.length ? SUBTITLES_FILE : null,
  };
  return { plan, ass: events.length ? buildAssSubtitles(params.width, params.height, events) : null };
}

/** sha256 over the plan with every input path replaced by its content hash, plus the subtitles text. */
async function segmentHash(plan: Omit<ScenePlan, "outPath">, ass: string | null): Promise<string> {
  const layers = await Promise.all(plan.layers.map(async (l) => ({ ...l, path: await contentHash(l.path) })));
  const sounds = await Promise.all(plan.sounds.map(async (s) => ({ ...s, path: await contentHash(s.path) })));
  const key = JSON.stringify({ v: RENDER_VERSION, ...plan, layers, sounds, ass });
  return createHash("sha256").update(key).digest("hex");
}

const contentHashes = new Map<string, string>();

/** sha256 of a file's bytes, memoised by path + size + mtime so unchanged inputs are read once per process. */
async function contentHash(file: string): Promise<string> {
  const st = await fs.stat(file);
  const memoKey = `${file}\u0000${st.size}\u0000${st.mtimeMs}`;
  const hit = contentHashes.get(memoKey);
  if (hit) return hit;
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  const digest = hash.digest("hex");
  contentHashes.set(memoKey, digest);
  return digest;
}

async function describe(file: string): Promise<MediaInfo> {
  const info = await probe(file);
  const hasVideoOrAudio = info.streams.some((s) => s.codecType === "audio" || s.codecType === "video");
  if (!hasVideoOrAudio) throw new Error(`${path.basename(file)} has no audio or video stream`);
  // Still images report a zero or one-frame duration; only real media has a length of its own.
  const isStill = info.streams.every((s) => s.codecType === "video") && ["png_pipe", "jpeg_pipe", "webp_pipe", "image2"].includes(info.formatName);
  return {
    path: file,
    durationMs: isStill || info.durationMs <= 0 ? null : info.durationMs,
    hasAudio: info.streams.some((s) => s.codecType === "audio"),
  };
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.access(p);
    return true;
  } catch {
    return false;
  }
}
