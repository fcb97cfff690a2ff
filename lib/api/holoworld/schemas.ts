import { z } from "zod";
import { text } from "@/lib/validation/text";
import { STUDIO_LIMITS, studioSource, type StudioRenderInput } from "@/lib/validation/studio-render";

/** Request schemas of the studio (Holoworld) dialect, in the seed's field names. */

const ASPECT_RATIOS = { "1/1": "1:1", "9/16": "9:16" } as const;
const SCALE_RULE = `must be a number from ${STUDIO_LIMITS.minScale} to ${STUDIO_LIMITS.maxScale.toFixed(1)}`;
const scale = z
  .number({ error: SCALE_RULE })
  .min(STUDIO_LIMITS.minScale, SCALE_RULE)
  .max(STUDIO_LIMITS.maxScale, SCALE_RULE)
  .describe(
    "The agent's size relative to the frame, 0.1 to 2.0: its box is `scale` times half the frame's width and height (1.0 a box half the frame's size, 2.0 the whole frame; the top half in the brainrot style)",
  );
const percent = (along: string) =>
  z
    .number({ error: "must be a number from 0 to 100" })
    .min(0, "must be from 0 to 100")
    .max(100, "must be from 0 to 100")
    .describe(`The agent's centre, in percent of the frame's ${along} (0 to 100; 50 is the middle)`);

const AGENT_RULE = "must be the id of one of your agents (a character's id, a whole number)";
const agentId = z
  .union([z.number().int().min(1).max(2_147_483_647), z.string().regex(/^\s*\d{1,9}\s*$/)], { error: AGENT_RULE })
  .transform((v) => Number(v))
  .describe("The agent (a character of your workspace) who speaks the scene with its own voice: its id, as a number or a string");

const sceneIn = z.object({
  text: text({ label: "text", max: STUDIO_LIMITS.maxTextChars, min: 1, required: "text is required", tooShort: "text is required" }).describe(
    `What the agent says. Keep it under ${STUDIO_LIMITS.adviseTextChars} characters: a longer text renders with a \`warnings\` entry; at most ${STUDIO_LIMITS.maxTextChars}`,
  ),
  background: z
    .object({
      type: z.literal("image", { error: 'must be "image"' }),
      source: studioSource("background.source").describe(
        "builtin:<id> (GET /api/studio/backgrounds), media:<id> of an image in your library, or an http(s) URL of a JPG or PNG of at most 5 MB. Use 1200x1200 for 1/1 and 1080x1920 for 9/16; another size is fitted (cover), with a `warnings` entry",
      ),
    })
    .describe("The scene's background image"),
  includeOutro: z
    .boolean({ error: "includeOutro must be true or false" })
    .default(false)
    .describe("Whether the agent ends with an outro gesture after speaking"),
  modelConfig: z.object({ id: agentId, scale, x: percent("width from the left"), y: percent("height from the top") }),
});

export const renderIn = z.object({
  renderPayload: z.object({
    aspectRatio: z.enum(["1/1", "9/16"], { error: 'must be "1/1" or "9/16"' }).describe("1/1 renders 1200x1200, 9/16 renders 1080x1920"),
    withCaption: z.boolean({ error: "withCaption must be true or false" }).default(false).describe("Captions from the narration (0.1 credits a scene)"),
    brainrot: z
      .boolean({ error: "brainrot must be true or false" })
      .default(false)
      .describe(
        "The vertical split-screen style: the scene on the top half, a looping high-motion clip on the bottom half, big word-by-word captions (with withCaption) in the middle",
      ),
    brainrotClip: studioSource("brainrotClip")
      .nullish()
      .describe(
        "Cinetwin extension: the brainrot clip, builtin:<id> (GET /api/studio/backgrounds) or media:<id> of a video in your library; default: the first built-in clip",
      ),
    scenes: z
      .array(sceneIn, { error: "must be a list of scenes" })
      .min(1, "needs at least one scene")
      .max(STUDIO_LIMITS.maxScenes, `can have at most ${STUDIO_LIMITS.maxScenes} scenes`),
  }),
});
export type RenderIn = z.output<typeof renderIn>;

/** The seed's render payload in the domain's words (lib/validation/studio-render.ts). */
export function studioRenderOf({ renderPayload: p }: RenderIn): StudioRenderInput {
  return {
    aspectRatio: ASPECT_RATIOS[p.aspectRatio],
    captions: p.withCaption,
    brainrot: p.brainrot,
    brainrotClip: p.brainrotClip ?? null,
    scenes: p.scenes.map((s) => ({
      text: s.text,
      backgroundSource: s.background.source,
      includeOutro: s.includeOutro,
      characterId: s.modelConfig.id,
      scale: s.modelConfig.scale,
      x: s.modelConfig.x,
      y: s.modelConfig.y,
    })),
  };
}

export const dialectAspectRatio = (domain: "1:1" | "9:16") => (domain === "1:1" ? "1/1" : "9/16");
