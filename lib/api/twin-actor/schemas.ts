import { z } from "zod";
import { projectStatuses } from "@/db/schema/projects";
import { AppError } from "@/lib/errors";
import { serialIdParamSchema, serialIdSchema } from "@/lib/validation/ids";
import { text } from "@/lib/validation/text";
import { voiceCloneProviderIds } from "@/lib/validation/voice";
import { MAX_PHOTO_JSON_BYTES, wholeListIn } from "../route";

/** Request schemas of the scene-projects (twin.actor) dialect, in its field names and words. */

const personName = (required: string) => text({ label: "name", max: 80, min: 1, required, tooShort: required });
const personDescription = text({ label: "description", max: 500 });
/** A photo of at most MAX_PHOTO_BYTES fits in this much base64 (checked again, and named, after decoding). */
const photoBase64 = text({ label: "photo_base64", max: MAX_PHOTO_JSON_BYTES, required: "photo_base64 must be a base64 string or a data URL" });

export const personIn = z.object({
  name: personName("name is required"),
  description: personDescription.default(""),
  photo_base64: photoBase64.optional(),
});

export const personPatchIn = z.object({
  name: personName("name cannot be empty").optional(),
  description: personDescription.optional(),
  photo_base64: photoBase64.optional(),
});

/** Accepts a data URL or bare base64; anything else is a 400 naming the field. */
export function decodePhotoBase64(raw: string): Buffer {
  const body = raw
    .trim()
    .replace(/^data:[\w/+.-]+;base64,/, "")
    .replace(/\s+/g, "");
  // Two searches that never backtrack: a whole-string pattern over a photo's megabytes can overflow the regexp stack (a 500).
  if (!body || /[^A-Za-z0-9+/_=-]/.test(body) || /=(?!=*$)|={3,}$|^=/.test(body)) {
    throw new AppError("bad_request", "photo_base64 is not valid base64", "photo_base64");
  }
  return Buffer.from(body, "base64");
}

/** The seed: story_idea 10-1000 characters, num_scenes 2-10 (default 5). */
export const storyIn = z.object({
  person_id: serialIdSchema("person_id is required and must be an integer from 1 to 2147483647"),
  story_idea: text({ label: "story_idea", max: 1000, min: 10, required: "story_idea is required" }),
  num_scenes: z
    .number({ error: "num_scenes must be a whole number from 2 to 10" })
    .int("num_scenes must be a whole number from 2 to 10")
    .min(2, "num_scenes must be at least 2")
    .max(10, "num_scenes must be at most 10")
    .default(5),
  use_avatar_first_scene: z.boolean({ error: "use_avatar_first_scene must be true or false" }).default(false),
  use_avatar_last_scene: z.boolean({ error: "use_avatar_last_scene must be true or false" }).default(false),
});

const sceneText = (name: string, max: number) => text({ label: name, max, min: 1 });

export const sceneUpdateIn = z
  .object({
    description: sceneText("description", 500),
    image_prompt: sceneText("image_prompt", 1000),
    motion_prompt: sceneText("motion_prompt", 1000),
    narration_text: sceneText("narration_text", 600),
  })
  .partial()
  .refine((v) => Object.values(v).some((x) => x !== undefined), "Give at least one field to update");

export const approveIn = z.object({
  confirm_credits: z.literal(true, { error: "confirm_credits must be true to approve the credit cost" }),
  video_model: text({ label: "video_model", max: 100 }).optional(),
  image_model: text({ label: "image_model", max: 100 }).optional(),
});

export const regenerateIn = z
  .object({
    regenerate_image: z.boolean({ error: "regenerate_image must be true or false" }).default(true),
    regenerate_video: z.boolean({ error: "regenerate_video must be true or false" }).default(true),
    updated_image_prompt: sceneText("updated_image_prompt", 1000).optional(),
    updated_motion_prompt: sceneText("updated_motion_prompt", 1000).optional(),
  })
  .refine((v) => v.regenerate_image || v.regenerate_video, {
    message: "Nothing to regenerate: set regenerate_image or regenerate_video",
    path: ["regenerate_video"],
  });

/** The query of GET /scene-projects. */
export const projectListQuery = wholeListIn.extend({
  person_id: serialIdParamSchema("person_id must be an integer from 1 to 2147483647").optional(),
  status_filter: z.enum(projectStatuses, { error: `status_filter must be one of ${projectStatuses.join(", ")}` }).optional(),
});

const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : v);

/** The text fields of POST /voice-clone/clone (multipart: `person_id`, `provider`, `audio_file`). */
export const voiceCloneFields = z.object({
  person_id: z.preprocess(
    trimmed,
    z
      .string({ error: "person_id is required" })
      .min(1, "person_id is required")
      .regex(/^\d{1,9}$/, "person_id must be a positive integer")
      .transform(Number)
      .refine((n) => n > 0, "person_id must be a positive integer"),
  ),
  provider: z.preprocess(
    (v) => (typeof v === "string" && v.trim() ? v.trim().toLowerCase() : undefined),
    z.enum(voiceCloneProviderIds, { error: `provider must be one of ${voiceCloneProviderIds.join(", ")}` }).default("local"),
  ),
});
