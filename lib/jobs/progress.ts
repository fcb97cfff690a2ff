import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { tasks } from "@/db/schema/jobs";
import { projects, scenes } from "@/db/schema/projects";

/**
 * Scene work is 90% of a run (image, narration, clip per scene); stitching is the last 10%.
 * A regeneration counts only the scene it redoes.
 */
export async function recomputeProjectProgress(db: DbOrTx, projectId: number, step?: string) {
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
  const progress = row.total ? Math.floor((row.done / row.total) * 90) : 0;
  await db
    .update(projects)
    // Scene jobs run side by side and each recomputes: never let an older count win and move the bar back.
    .set({ progress: sql`greatest(${projects.progress}, ${progress})`, ...(step ? { currentStep: step } : {}), updatedAt: new Date() })
    .where(and(eq(projects.id, projectId), eq(projects.status, "generating")));
  await updateProjectTask(db, projectId, { status: "running", progress, step });
}

export interface TaskPatch {
  status?: "running" | "completed" | "failed";
  progress?: number;
  step?: string;
  error?: string | null;
  result?: Record<string, unknown>;
}

export function updateProjectTask(db: DbOrTx, projectId: number, patch: TaskPatch) {
  return updateSubjectTask(db, `project:${projectId}`, patch);
}

/** Updates the newest task of `subject` (the current run of that work), unless it has completed. */
export async function updateSubjectTask(db: DbOrTx, subject: string, patch: TaskPatch) {
  const clean = Object.entries(patch).filter(([, v]) => v !== undefined);
  await db.execute(sql`
    update ${tasks} set ${sql.join(
      [
        ...clean.map(([k, v]) => (k === "result" ? sql`result = ${JSON.stringify(v)}::jsonb` : sql`${sql.identifier(k)} = ${v}`)),
        sql`updated_at = now()`,
      ],
      sql`, `,
    )}
    where id = (select id from ${tasks} where subject = ${subject} order by created_at desc limit 1)
      and status <> 'completed'`);
}
