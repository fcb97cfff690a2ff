import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { projects, scenes } from "@/db/schema/projects";
import { projectGenerateJob, sceneGenerateJob, type JobPayload } from "../definitions";
import { sendJob } from "../boss";
import { maybeStitch } from "./stitch-trigger";
import { startTask, subjects } from "@/lib/tasks/service";

/** Fans a project run out into one job per unfinished scene. */
export async function handleProjectGenerate(db: Db, data: JobPayload<typeof projectGenerateJob>) {
  const [project] = await db
    .select()
    .from(projects)
    .where(and(eq(projects.id, data.projectId), eq(projects.workspaceId, data.workspaceId)));
  if (!project || project.status !== "generating" || project.generation !== data.generation) return;
  await startTask(db, subjects.project(project.id), "generating_scenes");
  const rows = await db.select().from(scenes).where(eq(scenes.projectId, project.id));
  for (const scene of rows) {
    if (scene.status === "completed") continue;
    await sendJob(sceneGenerateJob, { ...data, sceneId: scene.id }, { singletonKey: `scene:${scene.id}:g${data.generation}` });
  }
  await maybeStitch(db, data);
}
