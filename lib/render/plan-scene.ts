import type { ResolvedScene } from "@/lib/composition/resolve-timing";
import { textLayout, trackBox } from "@/lib/composition/layout";
import type { ActorTrack, TextTrack } from "@/lib/composition/timeline";
import { assChangeFrames, buildAssSubtitles, type AssEvent } from "./ass";
import { parseSrt } from "./captions";
import type { PreparedTrack } from "./prepare-timeline";
import { ACTOR_FADE_MS, actorMotionScript, actorPoses, BLINK_MS, blinkTimes, speechLevels } from "./actor-motion";
import { renderActorStill } from "./actor-still";
import type { RenderParams, ScenePlan, SceneLayer, SceneSound } from "./scene-args";

export const SUBTITLES_FILE = "captions.ass";
const FONT_DIR = process.env.FONT_DIR?.trim() || "/usr/share/fonts/truetype/dejavu";
const FONTS: Record<string, string> = {
  "dejavu sans": "DejaVuSans.ttf",
  "dejavu sans bold": "DejaVuSans-Bold.ttf",
  "dejavu serif": "DejaVuSerif.ttf",
  "dejavu serif bold": "DejaVuSerif-Bold.ttf",
  "dejavu sans mono": "DejaVuSansMono.ttf",
  sans: "DejaVuSans.ttf",
  serif: "DejaVuSerif.ttf",
  mono: "DejaVuSansMono.ttf",
};

/** A font name from a text track mapped to an installed file; unknown names get the default sans. */
export function fontFileFor(font: string | undefined): string {
  return `${FONT_DIR}/${FONTS[(font ?? "").trim().toLowerCase()] ?? "DejaVuSans.ttf"}`;
}

export interface PlannedScene {
  plan: Omit<ScenePlan, "outPath">;
  /** Files ffmpeg reads from the scene's working directory (bare name -> content). */
  files: Record<string, string>;
}

/**
 * One resolved scene -> a segment plan and the small files it reads (subtitles, text lines,
 * animated photos' motion scripts). `scale` maps timeline pixels to output pixels (draft renders are smaller).
 */
export async function planScene(opts: {
  scene: ResolvedScene;
  prepared: PreparedTrack[];
  params: RenderParams;
  scale: number;
  fadeInMs: number;
  fadeOutMs: number;
  keyframesMs: number[];
  workDir: string;
  /** Where actors' stills are made once and kept across renders. */
  cacheDir: string;
  signal?: AbortSignal;
}): Promise<PlannedScene> {
  const { scene, prepared, params, scale } = opts;
  const frames = Math.max(1, Math.round((scene.durationMs * params.fps) / 1000));
  const layers: SceneLayer[] = [];
  const sounds: SceneSound[] = [];
  const events: AssEvent[] = [];
  const files: Record<string, string> = {};
  const px = (n: number) => Math.round(n * scale);
  const boxOf = (t: Parameters<typeof trackBox>[0]) => trackBox(t, params, scale) ?? undefined;

  for (const { track, index, startMs, durationMs } of scene.tracks) {
    const prep = prepared[index] ?? {};
    if (durationMs <= 0) continue;
    if (track.type === "video") {
      const m = prep.media!;
      layers.push({
        kind: "video",
        path: m.path,
        loop: !!track.loop,
        startMs,
        durationMs,
        box: boxOf(track),
        rotation: track.rotation,
        ...(track.size ? { fit: "contain" as const } : {}),
      });
      const volume = track.volume ?? 1;
      if (m.hasAudio && volume > 0) sounds.push({ path: m.path, loop: !!track.loop, startMs, durationMs, volume });
    } else if (track.type === "image") {
      layers.push({
        kind: "image",
        path: prep.media!.path,
        motion: track.motion ?? null,
        startMs,
        durationMs,
        box: boxOf(track),
        fit: track.fit,
        rotation: track.rotation,
      });
    } else if (track.type === "audio") {
      const volume = track.volume ?? 1;
      if (volume > 0) sounds.push({ path: prep.media!.path, loop: false, startMs, durationMs, volume });
    } else if (track.type === "actor" && prep.clip) {
      // A vendor's lip-synced clip in the track's box; the narration is heard from its own file, as with the animated photo.
      layers.push({ kind: "video", path: prep.clip.path, loop: false, startMs, durationMs, box: boxOf(track), fit: "contain" });
      const volume = track.volume ?? 1;
      if (prep.speech && volume > 0) sounds.push({ path: prep.speech.path, loop: false, startMs, durationMs, volume });
    } else if (track.type === "actor") {
      const layer = await actorLayer({ ...opts, track, prep, id: layers.length, startMs, durationMs, box: boxOf(track) });
      layers.push(layer.layer);
      files[layer.layer.motionFile!] = layer.script;
      const volume = track.volume ?? 1;
      if (prep.speech && volume > 0) sounds.push({ path: prep.speech.path, loop: false, startMs, durationMs, volume });
    } else if (track.type === "captions") {
      const style = track.style?.position === "center" ? "caption-center" : track.style?.position === "top" ? "caption-top" : "caption-bottom";
      let segments = track.segments ?? (track.srt !== undefined ? parseSrt(track.srt) : []);
      let offset = startMs;
      if (track.sourceTrackReference !== undefined) {
        const src = scene.tracks.find((t) => t.track.referenceId === track.sourceTrackReference);
        const speech = src ? prepared[src.index]?.speech : undefined;
        segments = speech?.segments ?? [];
        offset = src?.startMs ?? 0;
      }
      for (const seg of segments) {
        const start = offset + seg.startMs;
        const end = Math.min(startMs + durationMs, offset + seg.endMs, scene.durationMs);
        const words = (seg as { words?: Array<{ text: string; startMs: number; endMs: number }> }).words?.map((w) => ({
          text: w.text,
          startMs: offset + w.startMs,
          endMs: offset + w.endMs,
        }));
        if (end > start)
          events.push({
            text: seg.text,
            startMs: start,
            endMs: end,
            style,
            preset: track.style?.preset,
            ...(words?.length ? { words } : {}),
            fontSize: track.style?.fontSize ? px(track.style.fontSize) : undefined,
            color: track.style?.color,
          });
      }
    } else {
      layers.push(textLayer(track, layers.length, startMs, durationMs, params, scale, files));
    }
  }
  const ass = events.length ? buildAssSubtitles(params.width, params.height, events) : null;
  if (ass) files[SUBTITLES_FILE] = ass;
  return {
    plan: {
      params,
      frames,
      fadeInMs: opts.fadeInMs,
      fadeOutMs: opts.fadeOutMs,
      layers,
      sounds,
      subtitles: ass ? { file: SUBTITLES_FILE, changes: assChangeFrames(ass, params.fps, frames) } : null,
      keyframesMs: opts.keyframesMs,
    },
    files,
  };
}

/**
 * An actor as an animated photo: its still made (or found) for the box, its motion from the
 * speech's loudness (breathing when silent, a closing gesture with includeOutro), blinks where the
 * photo has a face. The photo stays for the track's own duration when that outlasts the speech,
 * and fades out when it leaves before the scene ends.
 */
async function actorLayer(opts: {
  scene: ResolvedScene;
  track: ActorTrack;
  prep: PreparedTrack;
  params: RenderParams;
  id: number;
  startMs: number;
  durationMs: number;
  box: { x: number; y: number; width: number; height: number } | undefined;
  workDir: string;
  cacheDir: string;
  signal?: AbortSignal;
}) {
  const { track, prep, params, id, startMs, durationMs, scene } = opts;
  const box = opts.box ?? { x: 0, y: 0, width: params.width, height: params.height };
  if (!prep.photo) throw new Error("an actor track was not prepared with its photo");
  const still = await renderActorStill({ photoPath: prep.photo.path, analysis: prep.photo.analysis, variant: track.variant, box, cacheDir: opts.cacheDir });
  const x = Math.round(box.x + (box.width - still.width) / 2);
  const y = Math.round(box.y + (box.height - still.height) / 2);
  // Speech that ends before the track's own duration ends the voice, not the picture: the character stays on screen.
  const visibleMs = Math.min(scene.durationMs - startMs, track.duration !== undefined ? Math.max(durationMs, track.duration) : durationMs);
  const speechMs = prep.speech ? Math.min(prep.speech.durationMs, visibleMs) : 0;
  const levels = prep.speech
    ? await speechLevels({ speechPath: prep.speech.path, durationMs: speechMs, fps: params.fps, id, workDir: opts.workDir, signal: opts.signal })
    : [];
  const frames = Math.ceil((visibleMs * params.fps) / 1000);
  const poses = actorPoses({ levels, frames, fps: params.fps, side: Math.min(still.width, still.height), outro: !!track.includeOutro && levels.length > 0 });
  const motionFile = `actor-${id}.cmd`;
  const script = actorMotionScript({
    poses,
    id,
    startMs,
    fps: params.fps,
    x,
    y,
    width: still.width,
    height: still.height,
    anchor: track.variant === "bubble" ? "center" : "bottom",
  });
  const leavesEarly = startMs + visibleMs < scene.durationMs - 1000 / params.fps;
  const layer: SceneLayer = {
    kind: "actor",
    stillPath: still.path,
    blink: still.blink ? { ...still.blink, atMs: blinkTimes(visibleMs, id + 1), durationMs: BLINK_MS } : null,
    motionFile,
    id,
    box: { x, y, width: still.width, height: still.height },
    startMs,
    durationMs: visibleMs,
    fadeOutMs: leavesEarly ? Math.min(ACTOR_FADE_MS, Math.floor(visibleMs / 2)) : 0,
  };
  return { layer, script };
}

function textLayer(
  track: TextTrack,
  id: number,
  startMs: number,
  durationMs: number,
  params: RenderParams,
  scale: number,
  files: Record<string, string>,
): SceneLayer {
  const px = (n: number) => Math.round(n * scale);
  const layout = textLayout(track, params, scale);
  return {
    kind: "text",
    lines: layout.lines.map((line, i) => {
      const file = `text-${id}-${i}.txt`;
      files[file] = line.text;
      return { file, y: line.y };
    }),
    fontFile: fontFileFor(track.font),
    fontSize: layout.fontSize,
    color: track.color ?? "#ffffff",
    alignment: track.alignment ?? "center",
    left: layout.box.x,
    width: layout.box.width,
    background: track.backgroundBox
      ? { color: track.backgroundBox.color, opacity: track.backgroundBox.opacity, padding: px(track.backgroundBox.padding) }
      : null,
    enter: track.animation?.enter ?? "none",
    exit: track.animation?.exit ?? "none",
    startMs,
    durationMs,
  };
}
