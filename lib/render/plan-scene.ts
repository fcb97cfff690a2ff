import type { ResolvedScene } from "@/lib/composition/resolve-timing";
import { textLayout, trackBox } from "@/lib/composition/layout";
import type { TextTrack } from "@/lib/composition/timeline";
import { buildAssSubtitles, type AssEvent } from "./ass";
import { parseSrt } from "./captions";
import { buildTalkingHeadScript, type PreparedTrack } from "./prepare-timeline";
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
 * talking-head motion). `scale` maps timeline pixels to output pixels (draft renders are smaller).
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
    } else if (track.type === "actor") {
      const id = layers.length;
      const box = boxOf(track) ?? { x: 0, y: 0, width: params.width, height: params.height };
      let motionFile: string | null = null;
      if (prep.speech) {
        motionFile = `actor-${id}.cmd`;
        const side = track.variant === "bubble" ? Math.min(box.width, box.height) : box.height;
        files[motionFile] = await buildTalkingHeadScript({
          speechPath: prep.speech.path,
          id,
          startMs,
          durationMs,
          fps: params.fps,
          baseX: box.x,
          baseY: Math.round(box.y + (box.height - (track.variant === "bubble" ? Math.min(box.width, box.height) : box.height)) / 2),
          bobPx: Math.max(2, Math.round(side * 0.03)),
          workDir: opts.workDir,
          signal: opts.signal,
        });
        const volume = track.volume ?? 1;
        if (volume > 0) sounds.push({ path: prep.speech.path, loop: false, startMs, durationMs, volume });
      }
      // Speech that ends before the track's own duration ends the voice, not the picture: the character stays on screen.
      const visibleMs = track.duration !== undefined ? Math.max(durationMs, Math.min(track.duration, scene.durationMs - startMs)) : durationMs;
      layers.push({ kind: "actor", photoPath: prep.photoPath ?? null, variant: track.variant, motionFile, id, box, startMs, durationMs: visibleMs });
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
      subtitlesFile: ass ? SUBTITLES_FILE : null,
      keyframesMs: opts.keyframesMs,
    },
    files,
  };
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
