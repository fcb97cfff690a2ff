import { z } from "zod";
import { voiceStatuses } from "@/db/schema/characters";
import { projectStatuses, stepStatuses } from "@/db/schema/projects";
import { voiceCloneProviderIds } from "@/lib/validation/voice";

/**
 * Response shapes of the twin.actor dialect, for the OpenAPI document. They mirror the mappers
 * in ./mappers.ts; mappers.test.ts parses real mapper output with them, so they cannot drift.
 */

const url = z.string().meta({ format: "uri", description: "Signed, expiring media URL" });
const when = z.string().meta({ format: "date-time" });

export const personOutSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string(),
  photo_url: url.nullable(),
  has_voice: z.boolean().describe("A cloned voice is ready and narrates this person's videos"),
  voice_status: z.enum(voiceStatuses).describe("none, processing (a sample is being analysed), ready or failed"),
  voice_error: z.string().nullable().describe("Why the last voice clone failed"),
  created_at: when,
});

export const voiceCloneStartedSchema = z.object({
  person_id: z.number().int(),
  status: z.literal("processing"),
  provider: z.enum(voiceCloneProviderIds).describe("The provider doing the work"),
  requested_provider: z.enum(voiceCloneProviderIds),
  sample_duration_seconds: z.number(),
  message: z.string(),
});

const sceneOutSchema = z.object({
  id: z.number().int(),
  scene_number: z.number().int(),
  description: z.string(),
  image_prompt: z.string(),
  motion_prompt: z.string(),
  narration_text: z.string(),
  image_url: url.nullable().optional(),
  video_url: url.nullable().optional(),
  status: z.enum(stepStatuses),
  error_message: z.string().nullable().optional().meta({ description: "Why the last generation or regeneration of this scene failed" }),
});

export const sceneUpdatedSchema = sceneOutSchema.omit({ image_url: true, video_url: true, error_message: true });

export const projectOutSchema = z.object({
  id: z.number().int(),
  description: z.string().nullable(),
  ideas: z.string().meta({ description: "The story idea (the seed's project object calls it `ideas`)" }),
  story_idea: z.string(),
  num_scenes: z.number().int(),
  status: z.enum(projectStatuses),
  progress: z.number().int().meta({ description: "0 to 100" }),
  person_id: z.number().int().nullable(),
  user_id: z.string(),
  final_video_url: url.nullable(),
  final_video_url_upscaled: url.nullable().meta({ description: "Set once an upscale has finished" }),
  upscale_status: z.enum(["upscaling", "completed", "failed"]).nullable(),
  total_duration_seconds: z.number().int().nullable(),
  use_avatar_first_scene: z.boolean(),
  use_avatar_last_scene: z.boolean(),
  error_message: z.string().nullable(),
  scenes: z.array(sceneOutSchema),
  created_at: when,
  updated_at: when,
});

export const projectStatusSchema = z.object({
  id: z.number().int(),
  status: z.enum(projectStatuses),
  progress: z.number().int(),
  current_step: z.string().nullable(),
  scenes: z.array(
    z.object({
      scene_number: z.number().int(),
      image_status: z.enum(stepStatuses),
      video_status: z.enum(stepStatuses),
      image_url: url.optional(),
      video_url: url.optional(),
    }),
  ),
  scenes_status: z
    .array(z.object({ scene_number: z.number().int() }).passthrough())
    .meta({ description: "The same list as `scenes` (the quickstart's name for it)" }),
  final_video_url: url.nullable().optional().meta({ description: "When completed" }),
  final_video_url_upscaled: url.nullable().optional().meta({ description: "When completed and upscaled" }),
  upscale_status: z.enum(["upscaling", "completed", "failed"]).nullable().optional().meta({ description: "When completed" }),
  duration_seconds: z.number().int().nullable().optional().meta({ description: "Same as total_duration_seconds (the quickstart's name)" }),
  total_duration_seconds: z.number().int().nullable().optional().meta({ description: "When completed" }),
  credits_used: z.number().int().nullable().optional().meta({ description: "When completed" }),
  error_message: z.string().nullable().optional().meta({ description: "When failed" }),
  error: z.string().nullable().optional().meta({ description: "Same as error_message (the seed's polling example reads `error`)" }),
});

export const regenerateStartedSchema = z.object({
  id: z.number().int(),
  scene_number: z.number().int(),
  status: z.literal("generating"),
  progress: z.literal(0),
  credits_reserved: z.number().int(),
  message: z.string(),
});

export const upscaleStartedSchema = z.object({
  id: z.number().int(),
  status: z.enum(["upscaling", "completed"]),
  final_video_url_upscaled: url.optional().meta({ description: "When it was already upscaled" }),
  message: z.string(),
});

export const approvedSchema = z.object({
  id: z.number().int(),
  status: z.literal("generating"),
  progress: z.literal(0),
  message: z.string(),
});

export const accountSchema = z.object({ id: z.string(), email: z.string(), name: z.string().nullable(), workspace_id: z.string() });
export const meSchema = accountSchema.extend({ credits: z.number().int() });
export const accessTokenSchema = z.object({
  access_token: z.string().meta({ description: "Send as `Authorization: Bearer <access_token>`; expires after 24 hours" }),
  token_type: z.literal("bearer"),
});
