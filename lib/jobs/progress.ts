import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { projects, scenes } from "@/db/schema/projects";
import { subjects, updateTask } from "@/lib/tasks/service";

/** Scene work (image, narration, clip per scene) is the first 90% of a run; the stitch is the rest. */
export const SCENES_SHARE = 90;

/**
 * Writes a story run's progress to its task from the scenes' step statuses. A regeneration
 * counts only the scene it redoes. Scene jobs run side by side: the task never moves back.
 * Returns the progress written and the share one more finished step would add, so a long step
 * (a scene's render) can report its own fractions within it.
 */
export async function recomputeProjectProgress(db: DbOrTx, projectId: number, step?: string): Promise<{ progress: number; stepShare: number }> {
  const [row] = await db
    .select({
      done: sql<number>`(count(*) filter (where ${scenes.imageStatus} = 'completed') + count(*) filter (where ${scenes.audioStatus} = 'completed') + count(*) filter (where ${scenes.videoStatus} = 'completed'))::int`,
      total: sql<number>`(count(*) * 3)::int`,
    })
    .from(scenes)
    .innerJoin(projects, eq(projects.id, scenes.projectId))
    .where(
      and(
        eq(scenes.projectId, projectId),
        sql`(${projects.runKind} <> 'regenerate' or ${projects.regenerateSceneId} is null or ${scenes.id} = ${projects.regenerateSceneId})`,
      ),
    );
  const progress = row.total ? Math.floor((row.done / row.total) * SCENES_SHARE) : 0;
  await updateTask(db, subjects.project(projectId), { progress, step });
  return { progress, stepShare: row.total ? SCENES_SHARE / row.total : 0 };
}
