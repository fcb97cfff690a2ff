import type { CharacterRow } from "@/lib/characters/service";
import type { ProjectWithScenes } from "@/lib/projects/queries";
import { signedMediaPath } from "@/lib/storage/media";
import { absoluteUrl } from "../route";

/** Response mappers of the scene-projects (twin.actor) dialect. */

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

/** The scene as PUT /scene-projects/{id}/scenes/{scene_id} returns it (no media yet: edits precede approval). */
export function sceneUpdatedOut(s: ProjectWithScenes["scenes"][number]) {
  return {
    id: s.id,
    scene_number: s.sceneNumber,
    description: s.description,
    image_prompt: s.imagePrompt,
    motion_prompt: s.motionPrompt,
    narration_text: s.narrationText,
    status: s.status,
  };
}

function sceneOut(req: Request, s: ProjectWithScenes["scenes"][number]) {
  return {
    ...sceneUpdatedOut(s),
    image_url: media(req, s.imageMediaId),
    video_url: media(req, s.videoMediaId),
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
  const scenes = p.scenes.map((s) => ({
    scene_number: s.sceneNumber,
    image_status: s.imageStatus,
    video_status: s.videoStatus,
    ...(s.imageMediaId ? { image_url: media(req, s.imageMediaId) } : {}),
    ...(s.videoMediaId ? { video_url: media(req, s.videoMediaId) } : {}),
  }));
  // The API reference calls the per-scene list `scenes`, the quickstart `scenes_status`: both are sent.
  const base = { id: p.id, status: p.status, progress: p.progress, current_step: p.currentStep, scenes, scenes_status: scenes };
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

/** 202 of POST /scene-projects/{id}/approve. */
export const approvedOut = (projectId: number) => ({
  id: projectId,
  status: "generating" as const,
  progress: 0 as const,
  message: `Video generation started. Use GET /scene-projects/${projectId}/status to track progress.`,
});

/** 202 of POST /scene-projects/{id}/scenes/{scene_number}/regenerate. */
export const regenerateStartedOut = (projectId: number, sceneNumber: number, creditsReserved: number) => ({
  id: projectId,
  scene_number: sceneNumber,
  status: "generating" as const,
  progress: 0 as const,
  credits_reserved: creditsReserved,
  message: `Scene ${sceneNumber} is being regenerated; the final video will be re-stitched. Use GET /scene-projects/${projectId}/status to track progress.`,
});

/** POST /scene-projects/{id}/upscale: started (202), or the URL when it was already upscaled (200). */
export function upscaleOut(req: Request, projectId: number, upscaledMediaId: string | null) {
  if (upscaledMediaId) {
    return { id: projectId, status: "completed" as const, final_video_url_upscaled: media(req, upscaledMediaId), message: "This video is already upscaled." };
  }
  return {
    id: projectId,
    status: "upscaling" as const,
    message: `Upscaling started. final_video_url_upscaled on GET /scene-projects/${projectId} is set when it is done.`,
  };
}

/** 202 of POST /voice-clone/clone. */
export function voiceCloneStartedOut(started: { characterId: number; provider: string; requestedProvider: string }, sampleDurationMs: number) {
  const fallback = started.provider !== started.requestedProvider;
  return {
    person_id: started.characterId,
    status: "processing" as const,
    provider: started.provider,
    requested_provider: started.requestedProvider,
    sample_duration_seconds: Math.round(sampleDurationMs / 100) / 10,
    message: fallback
      ? `${started.requestedProvider} is not configured on this server, so the local voice profiler is cloning the voice. Poll GET /persons/${started.characterId} until has_voice is true.`
      : `Cloning the voice. Poll GET /persons/${started.characterId} until has_voice is true.`,
  };
}
