import { and, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { projects, scenes } from "@/db/schema/projects";
import { projectStitchJob, type JobPayload } from "../definitions";
import { sendJob } from "../boss";
import { subjects, updateTask } from "@/lib/tasks/service";

/** Enqueues the stitch once every scene is done; the singleton key makes repeats harmless. */
export async function maybeStitch(db: Db, data: JobPayload<typeof projectStitchJob>) {
  const pending = await db
    .select({ id: scenes.id })
    .from(scenes)
    .where(and(eq(scenes.projectId, data.projectId), ne(scenes.status, "completed")))
    .limit(1);
  if (pending.length) return;
  const [project] = await db.select().from(projects).where(eq(projects.id, data.projectId));
  if (!project || project.status !== "generating" || project.generation !== data.generation) return;
  await updateTask(db, subjects.project(project.id), { step: "stitching" });
  await sendJob(projectStitchJob, data, { singletonKey: `stitch:${data.projectId}:g${data.generation}` });
}
