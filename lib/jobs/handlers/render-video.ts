import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { generatedVideos, videoJobs } from "@/db/schema/videos";
import { withTransaction } from "@/db/transaction";
import { bulkRowSettled, bulkRowStarted } from "@/lib/bulk/progress";
import { captureCredits, refundCredits } from "@/lib/credits/ledger";
import { dataDir } from "@/lib/env";
import { saveMedia } from "@/lib/storage/media";
import { offlineNote } from "@/lib/providers/settings";
import { progressReporter } from "@/lib/tasks/reporter";
import { latestTask, settleTask, startTask, subjects } from "@/lib/tasks/service";
import { renderCreative } from "@/lib/videos/engine";
import { videoJobEvent } from "@/lib/videos/notify";
import { billedHundredths } from "@/lib/videos/quote";
import { newShareToken, renderReserveKey } from "@/lib/videos/service";
import type { RenderTimelineResult } from "@/lib/render/render-timeline";
import { renderVideoJob, type JobPayload } from "../definitions";

type Payload = JobPayload<typeof renderVideoJob>;
type JobRow = typeof videoJobs.$inferSelect;

async function loadJob(db: Db, data: Payload): Promise<JobRow | null> {
  const [job] = await db
    .select()
    .from(videoJobs)
    .where(and(eq(videoJobs.id, data.jobId), eq(videoJobs.workspaceId, data.workspaceId)));
  return job ?? null;
}

/** Renders a video-generation job's timeline into a generated video, then calls back. */
export async function handleRenderVideo(db: Db, data: Payload, signal?: AbortSignal) {
  const job = await loadJob(db, data);
  const subject = subjects.videoJob(data.jobId);
  if (!job || !(await startTask(db, subject, "rendering"))) return;
  await bulkRowStarted(db, job.id);

  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), `cinetwin-video-${job.id.slice(0, 8)}-`));
  try {
    const result = await renderUnlessCanceled(db, job, tmp, signal);
    if (result) await publish(db, job, result);
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

/** Renders while watching the job's task: a deleted (canceled) job stops ffmpeg and yields null. */
async function renderUnlessCanceled(db: Db, job: JobRow, tmp: string, signal?: AbortSignal): Promise<RenderTimelineResult | null> {
  const subject = subjects.videoJob(job.id);
  const stop = new AbortController();
  const onAbort = () => stop.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  let checking = false;
  const watch = setInterval(() => {
    if (checking) return;
    checking = true;
    latestTask(db, subject)
      .then((t) => (!t || t.status === "canceled" ? stop.abort(new Error("job deleted")) : undefined))
      .catch(() => undefined)
      .finally(() => (checking = false));
  }, 2000);
  const progress = progressReporter(db, subject);
  try {
    return await renderCreative(job.videoCreative, {
      db,
      workspaceId: job.workspaceId,
      workDir: tmp,
      cacheDir: path.join(dataDir(), "cache", "segments"),
      outPath: path.join(tmp, "video.mp4"),
      signal: stop.signal,
      draft: job.draft,
      onProgress: (fraction) => progress.report(fraction),
    });
  } catch (e) {
    if (stop.signal.aborted && !signal?.aborted) return null;
    throw e;
  } finally {
    clearInterval(watch);
    signal?.removeEventListener("abort", onAbort);
    await progress.flush();
  }
}

/** Stores the video and, in one transaction, records it, settles the task and credits, and queues the callback. */
async function publish(db: Db, job: JobRow, result: RenderTimelineResult) {
  const [video, thumb] = await Promise.all([
    saveMedia(db, { workspaceId: job.workspaceId, kind: "video", mime: "video/mp4", source: { path: result.path }, durationMs: result.durationMs }),
    saveMedia(db, { workspaceId: job.workspaceId, kind: "image", mime: "image/jpeg", source: { path: result.thumbnailPath } }),
  ]);
  await withTransaction(async (ctx) => {
    // A job deleted meanwhile gets no video.
    const [still] = await ctx.tx.select({ id: videoJobs.id }).from(videoJobs).where(eq(videoJobs.id, job.id)).for("update");
    if (!still) return;
    const [row] = await ctx.tx
      .insert(generatedVideos)
      .values({
        id: job.videoId,
        workspaceId: job.workspaceId,
        jobId: job.id,
        name: job.name,
        mediaId: video.id,
        thumbnailMediaId: thumb.id,
        shareToken: newShareToken(),
        sizeBytes: result.sizeBytes,
        durationMs: result.durationMs,
        narration: result.narration,
      })
      .onConflictDoNothing({ target: generatedVideos.id })
      .returning();
    const [saved] = row ? [row] : await ctx.tx.select().from(generatedVideos).where(eq(generatedVideos.id, job.videoId));
    await ctx.tx.update(videoJobs).set({ finishedAt: new Date(), updatedAt: new Date() }).where(eq(videoJobs.id, job.id));
    const billed = billedHundredths(job, saved.durationMs);
    await captureCredits(ctx.tx, {
      workspaceId: job.workspaceId,
      reference: subjects.videoJob(job.id),
      reserveKey: renderReserveKey(job.id),
      amountHundredths: billed,
    });
    const outcome = {
      status: "succeeded" as const,
      result: {
        videoId: job.videoId,
        durationMs: saved.durationMs,
        creditsBilled: billed / 100,
        segmentsReused: result.segments.filter((s) => s.cached).length,
        ...offlineNoteOf(result),
      },
    };
    await settleTask(ctx, subjects.videoJob(job.id), outcome, videoJobEvent(job, { video: saved }));
    await bulkRowSettled(ctx, job.id);
  });
}

/** A render whose talking heads were made in-house after their vendor failed says so in its result, once per vendor message. */
function offlineNoteOf(result: RenderTimelineResult): { offlineNote?: string } {
  const notes = new Set(result.talkingHeadFallbacks.map((f) => offlineNote("talking-head", f.providerId, f.message)));
  return notes.size ? { offlineNote: [...notes].join("; ") } : {};
}

/** After the last attempt: the task fails with its reason, the credits come back, and the caller is told. */
export async function failRenderVideo(db: Db, data: Payload, reason: string) {
  const job = await loadJob(db, data);
  if (!job) return;
  await withTransaction(async (ctx) => {
    await refundCredits(ctx.tx, { workspaceId: job.workspaceId, reference: subjects.videoJob(job.id), reserveKey: renderReserveKey(job.id) });
    await settleTask(ctx, subjects.videoJob(job.id), { status: "failed", error: reason }, videoJobEvent(job, { error: reason }));
    await bulkRowSettled(ctx, job.id);
  });
}
