import { and, asc, desc, eq, inArray, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { characters } from "@/db/schema/characters";
import { projects, scenes, type ProjectStatus } from "@/db/schema/projects";
import { notFound } from "@/lib/errors";

export type ProjectRow = typeof projects.$inferSelect;
export type SceneRow = typeof scenes.$inferSelect;
export type ProjectWithScenes = ProjectRow & { scenes: SceneRow[] };

const scoped = (projectId: number, workspaceId: string) =>
  and(eq(projects.id, projectId), eq(projects.workspaceId, workspaceId));

export async function findProject(db: DbOrTx, args: { projectId: number; workspaceId: string }) {
  const [row] = await db.select().from(projects).where(scoped(args.projectId, args.workspaceId));
  return row ?? null;
}

/** The project with its scenes in order; a project of another workspace is simply not found. */
export async function getProject(db: DbOrTx, args: { projectId: number; workspaceId: string }): Promise<ProjectWithScenes> {
  const project = await findProject(db, args);
  if (!project) throw notFound("Project");
  const rows = await db
    .select()
    .from(scenes)
    .where(eq(scenes.projectId, project.id))
    .orderBy(asc(scenes.sceneNumber));
  return { ...project, scenes: rows };
}

export async function listProjects(
  db: DbOrTx,
  args: { workspaceId: string; characterId?: number; status?: ProjectStatus; limit?: number; offset?: number },
) {
  const where: SQL[] = [eq(projects.workspaceId, args.workspaceId)];
  if (args.characterId) where.push(eq(projects.characterId, args.characterId));
  if (args.status) where.push(eq(projects.status, args.status));
  return db
    .select({ project: projects, characterName: characters.name })
    .from(projects)
    .leftJoin(characters, eq(characters.id, projects.characterId))
    .where(and(...where))
    .orderBy(desc(projects.createdAt), desc(projects.id))
    .limit(args.limit ?? 50)
    .offset(args.offset ?? 0);
}

export async function scenesOf(db: DbOrTx, projectIds: number[]) {
  if (!projectIds.length) return [];
  return db.select().from(scenes).where(inArray(scenes.projectId, projectIds)).orderBy(asc(scenes.sceneNumber));
}
