import { and, asc, desc, eq, inArray, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { characters } from "@/db/schema/characters";
import { projects, scenes, type ProjectStatus } from "@/db/schema/projects";
import { liveCharacter } from "@/lib/characters/scope";
import { notFound } from "@/lib/errors";
import { latestTasks, subjects, type TaskRow } from "@/lib/tasks/service";

export type ProjectRow = typeof projects.$inferSelect;
export type SceneRow = typeof scenes.$inferSelect;

/** What a project's run and upscale tasks say: progress, step and errors live there, not on the project. */
export interface ProjectTaskFields {
  taskId: string | null;
  progress: number;
  currentStep: string | null;
  errorMessage: string | null;
  upscaleTaskId: string | null;
  upscaleError: string | null;
  /** Why the upscale was made offline instead of by the chosen provider. */
  upscaleNote: string | null;
}
export type ProjectWithTask = ProjectRow & ProjectTaskFields;
export type ProjectWithScenes = ProjectWithTask & { scenes: SceneRow[] };

/**
 * Reads a project's state from its newest tasks. A completed project reads 100% whatever its last
 * run said (a failed regeneration leaves the project completed with its previous video).
 */
export function projectTaskFields(p: ProjectRow, run: TaskRow | undefined, upscale: TaskRow | undefined): ProjectTaskFields {
  const done = p.status === "completed";
  return {
    taskId: run?.id ?? null,
    progress: done ? 100 : (run?.progress ?? 0),
    currentStep: done ? "completed" : (run?.step ?? null),
    errorMessage: p.status === "failed" ? (run?.error ?? "Generation failed") : null,
    upscaleTaskId: upscale?.id ?? null,
    upscaleError: p.upscaleStatus === "failed" ? (upscale?.error ?? "Upscaling failed") : null,
    upscaleNote: p.upscaleStatus === "completed" ? noteOf(upscale) : null,
  };
}

const noteOf = (task: TaskRow | undefined) => {
  const note = (task?.result as { offlineNote?: unknown } | null | undefined)?.offlineNote;
  return typeof note === "string" ? note : null;
};

/** Each project with its task fields, in two queries whatever the number of projects. */
export async function withProjectTasks<T extends ProjectRow>(db: DbOrTx, rows: T[]): Promise<Array<T & ProjectTaskFields>> {
  const found = await latestTasks(
    db,
    rows.flatMap((p) => [subjects.project(p.id), subjects.upscale(p.id)]),
  );
  return rows.map((p) => ({ ...p, ...projectTaskFields(p, found.get(subjects.project(p.id)), found.get(subjects.upscale(p.id))) }));
}

const scoped = (projectId: number, workspaceId: string) => and(eq(projects.id, projectId), eq(projects.workspaceId, workspaceId));

export async function findProject(db: DbOrTx, args: { projectId: number; workspaceId: string }) {
  const [row] = await db.select().from(projects).where(scoped(args.projectId, args.workspaceId));
  return row ?? null;
}

/** The project with its scenes in order; a project of another workspace is simply not found. */
export async function getProject(db: DbOrTx, args: { projectId: number; workspaceId: string }): Promise<ProjectWithScenes> {
  const row = await findProject(db, args);
  if (!row) throw notFound("Project");
  const [project] = await withProjectTasks(db, [row]);
  const rows = await db.select().from(scenes).where(eq(scenes.projectId, project.id)).orderBy(asc(scenes.sceneNumber));
  return { ...project, scenes: rows };
}

export async function listProjects(db: DbOrTx, args: { workspaceId: string; characterId?: number; status?: ProjectStatus; limit?: number; offset?: number }) {
  const where: SQL[] = [eq(projects.workspaceId, args.workspaceId)];
  if (args.characterId) where.push(eq(projects.characterId, args.characterId));
  if (args.status) where.push(eq(projects.status, args.status));
  const rows = await db
    .select({ project: projects, characterName: characters.name })
    .from(projects)
    .leftJoin(characters, and(eq(characters.id, projects.characterId), liveCharacter))
    .where(and(...where))
    .orderBy(desc(projects.createdAt), desc(projects.id))
    .limit(args.limit ?? 50)
    .offset(args.offset ?? 0);
  const withTasks = await withProjectTasks(
    db,
    rows.map((r) => r.project),
  );
  return rows.map((r, i) => ({ project: withTasks[i], characterName: r.characterName }));
}

export async function scenesOf(db: DbOrTx, projectIds: number[]) {
  if (!projectIds.length) return [];
  return db.select().from(scenes).where(inArray(scenes.projectId, projectIds)).orderBy(asc(scenes.sceneNumber));
}
