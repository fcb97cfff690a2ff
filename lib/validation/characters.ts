import { z } from "zod";

export const styleTagsSchema = z.array(z.string().trim().min(1).max(30, "each style tag must be at most 30 characters")).max(12, "at most 12 style tags");

export const characterInput = z.object({
  name: z.string().trim().min(1, "name is required").max(80, "name must be at most 80 characters"),
  description: z.string().trim().max(500, "description must be at most 500 characters").default(""),
  persona: z.string().trim().max(2000, "persona must be at most 2000 characters").default(""),
  styleTags: styleTagsSchema.default([]),
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

export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
