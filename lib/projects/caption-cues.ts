import type { SceneRow } from "./queries";
import { storySceneCues } from "@/lib/composition/recipes/story-project";

/** One burned-in caption cue of a finished story, placed in the whole video. */
export interface ProjectCaptionCue {
  sceneId: number;
  sceneNumber: number;
  /** The cue's index in its scene's narration: what an edit names. */
  cue: number;
  text: string;
  startMs: number;
  endMs: number;
}

type CueScene = Pick<SceneRow, "id" | "sceneNumber" | "narrationSegments" | "durationMs" | "captionEdits">;

/**
 * The captions of a finished story as its segments burn them: each scene's cues (storySceneCues,
 * the recipe's own) shifted by the lengths of the scenes before it (scenes join without overlap).
 */
export function projectCaptionCues(rows: CueScene[]): ProjectCaptionCue[] {
  let offset = 0;
  return [...rows]
    .sort((a, b) => a.sceneNumber - b.sceneNumber)
    .flatMap((s) => {
      const at = offset;
      const duration = s.durationMs ?? 0;
      offset += duration;
      return storySceneCues(s.narrationSegments ?? [], duration, s.captionEdits).map((c) => ({
        sceneId: s.id,
        sceneNumber: s.sceneNumber,
        cue: c.cue,
        text: c.text,
        startMs: at + c.startMs,
        endMs: at + c.endMs,
      }));
    });
}
