import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { projects } from "@/db/schema/projects";
import { withTransaction } from "@/db/transaction";
import { AppError, notFound } from "@/lib/errors";
import { sendJob } from "@/lib/jobs/boss";
import { projectUpscaleJob } from "@/lib/jobs/definitions";
import { createTask, subjects } from "@/lib/tasks/service";
import { findProject } from "./queries";

/**
 * Starts upscaling a completed project's final video (free, as the scene-projects API has it).
 * Asking again while it runs, or once it is done for the current cut, changes nothing.
 */
export async function startUpscale(db: Db, args: { workspaceId: string; projectId: number }) {
  return withTransaction(async ({ tx, executeSql }) => {
    const project = await findProject(tx, args);
    if (!project) throw notFound("Project");
    if (project.status !== "completed" || !project.finalVideoMediaId) {
      throw new AppError("bad_request", `Only a completed project can be upscaled (project is ${project.status})`);
    }
    if (project.upscaleStatus === "upscaling" || (project.upscaleStatus === "completed" && project.upscaledVideoMediaId)) {
      return { project, started: false };
    }
    const [updated] = await tx
      .update(projects)
      .set({ upscaleStatus: "upscaling", upscaledVideoMediaId: null, updatedAt: new Date() })
      .where(and(eq(projects.id, project.id), eq(projects.finalVideoMediaId, project.finalVideoMediaId)))
      .returning();
    await createTask(tx, { workspaceId: args.workspaceId, kind: "project-upscale", subject: subjects.upscale(project.id) });
    await sendJob(
      projectUpscaleJob,
      { projectId: project.id, workspaceId: args.workspaceId, sourceMediaId: project.finalVideoMediaId },
      { executeSql, singletonKey: `upscale:${project.id}:${project.finalVideoMediaId}` },
    );
    return { project: updated, started: true };
  });
}
