import { z } from "zod";
import { platforms, type Platform, type PlatformDefaults } from "@/db/schema/characters";
import { VIDEO_SIZE_PRESETS, type VideoSizePreset } from "@/lib/composition/timeline";
import { serialIdSchema } from "./ids";
import { text } from "./text";

export const styleTagsSchema = z
  .array(text({ label: "each style tag", max: 30, min: 1 }), { error: "styleTags must be a list of tags" })
  .max(12, "at most 12 style tags");

/** One platform's defaults, field by field: shared by the studio's form and the API dialects. */
export const captionStyleSchema = text({ label: "caption style", max: 40, min: 1 });
export const hashtagsSchema = z
  .array(
    z
      .string()
      .trim()
      .transform((t) => t.replace(/^#+/, ""))
      .pipe(z.string().regex(/^[\p{L}\p{N}_]{1,50}$/u, "a hashtag is letters, digits and _ (at most 50)")),
  )
  .max(30, "at most 30 hashtags");
const aspectRatios = Object.keys(VIDEO_SIZE_PRESETS) as VideoSizePreset[];
export const aspectRatioSchema = z.enum(aspectRatios, { error: `aspect ratio must be one of ${aspectRatios.join(", ")}` });

export const platformDefaultsEntry = z
  .object({ captionStyle: captionStyleSchema.optional(), hashtags: hashtagsSchema.optional(), aspectRatio: aspectRatioSchema.optional() })
  .strict();

/** Keys must be platforms: a typo ("tiktock") is refused by name rather than stored and never read. */
export function platformKeys<T>(record: z.ZodType<Record<string, T>>) {
  return record
    .superRefine((v, ctx) => {
      for (const key of Object.keys(v)) {
        if (!(platforms as readonly string[]).includes(key)) {
          ctx.addIssue({ code: "custom", path: [key], message: `${key} is not a platform; use ${platforms.join(", ")}` });
        }
      }
    })
    .transform((v) => v as Partial<Record<Platform, T>>);
}

export const platformDefaultsSchema: z.ZodType<Partial<Record<Platform, PlatformDefaults>>> = platformKeys(z.record(z.string(), platformDefaultsEntry));

/** A voice of the speech engine's catalogue by its id; service code checks that it exists. */
export const voiceIdSchema = text({ label: "voice id", max: 200, min: 1 });

/** A character's memory: short notes the story writer reads. */
export const MAX_MEMORY_NOTES = 50;
export const memoryNoteSchema = text({ label: "a memory note", max: 500, min: 1 });
export const memoryNotesSchema = z.array(memoryNoteSchema).max(MAX_MEMORY_NOTES, `at most ${MAX_MEMORY_NOTES} memory notes`);

export const characterInput = z.object({
  name: text({ label: "name", max: 80, min: 1, required: "name is required", tooShort: "name is required" }),
  description: text({ label: "description", max: 500 }).default(""),
  persona: text({ label: "persona", max: 2000 }).default(""),
  styleTags: styleTagsSchema.default([]),
  // Optional, never defaulted: the studio's main form does not send them, and a save must not wipe them.
  voiceId: voiceIdSchema.nullable().optional(),
  platformDefaults: platformDefaultsSchema.optional(),
});
export type CharacterInput = z.infer<typeof characterInput>;

export const characterPatch = characterInput.partial();
export type CharacterPatch = z.infer<typeof characterPatch>;

/** "a, b,  c" -> ["a", "b", "c"] for form fields. */
export const parseTags = (raw: string) =>
  raw
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);

/** The studio's platform-defaults form and memory notes. */
const characterId = serialIdSchema("Choose a character");
export const platformDefaultsInput = z.object({ characterId, platformDefaults: platformDefaultsSchema });
export const addMemoryNoteInput = z.object({ characterId, note: memoryNoteSchema });
export const deleteMemoryNoteInput = z.object({ characterId, noteId: serialIdSchema("Memory note not found") });

export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
