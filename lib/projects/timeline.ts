import { projectSize } from "@/lib/projects/size";
import { inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { media } from "@/db/schema/media";
import { characterPhotoPath } from "@/lib/characters/service";
import { isAvatarScene } from "@/lib/composition/recipes/avatar-scene";
import { compileStoryProject, compileStorySceneTimeline, type StorySceneInput } from "@/lib/composition/recipes/story-project";
import { CAMERA_MOVES, parseCameraMove, type CameraMove } from "@/lib/providers/motion/camera-move";
import { providerFor } from "@/lib/providers/settings";
import type { RenderTimelineOptions } from "@/lib/render/render-timeline";
import { storage } from "@/lib/storage/local";
import type { ProjectRow, SceneRow } from "./queries";

/** Story videos are rendered at this frame rate. */
export const STORY_FPS = 25;

type MediaRow = typeof media.$inferSelect;

/**
 * A story project as a timeline (each scene's frame with its camera move, or its talking head,
 * narration and captions, as `media:<id>` assets), plus the media rows it refers to. The stitch
 * renders it; "Save as template" keeps it.
 */
export async function projectTimeline(db: DbOrTx, project: ProjectRow, rows: SceneRow[], opts: { burnCaptions?: boolean } = {}) {
  const byId = await mediaOf(db, project, rows);
  const timeline = compileStoryProject({
    ...storySettings(project),
    // A library sound deleted since it was chosen leaves the story without music rather than failing it.
    music: project.music?.startsWith("media:") && !byId.has(project.music.slice("media:".length)) ? null : project.music,
    ...(opts.burnCaptions === false ? { burnCaptions: false } : {}),
    scenes: rows.map((s) => storySceneInput(project, s, byId)),
  });
  return { timeline, byId };
}

/**
 * One scene of a story project as a timeline of its own: the scene job renders its segment, which
 * is the segment the stitch's projectTimeline asks for (same recipe, settings and inputs).
 */
export async function sceneTimeline(db: DbOrTx, project: ProjectRow, scene: SceneRow) {
  const byId = await mediaOf(db, project, [scene]);
  const timeline = compileStorySceneTimeline(storySettings(project), storySceneInput(project, scene, byId));
  return { timeline, byId };
}

/** How a story's timeline finds its files: media by id in the project's workspace, the character's photo. */
export function storyRenderDeps(db: Db, project: ProjectRow, byId: Map<string, MediaRow>): Pick<RenderTimelineOptions, "resolveAsset" | "resolveActor"> {
  return {
    resolveAsset: async (src) => {
      const m = byId.get(src.replace(/^media:/, ""));
      if (!m) throw new Error(`unknown asset ${src}`);
      return storage().localPath(m.storageKey);
    },
    resolveActor: async () => ({
      photoPath: await characterPhotoPath(db, { characterId: project.characterId, workspaceId: project.workspaceId }),
      voice: null,
    }),
  };
}

/**
 * Who makes a story's talking heads: the workspace's provider (Settings > Providers, else the
 * server's), its vendor calls recorded under `subject`. With the offline fallback on, a vendor
 * failure animates the photo in-house; the scene's own job asks the vendor again (`retry`), the
 * stitch keeps what the scene job decided.
 */
export async function storyTalkingHead(
  db: Db,
  project: ProjectRow,
  subject: string,
  retry: boolean,
): Promise<Pick<RenderTimelineOptions, "talkingHead" | "talkingHeadFallback" | "vendorScope">> {
  const chosen = await providerFor(db, project.workspaceId, "talking-head");
  return {
    talkingHead: chosen.provider,
    talkingHeadFallback: chosen.choice.fallbackToOffline ? { retry } : undefined,
    vendorScope: { db, workspaceId: project.workspaceId, subject },
  };
}

function storySettings(project: ProjectRow) {
  const { width, height } = projectSize(project);
  return { title: project.title, width, height, fps: STORY_FPS, burnCaptions: true };
}

/** The camera move a scene's frame gets: the one the scene job chose, else the one its prompt asks for. */
export function sceneCameraMove(scene: Pick<SceneRow, "cameraMove" | "motionPrompt">): CameraMove {
  return (CAMERA_MOVES as readonly string[]).includes(scene.cameraMove ?? "") ? (scene.cameraMove as CameraMove) : parseCameraMove(scene.motionPrompt);
}

function storySceneInput(project: ProjectRow, s: SceneRow, byId: Map<string, MediaRow>): StorySceneInput {
  const audio = s.audioMediaId ? byId.get(s.audioMediaId) : undefined;
  return {
    sceneNumber: s.sceneNumber,
    imageSrc: `media:${s.imageMediaId}`,
    cameraMove: sceneCameraMove(s),
    clipSrc: s.motionClipMediaId ? `media:${s.motionClipMediaId}` : null,
    // The same id the videos engine resolves, so an exported template still finds the character.
    actor: isAvatarScene(project, s.sceneNumber, project.numScenes) ? (project.characterId ? `character-${project.characterId}` : "character") : null,
    narrationSrc: audio ? `media:${audio.id}` : null,
    narrationDurationMs: audio?.durationMs ?? 0,
    holdMs: s.holdMs,
    segments: s.narrationSegments ?? [],
    captionEdits: s.captionEdits,
  };
}

async function mediaOf(db: DbOrTx, project: ProjectRow, rows: SceneRow[]) {
  const music = project.music?.startsWith("media:") ? [project.music.slice("media:".length)] : [];
  const ids = [...rows.flatMap((s) => [s.imageMediaId, s.audioMediaId, s.motionClipMediaId]), ...music].filter((x): x is string => !!x);
  const mediaRows = ids.length ? await db.select().from(media).where(inArray(media.id, ids)) : [];
  return new Map(mediaRows.filter((m) => m.workspaceId === project.workspaceId).map((m) => [m.id, m]));
}
