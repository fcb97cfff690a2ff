import type { SpeechSegment } from "@/lib/providers/speech/index";
import { timelineSchema, type Timeline, type Track } from "../timeline";

/** A story scene never runs shorter than this. */
export const MIN_SCENE_MS = 10_000;
/** Silence after the narration so a scene never ends mid-word. */
export const NARRATION_TAIL_MS = 600;

export interface StoryProjectInput {
  title: string;
  width: number;
  height: number;
  fps: number;
  scenes: Array<{
    sceneNumber: number;
    clipSrc: string;
    clipDurationMs: number;
    narrationSrc: string | null;
    narrationDurationMs: number;
    segments: SpeechSegment[];
  }>;
  burnCaptions: boolean;
}

/**
 * The seed a story scene's frame is painted with: the same for the preview and the generated
 * frame, and different for each regeneration (so a new image with the same prompt differs).
 */
export function storyFrameSeed(projectId: number, sceneNumber: number, imagePrompt: string, regeneration = 0): string {
  return `${projectId}:${sceneNumber}:${imagePrompt}${regeneration ? `:v${regeneration}` : ""}`;
}

/**
 * A scene's length: 10 s, or the narration plus a 600 ms tail when that is longer, rounded up
 * to a whole frame so the rendered segments add up to exactly the timeline's total.
 */
export function storySceneDurationMs(narrationDurationMs: number, fps: number): number {
  const wanted = Math.max(MIN_SCENE_MS, Math.ceil(narrationDurationMs) + NARRATION_TAIL_MS);
  const frames = Math.ceil((wanted * fps) / 1000 - 1e-9);
  return Math.round((frames * 1000) / fps);
}

/**
 * Compiles a story project into a timeline: per scene, its motion clip (looping, so a scene
 * longer than the clip never goes black), its narration, and the narration's captions when
 * `burnCaptions` is set. Scenes are ordered by sceneNumber; every scene has an explicit duration.
 */
export function compileStoryProject(input: StoryProjectInput): Timeline {
  const scenes = [...input.scenes]
    .sort((a, b) => a.sceneNumber - b.sceneNumber)
    .map((s) => {
      const duration = storySceneDurationMs(s.narrationDurationMs, input.fps);
      const tracks: Track[] = [{ type: "video", src: s.clipSrc, loop: true, volume: 0 }];
      if (s.narrationSrc) tracks.push({ type: "audio", src: s.narrationSrc, volume: 1 });
      if (input.burnCaptions && s.segments.length > 0) {
        const segments = s.segments
          .filter((seg) => seg.text.trim() && seg.endMs > seg.startMs)
          .map((seg) => ({ text: seg.text, startMs: Math.max(0, Math.round(seg.startMs)), endMs: Math.min(duration, Math.round(seg.endMs)) }));
        if (segments.length) tracks.push({ type: "captions", segments, style: { position: "bottom" } });
      }
      return { name: `Scene ${s.sceneNumber}`, duration, tracks };
    });
  // Parsing applies the defaults and checks sizes, so a bad input fails here and not in ffmpeg.
  return timelineSchema.parse({
    settings: { name: input.title.trim() || "Untitled", videoSize: { width: input.width, height: input.height }, fps: input.fps },
    scenes,
  });
}
