import { z } from "zod";
import { aspectRatios } from "@/db/schema/projects";
import { MAX_HOLD_MS, MIN_SCENE_MS } from "@/lib/composition/recipes/story-project";
import { BUILTIN_MUSIC, builtinMusicId } from "@/lib/media/music-catalog";
import { serialIdSchema } from "./ids";
import { text } from "./text";

/** The seed: a story idea of 10-1000 characters. */
export const storyIdeaSchema = text({ label: "The story idea", max: 1000, min: 10, required: "The story idea is required" });

export const numScenesSchema = z
  .number({ error: "The number of scenes must be a whole number from 2 to 10" })
  .int("The number of scenes must be a whole number from 2 to 10")
  .min(2, "A story has at least 2 scenes")
  .max(10, "A story has at most 10 scenes");

const MUSIC_FORMAT = `music must be one of ${BUILTIN_MUSIC.map((t) => `builtin:music/${t.id}`).join(", ")}, media:<id> of a sound in the library, or null for none`;
/** A story's music bed: a built-in track, a library sound, or null for none. */
export const musicSchema = z
  .string({ error: MUSIC_FORMAT })
  .trim()
  .refine((v) => builtinMusicId(v) !== null || /^media:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v), MUSIC_FORMAT)
  .nullable();

export const createStoryInput = z.object({
  characterId: serialIdSchema("Choose a character"),
  storyIdea: storyIdeaSchema,
  numScenes: numScenesSchema.default(5),
  useAvatarFirstScene: z.boolean().default(false),
  useAvatarLastScene: z.boolean().default(false),
  /** The API's clients get landscape, as before; the studio's form offers vertical first. */
  aspectRatio: z.enum(aspectRatios, { error: "The shape must be 16:9, 9:16 or 1:1" }).default("16:9"),
  music: musicSchema.optional(),
});
export type CreateStoryInput = z.infer<typeof createStoryInput>;

const field = (name: string, max: number) => text({ label: name, max, min: 1 });

export const sceneFieldsSchema = z.object({
  description: field("The description", 500),
  imagePrompt: field("The image prompt", 1000),
  motionPrompt: field("The motion prompt", 1000),
  narrationText: field("The narration", 600),
});

const HOLD_RANGE = `The scene length must be a whole number of milliseconds from ${MIN_SCENE_MS} to ${MAX_HOLD_MS}, or null for the narration's own length`;
/** The creator's fixed scene length, at least this long; null gives the scene back its narration's length. */
export const holdMsSchema = z.number({ error: HOLD_RANGE }).int(HOLD_RANGE).min(MIN_SCENE_MS, HOLD_RANGE).max(MAX_HOLD_MS, HOLD_RANGE).nullable();

export const updateSceneInput = sceneFieldsSchema
  .extend({ holdMs: holdMsSchema })
  .partial()
  .refine((v) => Object.values(v).some((x) => x !== undefined), "Give at least one field to update");
export type UpdateSceneInput = z.infer<typeof updateSceneInput>;

export const reorderScenesInput = z.object({
  sceneIds: z.array(serialIdSchema("Scene ids must be whole numbers from 1 to 2147483647")).min(2).max(10),
});

export const approveInput = z.object({
  confirmCredits: z.literal(true, { error: "confirm_credits must be true to approve the credit cost" }),
  videoModel: text({ label: "The video model", max: 100 }).optional(),
  imageModel: text({ label: "The image model", max: 100 }).optional(),
});
export type ApproveInput = z.infer<typeof approveInput>;

const prompt = (name: string) => text({ label: name, max: 1000, min: 1 });

/** Regenerating a finished scene: a new image (and so a new clip), or only a new clip from the same image. */
export const regenerateSceneInput = z
  .object({
    regenerateImage: z.boolean().default(true),
    regenerateVideo: z.boolean().default(true),
    updatedImagePrompt: prompt("The new image prompt").optional(),
    updatedMotionPrompt: prompt("The new motion prompt").optional(),
  })
  .refine((v) => v.regenerateImage || v.regenerateVideo, {
    message: "Nothing to regenerate: choose a new image, a new clip or both",
    path: ["regenerateVideo"],
  });
export type RegenerateSceneInput = z.infer<typeof regenerateSceneInput>;

/** A project's title, as the creator renames it. */
export const projectTitleSchema = text({ label: "The title", max: 120, min: 1, required: "The title is required" });

export const renameProjectInput = z.object({ title: projectTitleSchema });

export const setMusicInput = z.object({ music: musicSchema });
export type RenameProjectInput = z.infer<typeof renameProjectInput>;

/**
 * A new scene at `position` (its scene number once added; the scenes from there on move down one).
 * With `scene` it is that scene (putting back a removed one); without, the story writer proposes one.
 */
export const addSceneInput = z.object({
  position: z.number({ error: "Choose where the scene goes" }).int("Choose where the scene goes").min(1).max(10, "A story has at most 10 scenes"),
  scene: sceneFieldsSchema.optional(),
});
export type AddSceneInput = z.infer<typeof addSceneInput>;

/** One caption cue's wording: 1..200 characters, nothing Postgres refuses; `label` names the cue ("Cue 3"). */
export const captionTextSchema = (label: string) => text({ label, max: 200, min: 1, required: `${label} is required` });

/** Re-wording some caption cues of a finished story: each edit names its scene and the cue's index in that scene's narration. */
export const recaptionInput = z.object({
  edits: z
    .array(
      z.object({
        sceneId: serialIdSchema("Scene not found"),
        cue: z.number().int().min(0).max(10_000),
        // Worded and bounded per cue by the service, so a message can say which cue.
        text: z.string().max(10_000),
      }),
    )
    .min(1, "Change at least one caption")
    .max(1_000),
});
export type RecaptionInput = z.infer<typeof recaptionInput>;
