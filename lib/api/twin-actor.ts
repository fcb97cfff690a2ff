import { z } from "zod";
import type { CharacterRow } from "@/lib/characters/service";
import { AppError } from "@/lib/errors";
import type { ProjectWithScenes } from "@/lib/projects/queries";
import { signedMediaPath } from "@/lib/storage/media";
import { serialIdParamSchema, serialIdSchema } from "@/lib/validation/ids";
import { numScenesSchema, storyIdeaSchema } from "@/lib/validation/projects";
import { absoluteUrl, pageIn } from "./route";
import { projectStatuses } from "@/db/schema/projects";

/** Mappers between the scene-projects (twin.actor) dialect and the studio's services. */

const media = (req: Request, id: string | null) => (id ? absoluteUrl(req, signedMediaPath(id)) : null);

export function personOut(req: Request, c: CharacterRow) {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    photo_url: media(req, c.photoMediaId),
    // True exactly when a cloned voice narrates; a newer sample being processed hides the old one.
    has_voice: c.voiceStatus === "ready",
    voice_status: c.voiceStatus,
    voice_error: c.voiceStatus === "failed" ? c.voiceError : null,
    created_at: c.createdAt.toISOString(),
  };
}

export const personIn = z.object({
  name: z.string({ error: "name is required" }).trim().min(1, "name is required").max(80),
  description: z.string().trim().max(500).default(""),
  photo_base64: z.string().optional(),
});

export const personPatchIn = z.object({
  name: z.string().trim().min(1, "name cannot be empty").max(80).optional(),
  description: z.string().trim().max(500).optional(),
  photo_base64: z.string().optional(),
});

/** Accepts a data URL or bare base64; anything else is a 400 naming the field. */
export function decodePhotoBase64(raw: string): Buffer {
  const body = raw.trim().replace(/^data:[\w/+.-]+;base64,/, "").replace(/\s+/g, "");
  if (!body || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(body)) {
    throw new AppError("bad_request", "photo_base64 is not valid base64", "photo_base64");
  }
  return Buffer.from(body, "base64");
}

export const storyIn = z.object({
  person_id: serialIdSchema("person_id is required and must be an integer from 1 to 2147483647"),
  story_idea: storyIdeaSchema,
  num_scenes: numScenesSchema.default(5),
  use_avatar_first_scene: z.boolean().default(false),
  use_avatar_last_scene: z.boolean().default(false),
});

export const sceneUpdateIn = z
  .object({
    description: z.string().trim().min(1).max(500),
    image_prompt: z.string().trim().min(1).max(1000),
    motion_prompt: z.string().trim().min(1).max(1000),
    narration_text: z.string().trim().min(1).max(600),
  })
  .partial()
  .refine((v) => Object.values(v).some((x) => x !== undefined), "Give at least one field to update");

export const approveIn = z.object({
  confirm_credits: z.literal(true, { error: "confirm_credits must be true to approve the credit cost" }),
  video_model: z.string().trim().max(100).optional(),
  image_model: z.string().trim().max(100).optional(),
});

function sceneOut(req: Request, s: ProjectWithScenes["scenes"][number]) {
  return {
    id: s.id,
    scene_number: s.sceneNumber,
    description: s.description,
    image_prompt: s.imagePrompt,
    motion_prompt: s.motionPrompt,
    narration_text: s.narrationText,
    image_url: media(req, s.imageMediaId),
    video_url: media(req, s.videoMediaId),
    status: s.status,
    error_message: s.errorMessage,
  };
}

export function projectOut(req: Request, p: ProjectWithScenes, userId: string) {
  return {
    id: p.id,
    description: p.title,
    ideas: p.storyIdea,
    story_idea: p.storyIdea,
    num_scenes: p.numScenes,
    status: p.status,
    progress: p.progress,
    person_id: p.characterId,
    user_id: userId,
    final_video_url: media(req, p.finalVideoMediaId),
    final_video_url_upscaled: media(req, p.upscaledVideoMediaId),
    upscale_status: p.upscaleStatus,
    total_duration_seconds: p.totalDurationMs != null ? Math.round(p.totalDurationMs / 1000) : null,
    use_avatar_first_scene: p.useAvatarFirstScene,
    use_avatar_last_scene: p.useAvatarLastScene,
    error_message: p.errorMessage,
    scenes: p.scenes.map((s) => sceneOut(req, s)),
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
  };
}

export function statusOut(req: Request, p: ProjectWithScenes) {
  const base = {
    id: p.id,
    status: p.status,
    progress: p.progress,
    current_step: p.currentStep,
    scenes: p.scenes.map((s) => ({
      scene_number: s.sceneNumber,
      image_status: s.imageStatus,
      video_status: s.videoStatus,
      ...(s.imageMediaId ? { image_url: media(req, s.imageMediaId) } : {}),
      ...(s.videoMediaId ? { video_url: media(req, s.videoMediaId) } : {}),
    })),
  };
  if (p.status === "completed") {
    return {
      ...base,
      final_video_url: media(req, p.finalVideoMediaId),
      final_video_url_upscaled: media(req, p.upscaledVideoMediaId),
      upscale_status: p.upscaleStatus,
      total_duration_seconds: p.totalDurationMs != null ? Math.round(p.totalDurationMs / 1000) : null,
      duration_seconds: p.totalDurationMs != null ? Math.round(p.totalDurationMs / 1000) : null,
      credits_used: p.creditsUsed,
    };
  }
  if (p.status === "failed") return { ...base, error_message: p.errorMessage, error: p.errorMessage };
  return base;
}

export const regenerateIn = z.object({
  regenerate_image: z.boolean({ error: "regenerate_image must be true or false" }).default(true),
  regenerate_video: z.boolean({ error: "regenerate_video must be true or false" }).default(true),
  updated_image_prompt: z.string().trim().min(1, "updated_image_prompt cannot be empty").max(1000).optional(),
  updated_motion_prompt: z.string().trim().min(1, "updated_motion_prompt cannot be empty").max(1000).optional(),
});

/** The query of GET /scene-projects. */
export const projectListQuery = pageIn.extend({
  person_id: serialIdParamSchema("person_id must be an integer from 1 to 2147483647").optional(),
  status_filter: z.enum(projectStatuses, { error: `status_filter must be one of ${projectStatuses.join(", ")}` }).optional(),
});
