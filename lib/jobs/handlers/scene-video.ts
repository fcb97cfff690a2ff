import { projectSize } from "@/lib/projects/size";
import path from "node:path";
import type { Db } from "@/db/client";
import { isAvatarScene } from "@/lib/composition/recipes/avatar-scene";
import { dataDir } from "@/lib/env";
import type { ProjectRow, SceneRow } from "@/lib/projects/queries";
import { STORY_FPS, sceneTimeline, storyRenderDeps, storyTalkingHead } from "@/lib/projects/timeline";
import type { MotionResult } from "@/lib/providers/motion/index";
import { providerFor, withOfflineFallback } from "@/lib/providers/settings";
import { renderSegments } from "@/lib/render/render-timeline";
import { storage } from "@/lib/storage/local";
import { getMedia, saveMedia } from "@/lib/storage/media";

/** The segment cache every story render shares: scene jobs fill it, the stitch reads it. */
export const segmentCacheDir = () => path.join(dataDir(), "cache", "segments");

/**
 * How a scene's frame moves: a talking head, a camera move the renderer draws, or a clip the
 * motion provider made (saved at once, so a redelivered job never pays for it twice).
 */
export async function sceneMotion(
  db: Db,
  project: ProjectRow,
  scene: SceneRow,
  opts: { durationMs: number; workDir: string; signal?: AbortSignal; onOffline?: (note: string) => Promise<void> },
): Promise<{ cameraMove: string; motionClipMediaId: string | null }> {
  if (isAvatarScene(project, scene.sceneNumber, project.numScenes)) return { cameraMove: "talking-head", motionClipMediaId: null };
  if (scene.motionClipMediaId && scene.cameraMove) return { cameraMove: scene.cameraMove, motionClipMediaId: scene.motionClipMediaId };
  const image = await getMedia(db, { mediaId: scene.imageMediaId!, workspaceId: project.workspaceId });
  if (!image) throw new Error("scene image went missing; regenerate the scene");
  const { width, height } = projectSize(project);
  const mover = await providerFor(db, project.workspaceId, "motion");
  const request = {
    imagePath: await storage().localPath(image.storageKey),
    motionPrompt: scene.motionPrompt,
    durationMs: opts.durationMs,
    width,
    height,
    fps: STORY_FPS,
    model: project.videoModel,
  };
  const motion: MotionResult = await withOfflineFallback(
    mover,
    (p) =>
      p.animate(request, path.join(opts.workDir, "motion-clip.mp4"), {
        signal: opts.signal,
        scope: { db, workspaceId: project.workspaceId, subject: `scene:${scene.id}:motion` },
      }),
    opts.onOffline ?? (async () => {}),
  );
  if (motion.kind === "camera") return { cameraMove: motion.move, motionClipMediaId: null };
  const clip = await saveMedia(db, {
    workspaceId: project.workspaceId,
    kind: "video",
    mime: "video/mp4",
    source: { path: motion.path },
    width,
    height,
    durationMs: motion.durationMs,
  });
  return { cameraMove: motion.move, motionClipMediaId: clip.id };
}

/**
 * Renders one scene's segment (frame + motion or talking head, narration, captions) into the
 * shared segment cache through the timeline renderer, and saves a copy as the scene's video.
 * The stitch later asks for the same segment and finds it cached, so each scene is encoded once.
 */
export async function renderSceneVideo(
  db: Db,
  project: ProjectRow,
  scene: SceneRow,
  opts: { workDir: string; signal?: AbortSignal; onProgress?: (fraction: number) => void },
) {
  const { timeline, byId } = await sceneTimeline(db, project, scene);
  const rendered = await renderSegments(timeline, {
    ...storyRenderDeps(db, project, byId),
    ...(await storyTalkingHead(db, project, `scene:${scene.id}`, true)),
    workDir: opts.workDir,
    cacheDir: segmentCacheDir(),
    signal: opts.signal,
    onProgress: opts.onProgress,
  });
  const [segment] = rendered.segments;
  const durationMs = timeline.scenes[0].duration!;
  const { width, height } = rendered.params;
  const saved = await saveMedia(db, {
    workspaceId: project.workspaceId,
    kind: "video",
    mime: "video/mp4",
    source: { path: segment.path },
    width,
    height,
    durationMs,
  });
  return { mediaId: saved.id, durationMs, segment, talkingHeadFallbacks: rendered.prepared.talkingHeadFallbacks };
}
