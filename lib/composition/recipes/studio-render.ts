import type { Box } from "../layout";
import { timelineSchema, type Timeline } from "../timeline";

/** One scene of a studio render, its media already resolved to sources the renderer reads. */
export interface StudioRecipeScene {
  text: string;
  /** The background image (`media:<id>`), fitted to cover its box. */
  backgroundSrc: string;
  /** The character, as the renderer's resolveActor knows it (`character-12`). */
  actor: string;
  includeOutro: boolean;
  /** The character's box relative to the stage: 1 is half the stage's width and height, 2 the whole stage. */
  scale: number;
  /** The character's centre in percent of the stage, from its top left. */
  x: number;
  y: number;
}

export interface StudioRecipeInput {
  name: string;
  width: number;
  height: number;
  captions: boolean;
  /** The split-screen style: the scene on the top half, this looping clip (`media:<id>`) on the bottom half. */
  brainrotClipSrc: string | null;
  scenes: StudioRecipeScene[];
}

const SPEAKER = "speaker";
const BACKGROUND = "#10131c";
const even = (n: number) => 2 * Math.round(n / 2);

/** Where the scene (background and character) is drawn: the whole frame, or its top half in the brainrot style. */
export function studioStage(input: { width: number; height: number; brainrot: boolean }): Box {
  return { x: 0, y: 0, width: input.width, height: input.brainrot ? even(input.height / 2) : input.height };
}

/** How much of the stage's width and height the character's box spans at scale 1. */
export const STUDIO_SCALE_ONE = 0.5;

/**
 * The character's box: `scale` times half the stage (so 1, the seed's usual value, leaves the
 * background around the character, and the largest scale, 2, fills the stage), centred on
 * (x%, y%) of the stage. The renderer fits the character inside it (lib/composition/layout.ts
 * places the box by its top-left corner).
 */
export function characterBox(stage: Box, scene: Pick<StudioRecipeScene, "scale" | "x" | "y">): Box {
  const width = Math.max(2, even(stage.width * scene.scale * STUDIO_SCALE_ONE));
  const height = Math.max(2, even(stage.height * scene.scale * STUDIO_SCALE_ONE));
  const cx = stage.x + (stage.width * scene.x) / 100;
  const cy = stage.y + (stage.height * scene.y) / 100;
  return { x: Math.round(cx - width / 2), y: Math.round(cy - height / 2), width, height };
}

/**
 * A studio render (the Holoworld-style render payload) as a timeline: each scene is the character
 * speaking its text with its own voice over the background, as long as the speech. Captions come
 * from the narration (word-timed). The brainrot style puts the scene on the top half, the looping
 * high-motion clip on the bottom half and big word-by-word captions across the middle, with hard cuts.
 */
export function compileStudioRender(input: StudioRecipeInput): Timeline {
  const brainrot = input.brainrotClipSrc;
  const stage = studioStage({ ...input, brainrot: !!brainrot });
  const stageBox = brainrot ? { position: { x: stage.x, y: stage.y }, size: { width: stage.width, height: stage.height } } : {};
  return timelineSchema.parse({
    settings: { name: input.name, videoSize: { width: input.width, height: input.height }, fps: 25, backgroundColor: BACKGROUND },
    scenes: input.scenes.map((scene, i) => {
      const box = characterBox(stage, scene);
      return {
        name: `Scene ${i + 1}`,
        intrinsicDurationTrackReference: SPEAKER,
        transition: { type: "none", duration: 0 },
        tracks: [
          { type: "image", src: scene.backgroundSrc, fit: "cover", ...stageBox },
          ...(brainrot
            ? [
                {
                  type: "video",
                  src: brainrot,
                  loop: true,
                  volume: 0,
                  position: { x: 0, y: stage.height },
                  size: { width: input.width, height: input.height - stage.height },
                },
              ]
            : []),
          {
            type: "actor",
            referenceId: SPEAKER,
            actor: scene.actor,
            variant: "full_body",
            text: scene.text,
            ...(scene.includeOutro ? { includeOutro: true } : {}),
            position: { x: box.x, y: box.y },
            size: { width: box.width, height: box.height },
          },
          ...(input.captions
            ? [
                {
                  type: "captions",
                  sourceTrackReference: SPEAKER,
                  style: brainrot
                    ? { position: "center", preset: "highlight", fontSize: Math.round(input.width * 0.085) }
                    : { position: "bottom", preset: "boxed" },
                },
              ]
            : []),
        ],
      };
    }),
  });
}
