import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { generatedVideos, videoJobs } from "@/db/schema/videos";
import { dataDir } from "@/lib/env";
import { saveMedia } from "@/lib/storage/media";
import { renderCreative } from "@/lib/videos/engine";
import { newShareToken } from "@/lib/videos/service";
import { notifyVideoJob } from "@/lib/videos/notify";
import { renderVideoJob, type JobPayload } from "../definitions";

type Payload = JobPayload<typeof renderVideoJob>;

async function loadJob(db: Db, data: Payload) {
  const [job] = await db
    .select()
    .from(videoJobs)
    .where(and(eq(videoJobs.id, data.jobId), eq(videoJobs.workspaceId, data.workspaceId)));
  return job ?? null;
}

/** Renders a video-generation job's timeline into a generated video, then calls back. */
export async function handleRenderVideo(db: Db, data: Payload, signal?: AbortSignal) {
  const job = await loadJob(db, data);
  if (!job || job.status === "finished") return;
  await db.update(videoJobs).set({ status: "rendering", progress: 1, updatedAt: new Date() }).where(eq(videoJobs.id, job.id));

  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), `cinetwin-video-${job.id.slice(0, 8)}-`));
  try {
    let last = 0;
    // DELETE of the job stops the render: poll for the row while ffmpeg works.
    const stop = new AbortController();
    const onAbort = () => stop.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    const watch = setInterval(() => {
      void loadJob(db, data).then((j) => (j ? undefined : stop.abort(new Error("job deleted"))), () => undefined);
    }, 2000);
    const result = await renderCreative(job.videoCreative, {
      db,
      workspaceId: data.workspaceId,
      workDir: tmp,
      cacheDir: path.join(dataDir(), "cache", "segments"),
      outPath: path.join(tmp, "video.mp4"),
      signal: stop.signal,
      draft: job.draft,
      onProgress: (fraction) => {
        const progress = Math.max(1, Math.min(99, Math.floor(fraction * 100)));
        if (progress - last < 2) return;
        last = progress;
        void db.update(videoJobs).set({ progress, updatedAt: new Date() }).where(eq(videoJobs.id, job.id));
      },
    })
      .catch((e: unknown) => {
        if (stop.signal.aborted && !signal?.aborted) return null;
        throw e;
      })
      .finally(() => {
        clearInterval(watch);
        signal?.removeEventListener("abort", onAbort);
      });
    // A job deleted meanwhile gets no video.
    if (!result || !(await loadJob(db, data))) return;
    const [video, thumb] = await Promise.all([
      saveMedia(db, { workspaceId: data.workspaceId, kind: "video", mime: "video/mp4", source: { path: result.path }, durationMs: result.durationMs }),
      saveMedia(db, { workspaceId: data.workspaceId, kind: "image", mime: "image/jpeg", source: { path: result.thumbnailPath } }),
    ]);
    await db.transaction(async (tx) => {
      await tx
        .insert(generatedVideos)
        .values({
          id: job.videoId,
          workspaceId: data.workspaceId,
          jobId: job.id,
          name: job.name,
          mediaId: video.id,
          thumbnailMediaId: thumb.id,
          shareToken: newShareToken(),
          sizeBytes: result.sizeBytes,
          durationMs: result.durationMs,
        })
        .onConflictDoNothing({ target: generatedVideos.id });
      await tx
        .update(videoJobs)
        .set({ status: "finished", progress: 100, finishedAt: new Date(), updatedAt: new Date(), errorMessage: null })
        .where(eq(videoJobs.id, job.id));
    });
    await notifyVideoJob(db, job.id);
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

/** After the last attempt: the job is failed with its reason, and the caller is told. */
export async function failRenderVideo(db: Db, data: Payload, reason: string) {
  const [job] = await db
    .update(videoJobs)
    .set({ status: "failed", errorMessage: reason, updatedAt: new Date() })
    .where(and(eq(videoJobs.id, data.jobId), eq(videoJobs.workspaceId, data.workspaceId)))
    .returning({ id: videoJobs.id });
  if (job) await notifyVideoJob(db, job.id);
}
