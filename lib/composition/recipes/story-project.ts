import type { CameraMove } from "@/lib/providers/motion/camera-move";
import type { SpeechSegment } from "@/lib/providers/speech/index";
import { timelineSchema, type Timeline, type TimelineInput, type Track } from "../timeline";
import { avatarSceneTracks } from "./avatar-scene";

/** A story scene never runs shorter than this: long enough to take in a picture. */
export const MIN_SCENE_MS = 3_000;
/** A breath after the narration: the scene never ends mid-word, and never sits in dead air. */
export const NARRATION_TAIL_MS = 800;
/** The seeds' scene unit (100 credits for 10 s): the length a planner writes a scene's narration to fill, breath included. */
export const SCENE_UNIT_MS = 10_000;
/** The longest a creator can hold a scene. */
export const MAX_HOLD_MS = 30_000;

/** One story scene's inputs: its frame and camera move (or a provider's clip), or a talking head; its narration. */
export interface StorySceneInput {
  sceneNumber: number;
  /** The scene's painted frame. */
  imageSrc: string;
  /** How the camera moves over the frame (ignored when there is a clip or a talking head). */
  cameraMove: CameraMove;
  /** A clip a motion provider returned as video; it replaces the frame and its camera move. */
  clipSrc?: string | null;
  /** Set for a talking-head scene: the character (as resolveActor knows it) speaks the narration over the frame. */
  actor?: string | null;
  narrationSrc: string | null;
  narrationDurationMs: number;
  /** The creator's fixed length (at least this long); null or absent: the narration plus a breath. */
  holdMs?: number | null;
  segments: SpeechSegment[];
  /** The creator's wording of some cues (cue index in `segments` to text), burned instead of the spoken words. */
  captionEdits?: Record<string, string> | null;
}

/** One burned-in caption cue of a story scene, in the scene's own time. */
export interface StorySceneCue {
  /** The cue's index in the scene's narration segments: what a caption edit is keyed by. */
  cue: number;
  text: string;
  startMs: number;
  endMs: number;
}

/**
 * The caption cues a story scene burns: its narration's timed segments (blank or empty ones
 * dropped, the end clipped to the scene), each worded as the creator edited it if they did.
 */
export function storySceneCues(segments: SpeechSegment[], durationMs: number, edits?: Record<string, string> | null): StorySceneCue[] {
  return segments.flatMap((seg, cue) =>
    seg.text.trim() && seg.endMs > seg.startMs
      ? [{ cue, text: edits?.[cue] ?? seg.text, startMs: Math.max(0, Math.round(seg.startMs)), endMs: Math.min(durationMs, Math.round(seg.endMs)) }]
      : [],
  );
}

export interface StoryProjectInput {
  title: string;
  width: number;
  height: number;
  fps: number;
  scenes: StorySceneInput[];
  burnCaptions: boolean;
  /** The music bed under the whole story (a timeline music source), or none. */
  music?: string | null;
}

/**
 * The seed a story scene's frame is painted with: the same for the preview and the generated
 * frame, and different for each regeneration (so a new image with the same prompt differs).
 */
export function storyFrameSeed(projectId: number, sceneNumber: number, imagePrompt: string, regeneration = 0): string {
  return `${projectId}:${sceneNumber}:${imagePrompt}${regeneration ? `:v${regeneration}` : ""}`;
}

/**
 * A scene's length in ms before rounding: the narration plus a breath, at least MIN_SCENE_MS, or
 * the creator's hold when that is longer (a hold never cuts the narration short).
 */
export function storySceneLengthMs(narrationDurationMs: number, holdMs?: number | null): number {
  return Math.max(MIN_SCENE_MS, Math.ceil(narrationDurationMs) + NARRATION_TAIL_MS, holdMs ?? 0);
}

/**
 * A scene's length (storySceneLengthMs) rounded up to a whole frame, so the rendered segments add
 * up to exactly the timeline's total.
 */
export function storySceneDurationMs(narrationDurationMs: number, fps: number, holdMs?: number | null): number {
  const wanted = storySceneLengthMs(narrationDurationMs, holdMs);
  const frames = Math.ceil((wanted * fps) / 1000 - 1e-9);
  return Math.round((frames * 1000) / fps);
}

/**
 * Compiles a story project into a timeline, rendered once: per scene, its frame as an image track
 * with the camera move (a provider's clip as a looping video track instead, when it returned
 * one), or the character speaking over the frame (actor track); the narration; and the
 * narration's captions when `burnCaptions` is set. Scenes are ordered by sceneNumber; every scene
 * has an explicit duration and no transition, so each scene's segment depends on that scene alone.
 */
export function compileStoryProject(input: StoryProjectInput): Timeline {
  const scenes = [...input.scenes].sort((a, b) => a.sceneNumber - b.sceneNumber).map((s) => compileStoryScene(input, s));
  // Parsing applies the defaults and checks sizes, so a bad input fails here and not in ffmpeg.
  // The bed is laid under the whole video at the join; a scene's own timeline (its segment) never has it.
  const music = input.music ? { music: { src: input.music } } : {};
  return timelineSchema.parse({ settings: { ...storySettings(input), ...music }, scenes });
}

/**
 * One scene of a story project as a timeline of its own. Its segment is the very segment the
 * whole project's timeline renders for that scene (same spec, settings and inputs, so the same
 * cache key): the scene job renders it, and the stitch finds it in the segment cache.
 */
export function compileStorySceneTimeline(input: Omit<StoryProjectInput, "scenes">, scene: StorySceneInput): Timeline {
  return timelineSchema.parse({ settings: storySettings(input), scenes: [compileStoryScene(input, scene)] });
}

function storySettings(input: Pick<StoryProjectInput, "title" | "width" | "height" | "fps">) {
  return { name: input.title.trim() || "Untitled", videoSize: { width: input.width, height: input.height }, fps: input.fps };
}

function compileStoryScene(input: Pick<StoryProjectInput, "width" | "height" | "fps" | "burnCaptions">, s: StorySceneInput): TimelineInput["scenes"][number] {
  const duration = storySceneDurationMs(s.narrationDurationMs, input.fps, s.holdMs);
  const tracks: Track[] = [];
  if (s.actor && s.narrationSrc) {
    tracks.push(
      ...avatarSceneTracks({
        width: input.width,
        height: input.height,
        durationMs: duration,
        backgroundSrc: s.imageSrc,
        actor: s.actor,
        speechSrc: s.narrationSrc,
      }),
    );
  } else {
    tracks.push(s.clipSrc ? { type: "video", src: s.clipSrc, loop: true, volume: 0 } : { type: "image", src: s.imageSrc, fit: "cover", motion: s.cameraMove });
    if (s.narrationSrc) tracks.push({ type: "audio", src: s.narrationSrc, volume: 1 });
  }
  if (input.burnCaptions && s.segments.length > 0) {
    const segments = storySceneCues(s.segments, duration, s.captionEdits).map(({ text, startMs, endMs }) => ({ text, startMs, endMs }));
    if (segments.length) tracks.push({ type: "captions", segments, style: { position: "bottom" } });
  }
  return { name: `Scene ${s.sceneNumber}`, duration, tracks };
}
