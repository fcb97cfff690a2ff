import { projectSize } from "@/lib/projects/size";
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { scenes } from "@/db/schema/projects";
import { sceneFramePhotoPath } from "@/lib/characters/service";
import { storyFrameSeed } from "@/lib/composition/recipes/story-project";
import { dataDir } from "@/lib/env";
import { notFound } from "@/lib/errors";
import { getImageProvider } from "@/lib/providers/image/index";
import { findProject } from "./queries";

const PREVIEW_WIDTH = 480;

/** A version tag for a scene's preview URL, so an edited prompt or a reorder fetches a new picture. */
export function framePreviewVersion(scene: { sceneNumber: number; imagePrompt: string }): string {
  return createHash("sha256").update(`${scene.sceneNumber}\u0000${scene.imagePrompt}`).digest("hex").slice(0, 12);
}

/** Whether previews can be painted at all: only by a provider for which painting is free. */
export function framePreviewsAvailable(): boolean {
  return getImageProvider().freePreview;
}

/**
 * Paints a small preview of a scene's frame before it is generated, with the seed generation
 * will use, so the preview is the frame the creator will get (at a lower resolution). Cached on
 * disk by everything that shapes the picture.
 */
export async function renderFramePreview(db: Db, args: { workspaceId: string; projectId: number; sceneId: number }): Promise<string> {
  const project = await findProject(db, args);
  if (!project) throw notFound("Project");
  const [scene] = await db
    .select()
    .from(scenes)
    .where(and(eq(scenes.id, args.sceneId), eq(scenes.projectId, project.id)));
  if (!scene) throw notFound("Scene");
  const provider = getImageProvider();
  if (!provider.freePreview) throw notFound("Preview");

  // The video's shape, its long side PREVIEW_WIDTH.
  const size = projectSize(project);
  const scale = PREVIEW_WIDTH / Math.max(size.width, size.height);
  const width = Math.max(16, 2 * Math.round((size.width * scale) / 2));
  const height = Math.max(16, 2 * Math.round((size.height * scale) / 2));
  const photoPath = await sceneFramePhotoPath(db, project, scene.sceneNumber);
  const seed = storyFrameSeed(project.id, scene.sceneNumber, scene.imagePrompt);
  const key = createHash("sha256")
    .update(JSON.stringify([provider.id, seed, scene.imagePrompt, width, height, photoPath]))
    .digest("hex")
    .slice(0, 32);
  const out = path.join(dataDir(), "cache", "previews", `${key}.png`);
  try {
    await fs.access(out);
    return out;
  } catch {
    // Not painted yet.
  }
  const tmp = `${out}.${process.pid}.${Date.now()}.png`;
  await provider.generate({ prompt: scene.imagePrompt, width, height, seed, referencePhotoPath: photoPath }, tmp);
  await fs.rename(tmp, out);
  return out;
}
