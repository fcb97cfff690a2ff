import { sliceText } from "@/lib/format";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { media } from "@/db/schema/media";
import { characters } from "@/db/schema/characters";
import { projects, scenes } from "@/db/schema/projects";
import { withTransaction } from "@/db/transaction";
import type { Principal } from "@/lib/auth/tokens";
import { storyCharacterOf } from "@/lib/characters/memory";
import { characterScope } from "@/lib/characters/scope";
import { reserveCredits } from "@/lib/credits/ledger";
import { AppError, notFound } from "@/lib/errors";
import { projectGenerateJob } from "@/lib/jobs/definitions";
import { sendJob } from "@/lib/jobs/boss";
import { providerFor, withOfflineFallback } from "@/lib/providers/settings";
import { createTask, settleTask, subjects } from "@/lib/tasks/service";
import type { ApproveInput, CreateStoryInput, UpdateSceneInput } from "@/lib/validation/projects";
import { estimateCost } from "./cost";
import { findProject, getProject } from "./queries";

const titleFrom = (idea: string) => {
  const first = idea.trim().split(/(?<=[.!?])\s/)[0];
  return first.length > 80 ? `${sliceText(first, 77).trimEnd()}…` : first;
};

/**
 * Creates a project and has the story writer propose its scenes (draft -> creating -> proposed).
 * A writer failure leaves the project in `failed` with the reason, so nothing is half-made.
 */
export async function createStoryProject(db: Db, p: Principal, input: Omit<CreateStoryInput, "aspectRatio"> & Partial<Pick<CreateStoryInput, "aspectRatio">>) {
  const [character] = await db.select().from(characters).where(characterScope(p.workspaceId, input.characterId));
  if (!character) throw notFound("Character");

  const [project] = await db
    .insert(projects)
    .values({
      workspaceId: p.workspaceId,
      characterId: character.id,
      title: titleFrom(input.storyIdea),
      storyIdea: input.storyIdea,
      numScenes: input.numScenes,
      status: "creating",
      useAvatarFirstScene: input.useAvatarFirstScene,
      useAvatarLastScene: input.useAvatarLastScene,
      aspectRatio: input.aspectRatio ?? "16:9",
      music: await checkedMusic(db, p.workspaceId, input.music ?? null),
    })
    .returning();

  try {
    const request = { idea: input.storyIdea, numScenes: input.numScenes, character: await storyCharacterOf(db, character) };
    const plans = await withOfflineFallback(await providerFor(db, p.workspaceId, "story"), (w) => w.proposeScenes(request), logOffline);
    await db.transaction(async (tx) => {
      await tx.insert(scenes).values(
        plans.slice(0, input.numScenes).map((plan, i) => ({
          workspaceId: p.workspaceId,
          projectId: project.id,
          sceneNumber: i + 1,
          description: plan.description,
          imagePrompt: plan.imagePrompt,
          motionPrompt: plan.motionPrompt,
          narrationText: plan.narrationText,
        })),
      );
      await tx.update(projects).set({ status: "proposed", updatedAt: new Date() }).where(eq(projects.id, project.id));
    });
  } catch (e) {
    console.error("[story] proposal failed", e);
    await withTransaction(async (ctx) => {
      await ctx.tx.update(projects).set({ status: "failed", updatedAt: new Date() }).where(eq(projects.id, project.id));
      await createTask(ctx.tx, { workspaceId: p.workspaceId, kind: "story-propose", subject: subjects.project(project.id) });
      await settleTask(ctx, subjects.project(project.id), { status: "failed", error: "The story writer could not propose scenes" });
    });
    throw new AppError("unprocessable", "The story writer could not propose scenes for this idea; try rephrasing it");
  }
  return getProject(db, { projectId: project.id, workspaceId: p.workspaceId });
}

/** A music source the workspace can use: a built-in track, or one of its own library sounds. */
export async function checkedMusic(db: DbOrTx, workspaceId: string, music: string | null): Promise<string | null> {
  if (!music?.startsWith("media:")) return music;
  const [row] = await db
    .select({ kind: media.kind })
    .from(media)
    .where(and(eq(media.id, music.slice("media:".length)), eq(media.workspaceId, workspaceId)));
  if (!row) throw new AppError("not_found", "music: no such sound in this workspace's library", "music");
  if (row.kind !== "audio")
    throw new AppError("unprocessable", `music: that library item is ${row.kind === "image" ? "an image" : `a ${row.kind}`}, not a sound`, "music");
  return music;
}

/** Sets the story's music bed, before approval (the bed is mixed in when the story is made). */
export async function setProjectMusic(db: Db, args: { workspaceId: string; projectId: number; music: string | null }) {
  await requireEditable(db, args.workspaceId, args.projectId);
  const music = await checkedMusic(db, args.workspaceId, args.music);
  await db.update(projects).set({ music, updatedAt: new Date() }).where(eq(projects.id, args.projectId));
  return { music };
}

async function requireEditable(db: Db, workspaceId: string, projectId: number) {
  const project = await findProject(db, { projectId, workspaceId });
  if (!project) throw notFound("Project");
  if (project.status !== "proposed" && project.status !== "draft") {
    throw new AppError("bad_request", `Scenes can only be edited before approval (project is ${project.status})`);
  }
  return project;
}

export async function updateScene(db: Db, args: { workspaceId: string; projectId: number; sceneId: number; patch: UpdateSceneInput }) {
  await requireEditable(db, args.workspaceId, args.projectId);
  const [row] = await db
    .update(scenes)
    .set({ ...args.patch, updatedAt: new Date() })
    .where(and(eq(scenes.id, args.sceneId), eq(scenes.projectId, args.projectId), eq(scenes.workspaceId, args.workspaceId)))
    .returning();
  if (!row) throw notFound("Scene");
  await db.update(projects).set({ updatedAt: new Date() }).where(eq(projects.id, args.projectId));
  return row;
}

/** Renumbers the scenes in the given order (every scene of the project, each once). */
export async function reorderScenes(db: Db, args: { workspaceId: string; projectId: number; sceneIds: number[] }) {
  const project = await requireEditable(db, args.workspaceId, args.projectId);
  const current = await db.select({ id: scenes.id }).from(scenes).where(eq(scenes.projectId, project.id));
  const known = new Set(current.map((s) => s.id));
  if (args.sceneIds.length !== known.size || new Set(args.sceneIds).size !== known.size || !args.sceneIds.every((id) => known.has(id))) {
    throw new AppError("bad_request", "sceneIds must list every scene of the project exactly once", "sceneIds");
  }
  await db.transaction(async (tx) => {
    // Two passes keep the (project, scene_number) unique index satisfied mid-way.
    await tx
      .update(scenes)
      .set({ sceneNumber: sql`-${scenes.sceneNumber}` })
      .where(eq(scenes.projectId, project.id));
    for (const [i, id] of args.sceneIds.entries()) {
      await tx
        .update(scenes)
        .set({ sceneNumber: i + 1, updatedAt: new Date() })
        .where(eq(scenes.id, id));
    }
  });
  return getProject(db, { projectId: project.id, workspaceId: args.workspaceId });
}

export const reserveKey = (projectId: number, generation: number) => `reserve:project:${projectId}:g${generation}`;

/**
 * Approves a proposed project (or retries a failed one): one transaction moves it to
 * `generating`, reserves its credits and enqueues generation, so a double click, a second tab
 * or too few credits can never charge twice or leave a half-started project.
 */
export async function approveProject(db: Db, args: { workspaceId: string; projectId: number; input: ApproveInput; retry?: boolean }) {
  // A duplicate starts in draft: approved like a proposal.
  const from = args.retry ? ["failed" as const] : ["proposed" as const, "draft" as const];
  const result = await withTransaction(async ({ tx, executeSql }) => {
    const [project] = await tx
      .update(projects)
      .set({
        status: "generating",
        generation: sql`${projects.generation} + 1`,
        runKind: "generate",
        regenerateSceneId: null,
        approvedAt: new Date(),
        updatedAt: new Date(),
        videoModel: args.input.videoModel ?? "local-camera",
        imageModel: args.input.imageModel ?? "local-procedural",
      })
      .where(and(eq(projects.id, args.projectId), eq(projects.workspaceId, args.workspaceId), inArray(projects.status, from)))
      .returning();
    if (!project) {
      const existing = await findProject(tx, { projectId: args.projectId, workspaceId: args.workspaceId });
      if (!existing) throw notFound("Project");
      throw new AppError(
        "bad_request",
        args.retry ? `Only a failed project can be retried (project is ${existing.status})` : `Project not in proposed state (project is ${existing.status})`,
      );
    }
    const sceneRows = await tx.select().from(scenes).where(eq(scenes.projectId, project.id));
    const cost = estimateCost(sceneRows);
    await reserveCredits(tx, {
      workspaceId: args.workspaceId,
      amount: cost.totalCredits,
      reference: `project:${project.id}`,
      idempotencyKey: reserveKey(project.id, project.generation),
    });
    // Finished scenes keep their media; anything unfinished starts again.
    await tx
      .update(scenes)
      .set({
        status: sql`case when ${scenes.status} = 'completed' then 'completed' else 'pending' end`,
        imageStatus: sql`case when ${scenes.imageMediaId} is null then 'pending' else 'completed' end`,
        audioStatus: sql`case when ${scenes.audioMediaId} is null then 'pending' else 'completed' end`,
        videoStatus: sql`case when ${scenes.videoMediaId} is null then 'pending' else 'completed' end`,
        errorMessage: null,
      })
      .where(eq(scenes.projectId, project.id));
    await tx.update(projects).set({ creditsReserved: cost.totalCredits }).where(eq(projects.id, project.id));
    const task = await createTask(tx, { workspaceId: args.workspaceId, kind: "project-generate", subject: subjects.project(project.id) });
    await sendJob(
      projectGenerateJob,
      { projectId: project.id, workspaceId: args.workspaceId, generation: project.generation },
      { executeSql, singletonKey: `generate:${project.id}:g${project.generation}` },
    );
    return { project, cost, taskId: task.id };
  });
  return result;
}

/** A story written offline instead has no scene to carry the note yet: the log keeps it. */
async function logOffline(note: string) {
  console.warn(`[projects] story ${note}`);
}
