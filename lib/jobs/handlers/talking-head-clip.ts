import path from "node:path";
import type { Db } from "@/db/client";
import { compileAvatarScene } from "@/lib/composition/recipes/avatar-scene";


import { dataDir } from "@/lib/env";
import { renderTimeline } from "@/lib/render/render-timeline";
import { storage } from "@/lib/storage/local";
import { getMedia } from "@/lib/storage/media";

/**
 * Renders a talking-head clip for a story scene: the character's photo speaking the scene's
 * narration over the scene's frame, through the timeline renderer's actor track.
 */
export async function renderTalkingHeadClip(
  db: Db,
  opts: {
    workspaceId: string;
    characterPhotoMediaId: string | null;
    imageMediaId: string;
    audioMediaId: string;
    durationMs: number;
    width: number;
    height: number;
    fps: number;
    workDir: string;
    outPath: string;
    signal?: AbortSignal;
  },
) {
  const local = async (mediaId: string) => {
    const row = await getMedia(db, { mediaId, workspaceId: opts.workspaceId });
    if (!row) throw new Error("scene media went missing; regenerate the scene");
    return storage().localPath(row.storageKey);
  };
  const photoPath = opts.characterPhotoMediaId ? await local(opts.characterPhotoMediaId).catch(() => null) : null;
  const timeline = compileAvatarScene({
    name: "Talking head",
    width: opts.width,
    height: opts.height,
    fps: opts.fps,
    durationMs: opts.durationMs,
    backgroundSrc: `media:${opts.imageMediaId}`,
    actor: "character",
    speechSrc: `media:${opts.audioMediaId}`,
  });
  const result = await renderTimeline(timeline, {
    resolveAsset: (src) => local(src.replace(/^media:/, "")),
    resolveActor: async () => ({ photoPath, voice: null }),
    workDir: opts.workDir,
    cacheDir: path.join(dataDir(), "cache", "segments"),
    outPath: opts.outPath,
    signal: opts.signal,
  });
  return { path: result.path, durationMs: result.durationMs, move: "talking-head" };
}
