import { isAvatarScene } from "@/lib/composition/recipes/avatar-scene";
import { signedMediaPath } from "@/lib/storage/media";
import { storySceneLengthMs } from "@/lib/composition/recipes/story-project";
import type { ProviderSelection } from "@/lib/credits/vendor-prices";
import { estimateCost, estimateNarrationMs, estimateProjectVendorCost, providersFromEnv } from "./cost";
import { framePreviewsAvailable, framePreviewVersion } from "./frame-preview";
import { projectCaptionCues } from "./caption-cues";
import type { ProjectWithScenes } from "./queries";
import { projectSize } from "./size";

const url = (id: string | null, download = false) => (id ? signedMediaPath(id, { download }) : null);

/**
 * What the studio pages render and poll: plain JSON with signed media paths. `providers` prices the
 * vendors' share of the cost (the environment's unless a caller knows the workspace's own).
 */
export function toProjectView(p: ProjectWithScenes, characterName?: string | null, providers: ProviderSelection = providersFromEnv()) {
  const previews = framePreviewsAvailable();
  return {
    id: p.id,
    title: p.title,
    storyIdea: p.storyIdea,
    characterId: p.characterId,
    characterName: characterName ?? null,
    status: p.status,
    taskId: p.taskId,
    upscaleTaskId: p.upscaleTaskId,
    progress: p.progress,
    currentStep: p.currentStep,
    errorMessage: p.errorMessage,
    generation: p.generation,
    creditsReserved: p.creditsReserved,
    creditsUsed: p.creditsUsed,
    totalDurationMs: p.totalDurationMs,
    useAvatarFirstScene: p.useAvatarFirstScene,
    useAvatarLastScene: p.useAvatarLastScene,
    aspectRatio: p.aspectRatio,
    music: p.music,
    runKind: p.runKind,
    regenerateSceneId: p.status === "generating" && p.runKind === "regenerate" ? p.regenerateSceneId : null,
    /** The scenes a running recaption re-burns, by number. */
    recaptionSceneNumbers:
      p.status === "generating" && p.runKind === "recaption" ? p.scenes.filter((s) => p.recaptionSceneIds?.includes(s.id)).map((s) => s.sceneNumber) : [],
    /** A finished story's burned-in captions, cue by cue, as the creator can reword them. */
    captions: p.finalVideoMediaId ? projectCaptionCues(p.scenes) : [],
    upscaleStatus: p.upscaleStatus,
    upscaleError: p.upscaleError,
    upscaleNote: p.upscaleNote,
    upscaledVideoUrl: url(p.upscaledVideoMediaId),
    upscaledVideoDownloadUrl: url(p.upscaledVideoMediaId, true),
    finalVideoUrl: url(p.finalVideoMediaId),
    finalVideoDownloadUrl: url(p.finalVideoMediaId, true),
    thumbnailUrl: url(p.thumbnailMediaId),
    captionsUrl: url(p.captionsMediaId),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    /** The credits, and what the vendors charge for the same work (`vendor`, in dollars). */
    cost: { ...estimateCost(p.scenes), vendor: estimateProjectVendorCost(p.scenes, providers, projectSize(p)) },
    scenes: p.scenes.map((s) => ({
      id: s.id,
      isAvatar: isAvatarScene(p, s.sceneNumber, p.scenes.length),
      sceneNumber: s.sceneNumber,
      description: s.description,
      imagePrompt: s.imagePrompt,
      motionPrompt: s.motionPrompt,
      narrationText: s.narrationText,
      status: s.status,
      imageStatus: s.imageStatus,
      audioStatus: s.audioStatus,
      videoStatus: s.videoStatus,
      imageUrl: url(s.imageMediaId),
      /** Before a frame exists: a free preview of it, when the image provider can paint one at no cost. */
      previewUrl: !s.imageMediaId && previews ? `/api/projects/${p.id}/scenes/${s.id}/preview?v=${framePreviewVersion(s)}` : null,
      videoUrl: url(s.videoMediaId),
      audioUrl: url(s.audioMediaId),
      cameraMove: s.cameraMove,
      durationMs: s.durationMs,
      /** The creator's fixed length, or null: the narration plus a breath. */
      holdMs: s.holdMs,
      /** How long the scene will run, estimated from its narration's text until it is spoken. */
      estimatedMs: storySceneLengthMs(estimateNarrationMs(s.narrationText), s.holdMs),
      errorMessage: s.errorMessage,
      /** Why a part was made offline instead of by the chosen provider ("Frame made offline: fal failed: ..."). */
      providerNote: s.providerNote,
    })),
  };
}

export type ProjectView = ReturnType<typeof toProjectView>;
export type SceneView = ProjectView["scenes"][number];

export const TERMINAL_STATUSES = new Set(["completed", "failed", "proposed", "draft"]);
