import { and, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { projects, scenes } from "@/db/schema/projects";
import { withTransaction } from "@/db/transaction";
import { reserveCredits } from "@/lib/credits/ledger";
import { isAvatarScene } from "@/lib/composition/recipes/avatar-scene";
import { AppError, notFound } from "@/lib/errors";
import { sendJob } from "@/lib/jobs/boss";
import { projectGenerateJob } from "@/lib/jobs/definitions";
import { createTask, subjects } from "@/lib/tasks/service";
import type { RegenerateSceneInput } from "@/lib/validation/projects";
import { dropOfflineNotes } from "@/lib/providers/settings";
import { estimateCost } from "./cost";
import { findProject } from "./queries";
import { reserveKey } from "./service";

/**
 * Regenerates one scene of a completed project as a new run of the ordinary pipeline: one
 * transaction reserves that scene's price, keeps its current media aside (put back if the run
 * fails) and queues generation, which redoes only this scene; the stitch then re-renders only
 * its segment (the others are reused from the segment cache) and the final video is replaced.
 */
export async function regenerateScene(db: Db, args: { workspaceId: string; projectId: number; sceneNumber: number; input: RegenerateSceneInput }) {
  const { input } = args;
  return withTransaction(async ({ tx, executeSql }) => {
    const project = await findProject(tx, { projectId: args.projectId, workspaceId: args.workspaceId });
    if (!project) throw notFound("Project");
    const [scene] = await tx
      .select()
      .from(scenes)
      .where(and(eq(scenes.projectId, project.id), eq(scenes.sceneNumber, args.sceneNumber)));
    if (!scene) throw notFound("Scene");
    // A talking head's clip follows from its frame and narration alone: a new clip of the same frame would be the same clip.
    if (!input.regenerateImage && isAvatarScene(project, scene.sceneNumber, project.numScenes)) {
      throw new AppError(
        "bad_request",
        "This scene is a talking head: its clip comes from its image and narration, so regenerate its image",
        "regenerateImage",
      );
    }

    const [started] = await tx
      .update(projects)
      .set({
        status: "generating",
        generation: sql`${projects.generation} + 1`,
        runKind: "regenerate",
        regenerateSceneId: scene.id,
        updatedAt: new Date(),
      })
      .where(and(eq(projects.id, project.id), eq(projects.status, "completed")))
      .returning();
    if (!started) {
      throw new AppError("bad_request", `Only the scenes of a completed project can be regenerated (project is ${project.status})`);
    }

    const cost = estimateCost([scene]);
    await reserveCredits(tx, {
      workspaceId: args.workspaceId,
      amount: cost.totalCredits,
      reference: `project:${project.id}`,
      idempotencyKey: reserveKey(project.id, started.generation),
    });
    // The scene's video (its segment) is rendered again: with the new image, or the new camera move.
    const newImage = input.regenerateImage;
    await tx
      .update(scenes)
      .set({
        previousMedia: {
          imageMediaId: scene.imageMediaId,
          videoMediaId: scene.videoMediaId,
          motionClipMediaId: scene.motionClipMediaId,
          imagePrompt: scene.imagePrompt,
          motionPrompt: scene.motionPrompt,
          cameraMove: scene.cameraMove,
          durationMs: scene.durationMs,
          providerNote: scene.providerNote,
        },
        imagePrompt: input.updatedImagePrompt ?? scene.imagePrompt,
        motionPrompt: input.updatedMotionPrompt ?? scene.motionPrompt,
        status: "pending",
        ...(newImage ? { imageMediaId: null, imageStatus: "pending" as const } : {}),
        videoMediaId: null,
        motionClipMediaId: null,
        videoStatus: "pending",
        errorMessage: null,
        // What was made offline last time is made again: its note goes, the narration's stays.
        providerNote: dropOfflineNotes(scene.providerNote, newImage ? ["image", "motion", "talking-head"] : ["motion", "talking-head"]),
        updatedAt: new Date(),
      })
      .where(eq(scenes.id, scene.id));
    await tx.update(projects).set({ creditsReserved: cost.totalCredits }).where(eq(projects.id, project.id));
    const task = await createTask(tx, { workspaceId: args.workspaceId, kind: "scene-regenerate", subject: subjects.project(project.id) });
    await sendJob(
      projectGenerateJob,
      { projectId: project.id, workspaceId: args.workspaceId, generation: started.generation },
      { executeSql, singletonKey: `generate:${project.id}:g${started.generation}` },
    );
    return { project: started, scene, cost, taskId: task.id };
  });
}

/**
 * After a failed regeneration: the scene gets its previous media and prompts back and the
 * project is `completed` again with its previous final video, so nothing the user had is lost.
 * Returns the scene number that was restored, or null when the run was not a regeneration.
 */
export async function restoreRegeneratedScene(tx: DbOrTx, projectId: number, reason: string): Promise<number | null> {
  const [project] = await tx.select().from(projects).where(eq(projects.id, projectId));
  if (!project || project.runKind !== "regenerate" || !project.regenerateSceneId) return null;
  const [scene] = await tx.select().from(scenes).where(eq(scenes.id, project.regenerateSceneId));
  if (!scene) return null;
  const prev = scene.previousMedia;
  await tx
    .update(scenes)
    .set({
      ...(prev
        ? {
            imageMediaId: prev.imageMediaId,
            videoMediaId: prev.videoMediaId,
            motionClipMediaId: prev.motionClipMediaId ?? null,
            imagePrompt: prev.imagePrompt,
            motionPrompt: prev.motionPrompt,
            cameraMove: prev.cameraMove,
            durationMs: prev.durationMs,
            ...(prev.providerNote !== undefined ? { providerNote: prev.providerNote } : {}),
          }
        : {}),
      previousMedia: null,
      status: "completed",
      imageStatus: "completed",
      videoStatus: "completed",
      audioStatus: "completed",
      errorMessage: `Regeneration failed: ${reason}. The previous version was kept and the credits refunded.`,
      updatedAt: new Date(),
    })
    .where(eq(scenes.id, scene.id));
  await tx.update(projects).set({ status: "completed", updatedAt: new Date() }).where(eq(projects.id, projectId));
  return scene.sceneNumber;
}
