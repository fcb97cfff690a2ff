import { projectSize } from "@/lib/projects/size";
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { withTransaction } from "@/db/transaction";
import { projects, scenes } from "@/db/schema/projects";
import { generatedVideos } from "@/db/schema/videos";
import { captureCredits } from "@/lib/credits/ledger";
import { reserveKey } from "@/lib/projects/service";
import { offlineNote, withNote } from "@/lib/providers/settings";
import { projectTimeline, storyRenderDeps, storyTalkingHead } from "@/lib/projects/timeline";
import { toVtt } from "@/lib/render/captions";
import type { Timeline } from "@/lib/composition/timeline";
import { renderTimeline, type RenderTimelineResult } from "@/lib/render/render-timeline";
import { saveMedia } from "@/lib/storage/media";
import { newShareToken } from "@/lib/videos/service";
import { projectStitchJob, type JobPayload } from "../definitions";
import { progressReporter } from "@/lib/tasks/reporter";
import { settleTask, subjects, updateTask } from "@/lib/tasks/service";
import { SCENES_SHARE } from "../progress";
import { segmentCacheDir } from "./scene-video";

/**
 * Compiles the finished scenes into a timeline and renders the final MP4 (the scenes' segments
 * come from the cache the scene jobs filled: a join and an audio mix), then settles the credits.
 */
export async function handleProjectStitch(db: Db, data: JobPayload<typeof projectStitchJob>, signal?: AbortSignal) {
  const [project] = await db
    .select()
    .from(projects)
    .where(and(eq(projects.id, data.projectId), eq(projects.workspaceId, data.workspaceId)));
  if (!project || project.status !== "generating" || project.generation !== data.generation) return;
  const rows = await db.select().from(scenes).where(eq(scenes.projectId, project.id)).orderBy(asc(scenes.sceneNumber));
  if (rows.some((s) => s.status !== "completed" || !s.videoMediaId)) return;

  const subject = subjects.project(project.id);
  await updateTask(db, subject, { step: "stitching", progress: SCENES_SHARE });

  const { timeline, byId } = await projectTimeline(db, project, rows);
  const { width, height } = projectSize(project);

  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), `cinetwin-stitch-${project.id}-`));
  try {
    // Every scene job rendered its segment into the cache already: this finds them and only joins and mixes.
    const progress = progressReporter(db, subject, { from: SCENES_SHARE, to: 99 });
    const result = await renderTimeline(timeline, {
      ...storyRenderDeps(db, project, byId),
      ...(await storyTalkingHead(db, project, subjects.project(project.id), false)),
      workDir: tmp,
      cacheDir: segmentCacheDir(),
      outPath: path.join(tmp, "final.mp4"),
      signal,
      onProgress: (fraction) => progress.report(fraction),
    }).finally(() => progress.flush());

    const captionSegments = captionsOf(timeline, result.scenes);
    const [video, thumb, vtt] = await Promise.all([
      saveMedia(db, {
        workspaceId: data.workspaceId,
        kind: "video",
        mime: "video/mp4",
        source: { path: result.path },
        width,
        height,
        durationMs: result.durationMs,
      }),
      saveMedia(db, { workspaceId: data.workspaceId, kind: "image", mime: "image/jpeg", source: { path: result.thumbnailPath }, width, height }),
      saveMedia(db, { workspaceId: data.workspaceId, kind: "captions", mime: "text/vtt", source: { buffer: Buffer.from(toVtt(captionSegments)) } }),
    ]);

    const reburned = project.runKind === "recaption" ? await saveReburnedSegments(db, project, rows, { ...result, width, height }) : [];
    // A regeneration or a recaption replaces the finished video; a recaption reserved nothing, so there is nothing to capture.
    const regenerated = project.runKind === "regenerate" || project.runKind === "recaption";
    const free = project.runKind === "recaption";
    await withTransaction(async (ctx) => {
      const { tx } = ctx;
      const [done] = await tx
        .update(projects)
        .set({
          status: "completed",
          finalVideoMediaId: video.id,
          thumbnailMediaId: thumb.id,
          captionsMediaId: vtt.id,
          totalDurationMs: result.durationMs,
          creditsUsed: project.creditsUsed + project.creditsReserved,
          // An upscale of the previous cut no longer matches a regenerated video.
          ...(regenerated ? { upscaleStatus: null, upscaledVideoMediaId: null } : {}),
          completedAt: new Date(),
          updatedAt: new Date(),
        })
        .where(and(eq(projects.id, project.id), eq(projects.status, "generating"), eq(projects.generation, data.generation)))
        .returning({ id: projects.id });
      if (!done) return;
      const [existing] = regenerated
        ? await tx
            .select({ id: generatedVideos.id })
            .from(generatedVideos)
            .where(and(eq(generatedVideos.projectId, project.id), eq(generatedVideos.workspaceId, data.workspaceId)))
        : [];
      if (existing) {
        // A regenerated scene replaces the project's video in place: its share link shows the new cut.
        await tx
          .update(generatedVideos)
          .set({ mediaId: video.id, thumbnailMediaId: thumb.id, sizeBytes: result.sizeBytes, durationMs: result.durationMs, narration: captionSegments })
          .where(eq(generatedVideos.id, existing.id));
      } else {
        // Every finished video is also a generated video: listed on the Videos page, shareable.
        await tx.insert(generatedVideos).values({
          id: randomUUID(),
          workspaceId: data.workspaceId,
          projectId: project.id,
          name: project.title,
          mediaId: video.id,
          thumbnailMediaId: thumb.id,
          shareToken: newShareToken(),
          sizeBytes: result.sizeBytes,
          durationMs: result.durationMs,
          // The scenes' narration as their captions place it: exact captions of this video.
          narration: captionSegments,
        });
      }
      if (regenerated) {
        await tx.update(scenes).set({ previousMedia: null }).where(eq(scenes.projectId, project.id));
      }
      for (const r of reburned) await tx.update(scenes).set({ videoMediaId: r.mediaId }).where(eq(scenes.id, r.sceneId));
      // A talking head its scene job had from the vendor, lost from the cache and refused by the vendor now, was made in-house.
      for (const f of result.talkingHeadFallbacks) {
        const row = rows[f.scene];
        const note = withNote(row.providerNote, offlineNote("talking-head", f.providerId, f.message));
        await tx.update(scenes).set({ providerNote: note }).where(eq(scenes.id, row.id));
      }
      if (!free) {
        await captureCredits(tx, {
          workspaceId: data.workspaceId,
          reference: `project:${project.id}`,
          reserveKey: reserveKey(project.id, data.generation),
        });
      }
      const regeneratedScene = project.runKind === "regenerate" ? rows.find((r) => r.id === project.regenerateSceneId) : undefined;
      // New captions on the same cut are not a newly completed project: no webhook says so.
      await settleTask(
        ctx,
        subject,
        { status: "succeeded", step: "completed", result: renderStats(result) },
        free
          ? undefined
          : {
              workspaceId: data.workspaceId,
              event: regeneratedScene ? "scene.regenerated" : "project.completed",
              subject: `project:${project.id}`,
              payload: {
                id: project.id,
                ...(regeneratedScene ? { scene_number: regeneratedScene.sceneNumber } : {}),
                status: "completed",
                total_duration_seconds: Math.round(result.durationMs / 1000),
                credits_used: project.creditsReserved,
              },
            },
      );
    });
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

/** Which segments the render reused: the evidence that a regeneration re-rendered one scene only. */
function renderStats(result: { segments: Array<{ cached: boolean; hash: string }> }) {
  return {
    segmentsReused: result.segments.filter((s) => s.cached).length,
    segmentsRendered: result.segments.filter((s) => !s.cached).length,
    segments: result.segments.map((s) => ({ hash: s.hash, cached: s.cached })),
  };
}

/** The burned-in captions of each scene, shifted to where the render placed that scene in the whole video. */
function captionsOf(timeline: Timeline, placed: RenderTimelineResult["scenes"]) {
  return timeline.scenes.flatMap((scene, i) =>
    scene.tracks
      .flatMap((t) => (t.type === "captions" ? (t.segments ?? []) : []))
      .map((seg) => ({ text: seg.text, startMs: seg.startMs + placed[i].startMs, endMs: seg.endMs + placed[i].startMs })),
  );
}

/** A recaption re-rendered the segments of the scenes whose captions changed: each scene's card shows its new segment. */
async function saveReburnedSegments(
  db: Db,
  project: typeof projects.$inferSelect,
  rows: Array<typeof scenes.$inferSelect>,
  result: RenderTimelineResult & { width: number; height: number },
) {
  const ids = new Set(project.recaptionSceneIds ?? []);
  return Promise.all(
    rows.flatMap((row, i) =>
      ids.has(row.id) && !result.segments[i].cached
        ? [
            saveMedia(db, {
              workspaceId: project.workspaceId,
              kind: "video",
              mime: "video/mp4",
              source: { path: result.segments[i].path },
              width: result.width,
              height: result.height,
              durationMs: row.durationMs ?? undefined,
            }).then((m) => ({ sceneId: row.id, mediaId: m.id })),
          ]
        : [],
    ),
  );
}
