import { and, eq, gt, gte, inArray, lt, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { characters } from "@/db/schema/characters";
import { media } from "@/db/schema/media";
import { projects, scenes } from "@/db/schema/projects";
import { generatedVideos } from "@/db/schema/videos";
import { storyCharacterOf } from "@/lib/characters/memory";
import { characterScope } from "@/lib/characters/scope";
import { AppError, notFound } from "@/lib/errors";
import { sliceText } from "@/lib/format";
import type { StoryCharacter } from "@/lib/providers/story/index";
import { bridgeScene } from "@/lib/providers/story/bridge";
import { forgetVendorCalls } from "@/lib/providers/jobs";
import { removeStoredFiles } from "@/lib/storage/remove";
import { projectTitleSchema, type AddSceneInput } from "@/lib/validation/projects";
import { getProject, type ProjectRow, type SceneRow } from "./queries";

type Scoped = { workspaceId: string; projectId: number };

/** The most and fewest scenes a story has (what creating one allows). */
export const MAX_SCENES = 10;
export const MIN_SCENES = 2;

const scoped = (a: Scoped) => and(eq(projects.id, a.projectId), eq(projects.workspaceId, a.workspaceId));

/** The project's row, locked until the transaction ends so an approval cannot slip in between. */
async function lockProject(tx: DbOrTx, a: Scoped): Promise<ProjectRow> {
  const [row] = await tx.select().from(projects).where(scoped(a)).for("update");
  if (!row) throw notFound("Project");
  return row;
}

function requireBeforeApproval(project: ProjectRow) {
  if (project.status !== "proposed" && project.status !== "draft") {
    throw new AppError("bad_request", `Scenes can only be added or removed before approval (project is ${project.status})`, "sceneId");
  }
}

export async function renameProject(db: Db, args: Scoped & { title: unknown }) {
  const parsed = projectTitleSchema.safeParse(args.title);
  if (!parsed.success) throw new AppError("bad_request", parsed.error.issues[0].message, "title");
  const [row] = await db.update(projects).set({ title: parsed.data, updatedAt: new Date() }).where(scoped(args)).returning();
  if (!row) throw notFound("Project");
  return row;
}

const copyTitle = (title: string) => {
  const suffix = " (copy)";
  return title.length + suffix.length > 120 ? `${sliceText(title, 120 - suffix.length - 1).trimEnd()}…${suffix}` : `${title}${suffix}`;
};

/**
 * A new project in draft with the same idea, character, settings and scenes (their words, not
 * their media): it is approved, and paid for, on its own.
 */
export async function duplicateProject(db: Db, args: Scoped) {
  const source = await getProject(db, args);
  return db.transaction(async (tx) => {
    const [copy] = await tx
      .insert(projects)
      .values({
        workspaceId: args.workspaceId,
        characterId: source.characterId,
        title: copyTitle(source.title),
        storyIdea: source.storyIdea,
        numScenes: source.scenes.length,
        status: "draft",
        useAvatarFirstScene: source.useAvatarFirstScene,
        useAvatarLastScene: source.useAvatarLastScene,
        aspectRatio: source.aspectRatio,
        music: source.music,
        videoModel: source.videoModel,
        imageModel: source.imageModel,
      })
      .returning();
    if (source.scenes.length) {
      await tx.insert(scenes).values(
        source.scenes.map((s) => ({
          workspaceId: args.workspaceId,
          projectId: copy.id,
          sceneNumber: s.sceneNumber,
          description: s.description,
          imagePrompt: s.imagePrompt,
          motionPrompt: s.motionPrompt,
          narrationText: s.narrationText,
          holdMs: s.holdMs,
        })),
      );
    }
    return copy;
  });
}

const sceneMediaIds = (s: SceneRow) => [
  s.imageMediaId,
  s.videoMediaId,
  s.motionClipMediaId,
  s.audioMediaId,
  s.previousMedia?.imageMediaId,
  s.previousMedia?.videoMediaId,
  s.previousMedia?.motionClipMediaId,
];

/** Deletes the media rows (never a library upload) and returns their storage keys, for removing the files after commit. */
async function deleteMediaRows(tx: DbOrTx, workspaceId: string, ids: Array<string | null | undefined>) {
  const unique = [...new Set(ids.filter((id): id is string => !!id))];
  if (!unique.length) return [];
  return tx
    .delete(media)
    .where(and(inArray(media.id, unique), eq(media.workspaceId, workspaceId), eq(media.inLibrary, false)))
    .returning({ storageKey: media.storageKey });
}

/**
 * Deletes a project, its scenes and every file it made (frames, clips, narration, the final and
 * upscaled videos, the videos listed on the Videos page and anything published from them), in one
 * transaction, so a signed URL handed out earlier is a 404 at once; then the files themselves.
 */
export async function deleteProject(db: Db, args: Scoped): Promise<{ scenes: number; videos: number }> {
  const { files, counts } = await db.transaction(async (tx) => {
    const project = await lockProject(tx, args);
    if (project.status === "generating") throw new AppError("bad_request", "A project cannot be deleted while it is generating");
    if (project.upscaleStatus === "upscaling") throw new AppError("bad_request", "A project cannot be deleted while it is being upscaled");
    const sceneRows = await tx.select().from(scenes).where(eq(scenes.projectId, project.id));
    const videos = await tx
      .delete(generatedVideos)
      .where(and(eq(generatedVideos.projectId, project.id), eq(generatedVideos.workspaceId, args.workspaceId)))
      .returning({ mediaId: generatedVideos.mediaId, thumbnailMediaId: generatedVideos.thumbnailMediaId });
    await tx.delete(projects).where(eq(projects.id, project.id));
    const ids = [
      project.finalVideoMediaId,
      project.thumbnailMediaId,
      project.captionsMediaId,
      project.upscaledVideoMediaId,
      ...sceneRows.flatMap(sceneMediaIds),
      ...videos.flatMap((v) => [v.mediaId, v.thumbnailMediaId]),
    ];
    // The vendors' answers kept for retries (frames, clips, narration, the upscale) go too.
    const vendorCopies = await forgetVendorCalls(tx, args.workspaceId, [`project:${project.id}`, ...sceneRows.map((s) => `scene:${s.id}`)]);
    const files = [...(await deleteMediaRows(tx, args.workspaceId, ids)), ...vendorCopies];
    return { files, counts: { scenes: sceneRows.length, videos: videos.length } };
  });
  await removeStoredFiles(files, "a deleted project");
  return counts;
}

async function storyCharacter(db: DbOrTx, project: ProjectRow): Promise<StoryCharacter> {
  const [c] = project.characterId ? await db.select().from(characters).where(characterScope(project.workspaceId, project.characterId)) : [];
  return c ? storyCharacterOf(db, c) : { name: "", description: "", persona: "", styleTags: [] };
}

/**
 * Adds a scene at `position` before approval; the scenes from there on move down one. Without the
 * scene's fields, the story writer writes one that bridges its neighbours.
 */
export async function addScene(db: Db, args: Scoped & { input: AddSceneInput }) {
  const sceneId = await db.transaction(async (tx) => {
    const project = await lockProject(tx, args);
    requireBeforeApproval(project);
    const current = await tx.select().from(scenes).where(eq(scenes.projectId, project.id)).orderBy(scenes.sceneNumber);
    if (current.length >= MAX_SCENES) throw new AppError("bad_request", `A story has at most ${MAX_SCENES} scenes`, "position");
    const position = Math.min(args.input.position, current.length + 1);
    const fields =
      args.input.scene ??
      bridgeScene({
        idea: project.storyIdea,
        character: await storyCharacter(tx, project),
        position: position - 1,
        numScenes: current.length + 1,
        before: current[position - 2],
        after: current[position - 1],
      });
    // Through negative numbers, so the (project, scene number) unique index holds at every step.
    await tx
      .update(scenes)
      .set({ sceneNumber: sql`-(${scenes.sceneNumber} + 1)` })
      .where(and(eq(scenes.projectId, project.id), gte(scenes.sceneNumber, position)));
    const [row] = await tx
      .insert(scenes)
      .values({ workspaceId: args.workspaceId, projectId: project.id, sceneNumber: position, ...fields })
      .returning({ id: scenes.id });
    await flipNegative(tx, project.id);
    await tx
      .update(projects)
      .set({ numScenes: current.length + 1, updatedAt: new Date() })
      .where(eq(projects.id, project.id));
    return row.id;
  });
  const project = await getProject(db, args);
  return { project, scene: project.scenes.find((s) => s.id === sceneId)! };
}

async function flipNegative(tx: DbOrTx, projectId: number) {
  await tx
    .update(scenes)
    .set({ sceneNumber: sql`-${scenes.sceneNumber}`, updatedAt: new Date() })
    .where(and(eq(scenes.projectId, projectId), lt(scenes.sceneNumber, 0)));
}

/**
 * Removes a scene before approval; the scenes after it move up one. Returns what it said and where
 * it stood, so the creator can put it back (addScene with `scene`).
 */
export async function removeScene(db: Db, args: Scoped & { sceneId: number }) {
  const { removed, files } = await db.transaction(async (tx) => {
    const project = await lockProject(tx, args);
    requireBeforeApproval(project);
    const [count] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(scenes)
      .where(eq(scenes.projectId, project.id));
    const [removed] = await tx
      .delete(scenes)
      .where(and(eq(scenes.id, args.sceneId), eq(scenes.projectId, project.id), eq(scenes.workspaceId, args.workspaceId)))
      .returning();
    if (!removed) throw new AppError("not_found", "Scene not found", "sceneId");
    if (count.n <= MIN_SCENES) throw new AppError("bad_request", `A story has at least ${MIN_SCENES} scenes`, "sceneId");
    await tx
      .update(scenes)
      .set({ sceneNumber: sql`-(${scenes.sceneNumber} - 1)` })
      .where(and(eq(scenes.projectId, project.id), gt(scenes.sceneNumber, removed.sceneNumber)));
    await flipNegative(tx, project.id);
    await tx
      .update(projects)
      .set({ numScenes: count.n - 1, updatedAt: new Date() })
      .where(eq(projects.id, project.id));
    const vendorCopies = await forgetVendorCalls(tx, args.workspaceId, [`scene:${removed.id}`]);
    return { removed, files: [...(await deleteMediaRows(tx, args.workspaceId, sceneMediaIds(removed))), ...vendorCopies] };
  });
  await removeStoredFiles(files, "a removed scene");
  const { description, imagePrompt, motionPrompt, narrationText, sceneNumber } = removed;
  return { position: sceneNumber, scene: { description, imagePrompt, motionPrompt, narrationText } };
}
