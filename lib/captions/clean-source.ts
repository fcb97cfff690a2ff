import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { projects, scenes } from "@/db/schema/projects";
import { generatedVideos, videoJobs } from "@/db/schema/videos";
import { dataDir } from "@/lib/env";
import { projectTimeline, storyRenderDeps } from "@/lib/projects/timeline";
import { renderTimeline } from "@/lib/render/render-timeline";
import { renderCreative } from "@/lib/videos/engine";

export interface CleanRenderOptions {
  workDir: string;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/**
 * A Cinetwin video rendered again without its own captions, so edited captions burned in replace
 * them rather than show as a second set: a timeline render without its captions tracks, a story
 * without its narration captions. The scenes' segments go through the segment cache like any
 * render's, so a second burn-in of the same video joins cached segments. Null when the video has
 * no captions of its own (or is not a Cinetwin render): it is burned over as it is.
 */
export async function renderWithoutCaptions(db: Db, args: { workspaceId: string; generatedVideoId: string }, opts: CleanRenderOptions): Promise<string | null> {
  const [video] = await db
    .select()
    .from(generatedVideos)
    .where(and(eq(generatedVideos.id, args.generatedVideoId), eq(generatedVideos.workspaceId, args.workspaceId)));
  if (!video) return null;
  const outPath = path.join(opts.workDir, "without-captions.mp4");
  const cacheDir = path.join(dataDir(), "cache", "segments");

  if (video.jobId) {
    const [job] = await db
      .select()
      .from(videoJobs)
      .where(and(eq(videoJobs.id, video.jobId), eq(videoJobs.workspaceId, args.workspaceId)));
    const stripped = job ? withoutCaptionsTracks(job.videoCreative) : null;
    if (!job || !stripped) return null;
    await renderCreative(stripped, {
      db,
      workspaceId: args.workspaceId,
      workDir: opts.workDir,
      cacheDir,
      outPath,
      signal: opts.signal,
      draft: job.draft,
      onProgress: opts.onProgress,
    });
    return outPath;
  }
  if (video.projectId !== null) {
    const [project] = await db
      .select()
      .from(projects)
      .where(and(eq(projects.id, video.projectId), eq(projects.workspaceId, args.workspaceId)));
    if (!project) return null;
    const rows = await db.select().from(scenes).where(eq(scenes.projectId, project.id)).orderBy(asc(scenes.sceneNumber));
    if (rows.some((s) => s.status !== "completed")) return null;
    const { timeline, byId } = await projectTimeline(db, project, rows, { burnCaptions: false });
    await renderTimeline(timeline, {
      ...storyRenderDeps(db, project, byId),
      workDir: opts.workDir,
      cacheDir,
      outPath,
      signal: opts.signal,
      onProgress: opts.onProgress,
    });
    return outPath;
  }
  return null;
}

/** A stored videoCreative without its captions tracks; null when it has none. Pure. */
export function withoutCaptionsTracks(creative: Record<string, unknown>): Record<string, unknown> | null {
  const scenesIn = creative.scenes;
  if (!Array.isArray(scenesIn)) return null;
  let removed = 0;
  const scenesOut = scenesIn.map((scene: unknown) => {
    if (!scene || typeof scene !== "object" || !Array.isArray((scene as { tracks?: unknown }).tracks)) return scene;
    const tracks = (scene as { tracks: unknown[] }).tracks.filter((t) => {
      const captions = !!t && typeof t === "object" && (t as { type?: unknown }).type === "captions";
      if (captions) removed++;
      return !captions;
    });
    return { ...scene, tracks };
  });
  return removed ? { ...creative, scenes: scenesOut } : null;
}
