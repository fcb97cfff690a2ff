import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { PublishPlatform } from "@/db/schema/social";
import { generatedVideos } from "@/db/schema/videos";
import { withTransaction } from "@/db/transaction";
import { AppError, notFound } from "@/lib/errors";
import { sendJob } from "@/lib/jobs/boss";
import { videoConformJob } from "@/lib/jobs/definitions";
import { runFfmpeg } from "@/lib/media/ffmpeg";
import { newShareToken } from "@/lib/videos/service";
import { saveMedia } from "@/lib/storage/media";
import { progressReporter } from "@/lib/tasks/reporter";
import { createTask, settleTask, startTask, subjects, type TaskRow } from "@/lib/tasks/service";
import { mediaFacts, type MediaFacts } from "./media";
import type { PlatformLimits } from "./platforms/adapter";
import { mediaProblems, platformNames } from "./preflight";
import { platformLimits } from "./registry";

/**
 * The pre-flight's one-click fix: a copy of a video that fits a platform's limits, made with one
 * ffmpeg pass (trimmed to the longest allowed, framed to the nearest allowed shape on a blurred
 * fill of itself, H.264 + AAC at a bitrate under the size limit). It is a new finished video
 * beside the original, named for the platform.
 */

export interface ConformPlan {
  /** Seconds to keep, when the video is too long. */
  trimSec: number | null;
  /** The output frame, when the shape is outside the platform's range. */
  frame: { width: number; height: number } | null;
  /** Video kbit/s, when the file would be too large at the usual quality. */
  videoKbps: number | null;
}

/** Up to the next even number: a frame rounded this way stays inside the aspect range. */
const ceilEven = (n: number) => Math.max(2, Math.ceil(n / 2) * 2);

/** What must change for `m` to fit `limits`. Pure. */
export function conformPlan(m: MediaFacts, limits: PlatformLimits): ConformPlan {
  const duration = Math.min(m.durationSec, limits.maxDurationSec);
  const trimSec = m.durationSec > limits.maxDurationSec ? limits.maxDurationSec : null;
  const aspect = m.width / m.height;
  const target = aspect < limits.minAspect ? limits.minAspect : aspect > limits.maxAspect ? limits.maxAspect : null;
  // Keep the longer side: a too-wide video becomes taller, a too-tall one wider.
  const frame =
    target === null
      ? null
      : aspect > target
        ? { width: m.width, height: ceilEven(m.width / target) }
        : { width: ceilEven(m.height * target), height: m.height };
  // 90% of the size limit, less 128 kbit/s of audio, over the kept duration.
  const budgetKbps = Math.floor((limits.maxBytes * 8 * 0.9) / Math.max(1, duration) / 1000) - 128;
  const videoKbps = m.sizeBytes * (duration / Math.max(0.1, m.durationSec)) > limits.maxBytes * 0.95 ? Math.max(200, budgetKbps) : null;
  return { trimSec, frame, videoKbps };
}

/** The ffmpeg arguments of a plan. Pure. */
export function conformArgs(input: string, output: string, plan: ConformPlan): string[] {
  const filters = plan.frame
    ? [
        "-filter_complex",
        `[0:v]split=2[bg][fg];` +
          `[bg]scale=${plan.frame.width}:${plan.frame.height}:force_original_aspect_ratio=increase,crop=${plan.frame.width}:${plan.frame.height},boxblur=40:3,eq=brightness=-0.12:saturation=0.85[fill];` +
          `[fg]scale=${plan.frame.width}:${plan.frame.height}:force_original_aspect_ratio=decrease[front];` +
          `[fill][front]overlay=(W-w)/2:(H-h)/2,setsar=1,format=yuv420p[v]`,
        "-map",
        "[v]",
        "-map",
        "0:a?",
      ]
    : ["-map", "0:v:0", "-map", "0:a?", "-vf", "format=yuv420p"];
  const rate = plan.videoKbps ? ["-b:v", `${plan.videoKbps}k`, "-maxrate", `${plan.videoKbps}k`, "-bufsize", `${plan.videoKbps * 2}k`] : ["-crf", "21"];
  return [
    "-y",
    "-i",
    input,
    ...(plan.trimSec !== null ? ["-t", String(plan.trimSec)] : []),
    ...filters,
    "-c:v",
    "libx264",
    "-preset",
    "veryfast",
    ...rate,
    "-c:a",
    "aac",
    "-b:a",
    "128k",
    "-movflags",
    "+faststart",
    output,
  ];
}

/** Starts making a copy of the video that fits the platform: 409 when it already fits. */
export async function startConform(db: Db, workspaceId: string, videoId: string, platform: PublishPlatform): Promise<TaskRow> {
  const limits = platformLimits(platform);
  const facts = await mediaFacts(db, workspaceId, videoId);
  if (!facts) throw notFound("Video");
  if (!limits || !mediaProblems(platform, limits, facts).length) throw new AppError("conflict", `the video already fits ${platformNames[platform]}`);
  return withTransaction(async (ctx) => {
    const id = randomUUID();
    const task = await createTask(ctx.tx, { id, workspaceId, kind: "video-conform", subject: subjects.videoConform(id), step: "queued" });
    await sendJob(videoConformJob, { taskId: id, workspaceId, videoId, platform }, { executeSql: ctx.executeSql });
    return task;
  });
}

export async function runConform(
  db: Db,
  data: { taskId: string; workspaceId: string; videoId: string; platform: PublishPlatform },
  signal?: AbortSignal,
): Promise<void> {
  const subject = subjects.videoConform(data.taskId);
  if (!(await startTask(db, subject, "re-rendering"))) return;
  const [video] = await db
    .select()
    .from(generatedVideos)
    .where(and(eq(generatedVideos.id, data.videoId), eq(generatedVideos.workspaceId, data.workspaceId)));
  const facts = video ? await mediaFacts(db, data.workspaceId, data.videoId) : null;
  const limits = platformLimits(data.platform);
  if (!video || !facts || !limits) {
    await withTransaction((ctx) => settleTask(ctx, subject, { status: "failed", error: "the video no longer exists" }));
    return;
  }
  const plan = conformPlan(facts, limits);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "cinetwin-conform-"));
  try {
    const out = path.join(dir, "conformed.mp4");
    const progress = progressReporter(db, subject, { from: 2, to: 95 });
    const total = plan.trimSec ?? facts.durationSec;
    await runFfmpeg(conformArgs(facts.path, out, plan), { signal, onProgress: (ms) => progress.report(ms / 1000 / Math.max(0.1, total), "re-rendering") });
    await progress.flush();
    const width = plan.frame?.width ?? facts.width;
    const height = plan.frame?.height ?? facts.height;
    const durationMs = Math.round(total * 1000);
    const media = await saveMedia(db, { workspaceId: data.workspaceId, kind: "video", mime: "video/mp4", source: { path: out }, width, height, durationMs });
    await withTransaction(async (ctx) => {
      const [copy] = await ctx.tx
        .insert(generatedVideos)
        .values({
          id: randomUUID(),
          workspaceId: data.workspaceId,
          projectId: video.projectId,
          name: `${video.name} (for ${platformNames[data.platform]})`,
          mediaId: media.id,
          thumbnailMediaId: video.thumbnailMediaId,
          shareToken: newShareToken(),
          sizeBytes: media.sizeBytes,
          durationMs,
          narration: video.narration?.filter((n) => n.startMs < durationMs) ?? null,
        })
        .returning();
      await settleTask(ctx, subject, { status: "succeeded", result: { videoId: copy.id, platform: data.platform } });
    });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** The job's attempts ran out: the task says why. */
export async function failConform(db: Db, taskId: string, reason: string): Promise<void> {
  await withTransaction((ctx) => settleTask(ctx, subjects.videoConform(taskId), { status: "failed", error: reason }));
}
