import { and, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { projects, scenes, type CaptionEdits } from "@/db/schema/projects";
import { withTransaction } from "@/db/transaction";
import { AppError, notFound } from "@/lib/errors";
import { sendJob } from "@/lib/jobs/boss";
import { projectStitchJob } from "@/lib/jobs/definitions";
import { createTask, subjects } from "@/lib/tasks/service";
import { captionTextSchema, type RecaptionInput } from "@/lib/validation/projects";
import { projectCaptionCues } from "./caption-cues";
import { findProject, type SceneRow } from "./queries";

/**
 * Re-words caption cues of a completed story and re-burns them: one transaction stores the
 * edits on their scenes and queues a "recaption" run, which is only the stitch. Captions are
 * burned per scene segment, so the stitch re-renders the segments of the scenes whose captions
 * changed and reuses the others from the segment cache. Free: nothing is reserved.
 * Returns the numbers of the scenes being re-burned (none when nothing changed).
 */
export async function recaptionProject(db: Db, args: { workspaceId: string; projectId: number; input: RecaptionInput }) {
  return withTransaction(async ({ tx, executeSql }) => {
    const project = await findProject(tx, { projectId: args.projectId, workspaceId: args.workspaceId });
    if (!project) throw notFound("Project");
    const rows = await tx.select().from(scenes).where(eq(scenes.projectId, project.id));
    const edited = applyEdits(rows, args.input.edits);
    if (edited.length === 0) return { sceneNumbers: [], taskId: null };

    const [started] = await tx
      .update(projects)
      .set({
        status: "generating",
        generation: sql`${projects.generation} + 1`,
        runKind: "recaption",
        regenerateSceneId: null,
        recaptionSceneIds: edited.map((e) => e.scene.id),
        creditsReserved: 0,
        updatedAt: new Date(),
      })
      .where(and(eq(projects.id, project.id), eq(projects.status, "completed")))
      .returning();
    if (!started) throw new AppError("bad_request", `Only the captions of a completed project can be edited (project is ${project.status})`);

    for (const { scene, edits } of edited) {
      await tx.update(scenes).set({ captionEdits: edits, updatedAt: new Date() }).where(eq(scenes.id, scene.id));
    }
    const task = await createTask(tx, { workspaceId: args.workspaceId, kind: "project-recaption", subject: subjects.project(project.id), step: "stitching" });
    await sendJob(
      projectStitchJob,
      { projectId: project.id, workspaceId: args.workspaceId, generation: started.generation },
      { executeSql, singletonKey: `stitch:${project.id}:g${started.generation}` },
    );
    return { sceneNumbers: edited.map((e) => e.scene.sceneNumber).sort((a, b) => a - b), taskId: task.id };
  });
}

/**
 * The scenes whose burned wording the edits change, each with its new edits. Every edit is
 * checked against the cue it names; an error says which cue, numbered as the page lists them.
 */
function applyEdits(rows: SceneRow[], edits: RecaptionInput["edits"]) {
  const cues = projectCaptionCues(rows);
  const changed = new Map<number, { scene: SceneRow; edits: CaptionEdits }>();
  for (const edit of edits) {
    const at = cues.findIndex((c) => c.sceneId === edit.sceneId && c.cue === edit.cue);
    if (at < 0) throw new AppError("bad_request", `There is no caption ${edit.cue + 1} in that scene`, "edits");
    const parsed = captionTextSchema(`Cue ${at + 1}`).safeParse(edit.text);
    if (!parsed.success) throw new AppError("bad_request", parsed.error.issues[0].message, "edits");
    if (parsed.data === cues[at].text) continue;
    const scene = rows.find((r) => r.id === edit.sceneId)!;
    const entry = changed.get(scene.id) ?? { scene, edits: { ...(scene.captionEdits ?? {}) } };
    entry.edits[String(edit.cue)] = parsed.data;
    changed.set(scene.id, entry);
  }
  return [...changed.values()];
}

/**
 * After a failed recaption: the project is completed again with the video it had (the stitch
 * replaced nothing); the edits stay on the scenes, so saving again retries them.
 */
export async function restoreRecaption(tx: DbOrTx, projectId: number): Promise<boolean> {
  const [back] = await tx
    .update(projects)
    .set({ status: "completed", updatedAt: new Date() })
    .where(and(eq(projects.id, projectId), eq(projects.runKind, "recaption")))
    .returning({ id: projects.id });
  return !!back;
}
