import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { withTransaction } from "@/db/transaction";
import { projects, scenes } from "@/db/schema/projects";
import { refundCredits } from "@/lib/credits/ledger";
import { restoreRecaption } from "@/lib/projects/captions";
import { restoreRegeneratedScene } from "@/lib/projects/regenerate";
import { reserveKey } from "@/lib/projects/service";
import { settleTask, subjects } from "@/lib/tasks/service";

/**
 * Ends a project run that ran out of retries: the project is `failed` with a readable reason,
 * finished scenes keep their media for the retry, and the reserved credits go back. A failed
 * regeneration instead puts the scene's previous version back and leaves the project completed,
 * and a failed recaption leaves it completed with the video it had.
 */
export async function failProjectRun(db: Db, data: { projectId: number; workspaceId: string; generation: number; sceneId?: number }, reason: string) {
  await withTransaction(async (ctx) => {
    const { tx } = ctx;
    const [project] = await tx
      .update(projects)
      .set({ status: "failed", updatedAt: new Date() })
      .where(
        and(
          eq(projects.id, data.projectId),
          eq(projects.workspaceId, data.workspaceId),
          eq(projects.generation, data.generation),
          eq(projects.status, "generating"),
        ),
      )
      .returning({ id: projects.id });
    if (!project) return;
    if (data.sceneId) {
      await tx.update(scenes).set({ status: "failed", errorMessage: reason }).where(eq(scenes.id, data.sceneId));
    }
    for (const col of ["imageStatus", "audioStatus", "videoStatus"] as const) {
      await tx
        .update(scenes)
        .set({ [col]: "failed" })
        .where(and(eq(scenes.projectId, data.projectId), eq(scenes[col], "generating")));
    }
    await refundCredits(tx, {
      workspaceId: data.workspaceId,
      reference: `project:${data.projectId}`,
      reserveKey: reserveKey(data.projectId, data.generation),
    });
    const restoredScene = await restoreRegeneratedScene(tx, data.projectId, reason);
    const recaption = await restoreRecaption(tx, data.projectId);
    // A recaption that failed changed nothing an API client knows of: the project is still completed with its video.
    await settleTask(
      ctx,
      subjects.project(data.projectId),
      { status: "failed", error: reason },
      recaption
        ? undefined
        : {
            workspaceId: data.workspaceId,
            event: restoredScene != null ? "scene.regenerated" : "project.failed",
            subject: `project:${data.projectId}`,
            payload:
              restoredScene != null
                ? { id: data.projectId, scene_number: restoredScene, status: "failed", error_message: reason }
                : { id: data.projectId, status: "failed", error_message: reason },
          },
    );
  });
}
