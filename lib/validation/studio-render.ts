import { z } from "zod";
import { urlProblem } from "@/lib/net/address";
import { parseSourceRef } from "./sources";
import { text } from "./text";
import { URL_REFUSED } from "./urls";

/**
 * A studio render (the Holoworld-style render payload) in the domain's words: scenes of a character
 * speaking a text over an image background, square or vertical, optionally captioned, optionally in
 * the split-screen "brainrot" style. Shared by the API dialect, the Studio page and the service.
 */

export const STUDIO_ASPECT_RATIOS = ["1:1", "9:16"] as const;
export type StudioAspectRatio = (typeof STUDIO_ASPECT_RATIOS)[number];

/** The output size of each aspect ratio (the seed's background sizes). */
export const STUDIO_SIZES: Record<StudioAspectRatio, { width: number; height: number }> = {
  "1:1": { width: 1200, height: 1200 },
  "9:16": { width: 1080, height: 1920 },
};

export const STUDIO_LIMITS = {
  maxScenes: 5,
  /** Longer texts are refused: a scene is one spoken line, not a script. */
  maxTextChars: 2000,
  /** Longer texts are rendered with a warning: the seed asks to keep them under 200 characters. */
  adviseTextChars: 200,
  maxBackgroundBytes: 5 * 1024 * 1024,
  minScale: 0.1,
  maxScale: 2,
} as const;

/** `builtin:<id>`: one of the studio's own backgrounds or clips (lib/studio-render/builtins.ts). */
export const BUILTIN_PREFIX = "builtin:";
const BUILTIN = /^builtin:[a-z0-9-]{1,60}$/;

/** What a background or clip source may be, after its field's name. */
export const STUDIO_SOURCE_RULE = "must be builtin:<id> (GET /api/studio/backgrounds), media:<id> of a file in this workspace, or an http(s) URL";

/** A background or clip: builtin:<id>, media:<id>, or a public http(s) URL (fetched through lib/net/outbound.ts). */
export function studioSource(label: string) {
  return text({ label, max: 2000, min: 1, required: `${label} is required`, tooShort: `${label} is required` }).superRefine((raw, ctx) => {
    if (BUILTIN.test(raw)) return;
    const ref = parseSourceRef(raw);
    if (!ref) return void ctx.addIssue({ code: "custom", message: `${label} ${STUDIO_SOURCE_RULE}` });
    if (ref.kind === "url" && urlProblem(raw)) ctx.addIssue({ code: "custom", message: `${label} ${URL_REFUSED}` });
  });
}

const percent = (label: string) =>
  z
    .number({ error: `${label} must be a number from 0 to 100` })
    .min(0, `${label} must be from 0 to 100`)
    .max(100, `${label} must be from 0 to 100`);

export const studioSceneInput = z.object({
  text: text({ label: "text", max: STUDIO_LIMITS.maxTextChars, min: 1, required: "text is required", tooShort: "text is required" }),
  backgroundSource: studioSource("backgroundSource"),
  includeOutro: z.boolean({ error: "includeOutro must be true or false" }).default(false),
  characterId: z.number({ error: "characterId must be a character id" }).int("characterId must be a character id").min(1).max(2_147_483_647),
  /** The character's box relative to the frame: 1 is half the frame's width and height, 2 the whole frame. */
  scale: z
    .number({ error: "scale must be a number from 0.1 to 2.0" })
    .min(STUDIO_LIMITS.minScale, "scale must be from 0.1 to 2.0")
    .max(STUDIO_LIMITS.maxScale, "scale must be from 0.1 to 2.0"),
  /** The character's centre, in percent of the frame's width from the left. */
  x: percent("x"),
  /** The character's centre, in percent of the frame's height from the top. */
  y: percent("y"),
});

export const studioRenderInput = z.object({
  aspectRatio: z.enum(STUDIO_ASPECT_RATIOS, { error: `aspectRatio must be one of ${STUDIO_ASPECT_RATIOS.join(", ")}` }),
  captions: z.boolean({ error: "captions must be true or false" }).default(false),
  brainrot: z.boolean({ error: "brainrot must be true or false" }).default(false),
  /** The looping clip of a brainrot video's lower half: builtin:<id> or media:<id> of a library video; default: the first built-in clip. */
  brainrotClip: studioSource("brainrotClip").nullish(),
  scenes: z
    .array(studioSceneInput, { error: "scenes must be a list of scenes" })
    .min(1, "scenes needs at least one scene")
    .max(STUDIO_LIMITS.maxScenes, `scenes can have at most ${STUDIO_LIMITS.maxScenes} scenes`),
});

export type StudioRenderInput = z.input<typeof studioRenderInput>;
export type StudioRender = z.output<typeof studioRenderInput>;
export type StudioScene = StudioRender["scenes"][number];
