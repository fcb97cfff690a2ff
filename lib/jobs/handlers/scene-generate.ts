import { projectSize } from "@/lib/projects/size";
import fs from "node:fs/promises";
import { progressReporter } from "@/lib/tasks/reporter";
import { subjects } from "@/lib/tasks/service";
import os from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { characters } from "@/db/schema/characters";
import { projects, scenes } from "@/db/schema/projects";
import { storyFrameSeed, storySceneDurationMs } from "@/lib/composition/recipes/story-project";
import { offlineNote, providerFor, withOfflineFallback } from "@/lib/providers/settings";
import { sceneFramePhotoPath } from "@/lib/characters/service";
import { characterScope } from "@/lib/characters/scope";
import { characterVoice } from "@/lib/characters/voice-view";
import { getMedia, saveMedia } from "@/lib/storage/media";
import { sceneGenerateJob, type JobPayload } from "../definitions";
import { recomputeProjectProgress } from "../progress";
import { maybeStitch } from "./stitch-trigger";
import { STORY_FPS } from "@/lib/projects/timeline";
import { renderSceneVideo, sceneMotion } from "./scene-video";

/**
 * Makes one scene's image and narration (at once), then renders the scene once: its segment (frame with
 * its camera move or talking head, narration, captions) goes into the shared segment cache, where
 * the stitch finds it, and a copy is the scene's video. Each artefact is saved as soon as it
 * exists and skipped when already there, so a redelivered job (after a crash) does not redo work.
 */
export async function handleSceneGenerate(db: Db, data: JobPayload<typeof sceneGenerateJob>, signal?: AbortSignal) {
  const [row] = await db
    .select({ scene: scenes, project: projects })
    .from(scenes)
    .innerJoin(projects, eq(projects.id, scenes.projectId))
    .where(and(eq(scenes.id, data.sceneId), eq(scenes.workspaceId, data.workspaceId)));
  if (!row || row.project.status !== "generating" || row.project.generation !== data.generation) return;
  let scene = row.scene;
  if (scene.status === "completed") return maybeStitch(db, data);

  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), `cinetwin-scene-${scene.id}-`));
  const setScene = async (patch: Partial<typeof scenes.$inferInsert>) => {
    const [next] = await db
      .update(scenes)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(scenes.id, scene.id))
      .returning();
    scene = next;
  };
  const { width, height } = projectSize(row.project);
  // Appended in SQL: the frame and the narration are made at once, and either may note a fallback.
  const noteOffline = (text: string) => setScene({ providerNote: sql`coalesce(nullif(${scenes.providerNote}, '') || '; ', '') || ${text}` as never });
  const frame = async () => {
    if (!scene.imageMediaId) {
      await setScene({ imageStatus: "generating" });
      await recomputeProjectProgress(db, data.projectId, "generating_images");
      const photoPath = await sceneFramePhotoPath(db, row.project, scene.sceneNumber);
      const painter = await providerFor(db, data.workspaceId, "image");
      const frameRequest = {
        prompt: scene.imagePrompt,
        width,
        height,
        seed: storyFrameSeed(data.projectId, scene.sceneNumber, scene.imagePrompt, scene.imageRuns),
        referencePhotoPath: photoPath,
        model: row.project.imageModel,
      };
      const image = await withOfflineFallback(
        painter,
        (p) =>
          p.generate(frameRequest, path.join(tmp, "frame.png"), { signal, scope: { db, workspaceId: data.workspaceId, subject: `scene:${scene.id}:image` } }),
        noteOffline,
      );
      const saved = await saveMedia(db, {
        workspaceId: data.workspaceId,
        kind: "image",
        mime: image.mime,
        source: { path: image.path },
        width: image.width,
        height: image.height,
      });
      await setScene({ imageMediaId: saved.id, imageStatus: "completed", imageRuns: sql`${scenes.imageRuns} + 1` as never });
    }
  };
  const narration = async () => {
    if (!scene.audioMediaId) {
      await setScene({ audioStatus: "generating" });
      await recomputeProjectProgress(db, data.projectId, "generating_narration");
      const voice = await narratorVoice(db, row.project.characterId, data.workspaceId);
      const speaker = await providerFor(db, data.workspaceId, "speech");
      const speech = await withOfflineFallback(
        speaker,
        (p) =>
          p.synthesize(scene.narrationText, voice, path.join(tmp, "narration.wav"), {
            signal,
            scope: { db, workspaceId: data.workspaceId, subject: `scene:${scene.id}:narration` },
          }),
        noteOffline,
      );
      const saved = await saveMedia(db, {
        workspaceId: data.workspaceId,
        kind: "audio",
        mime: "audio/wav",
        source: { path: speech.path },
        durationMs: speech.durationMs,
      });
      await setScene({
        audioMediaId: saved.id,
        narrationSegments: speech.segments,
        audioStatus: "completed",
        audioRuns: sql`${scenes.audioRuns} + 1` as never,
      });
    }
  };
  try {
    await setScene({ status: "generating" });
    // Neither needs the other: made at once, the two steps take the longer one's time. Both are waited
    // for (no provider call outlives the job); then the row is read again, with both steps' writes.
    const made = await Promise.allSettled([frame(), narration()]);
    for (const r of made) if (r.status === "rejected") throw r.reason;
    [scene] = await db.select().from(scenes).where(eq(scenes.id, scene.id));
    signal?.throwIfAborted();

    if (!scene.videoMediaId) {
      await setScene({ videoStatus: "generating" });
      const { progress, stepShare } = await recomputeProjectProgress(db, data.projectId, "generating_scene_videos");
      const audio = await getMedia(db, { mediaId: scene.audioMediaId!, workspaceId: data.workspaceId });
      if (!audio) throw new Error("scene narration went missing; regenerate the scene");
      const durationMs = storySceneDurationMs(audio.durationMs ?? 0, STORY_FPS, scene.holdMs);
      // The motion is decided (and a provider's clip saved) before the render, which reads it from the row.
      await setScene({ ...(await sceneMotion(db, row.project, scene, { durationMs, workDir: tmp, signal, onOffline: noteOffline })), durationMs });
      // The segment render is the longest step of a scene: the run's bar moves through this step's share as it encodes.
      const reporter = progressReporter(db, subjects.project(data.projectId), { from: progress, to: Math.floor(progress + stepShare) });
      const video = await renderSceneVideo(db, row.project, scene, {
        workDir: path.join(tmp, "render"),
        signal,
        onProgress: (f) => reporter.report(f),
      }).finally(() => reporter.flush());
      for (const f of video.talkingHeadFallbacks) await noteOffline(offlineNote("talking-head", f.providerId, f.message));
      await setScene({ videoMediaId: video.mediaId, durationMs: video.durationMs, videoStatus: "completed", videoRuns: sql`${scenes.videoRuns} + 1` as never });
    }

    await setScene({ status: "completed", errorMessage: null });
    await recomputeProjectProgress(db, data.projectId);
    await maybeStitch(db, data);
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

/** The character's voice: cloned once ready, else its catalogue voice, else the default narrator. */
async function narratorVoice(db: Db, characterId: number | null, workspaceId: string) {
  if (!characterId) return null;
  const [c] = await db
    .select({ voice: characters.voice, voiceStatus: characters.voiceStatus, voiceId: characters.voiceId })
    .from(characters)
    .where(characterScope(workspaceId, characterId));
  return characterVoice(c);
}
