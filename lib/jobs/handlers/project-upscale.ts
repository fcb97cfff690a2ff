import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { withTransaction } from "@/db/transaction";
import { projects } from "@/db/schema/projects";
import { providerFor, withOfflineFallback } from "@/lib/providers/settings";
import { storage } from "@/lib/storage/local";
import { getMedia, saveMedia } from "@/lib/storage/media";
import { projectUpscaleJob, type JobPayload } from "../definitions";
import { progressReporter } from "@/lib/tasks/reporter";
import { settleTask, startTask, subjects } from "@/lib/tasks/service";

type Payload = JobPayload<typeof projectUpscaleJob>;

const stillWanted = (data: Payload) =>
  and(
    eq(projects.id, data.projectId),
    eq(projects.workspaceId, data.workspaceId),
    eq(projects.upscaleStatus, "upscaling"),
    eq(projects.finalVideoMediaId, data.sourceMediaId),
  );

/**
 * Doubles the final video's size with the upscaler UPSCALE_PROVIDER names (local: lanczos +
 * sharpen; replicate: Real-ESRGAN); the original stays as it is. The result
 * is kept only if the project still has the cut it started from: a scene regenerated meanwhile
 * makes this upscale moot.
 */
export async function handleProjectUpscale(db: Db, data: Payload, signal?: AbortSignal) {
  const [project] = await db.select().from(projects).where(stillWanted(data));
  if (!project) return;
  const source = await getMedia(db, { mediaId: data.sourceMediaId, workspaceId: data.workspaceId });
  if (!source) throw new Error("the final video went missing");
  const subject = subjects.upscale(project.id);
  await startTask(db, subject, "upscaling");

  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), `cinetwin-upscale-${project.id}-`));
  try {
    const progress = progressReporter(db, subject);
    const upscaler = await providerFor(db, data.workspaceId, "upscale");
    const sourcePath = await storage().localPath(source.storageKey);
    let offlineNote: string | null = null;
    const result = await withOfflineFallback(
      upscaler,
      (p) =>
        p.upscale(sourcePath, path.join(tmp, "upscaled.mp4"), {
          signal,
          onProgress: (f) => progress.report(f),
          // A vendor's prediction is recorded under the project: a redelivered job resumes it.
          scope: { db, workspaceId: data.workspaceId, subject },
        }),
      async (note) => void (offlineNote = note),
    ).finally(() => progress.flush());
    const saved = await saveMedia(db, {
      workspaceId: data.workspaceId,
      kind: "video",
      mime: "video/mp4",
      source: { path: result.path },
      width: result.width,
      height: result.height,
      durationMs: result.durationMs,
    });
    await withTransaction(async (ctx) => {
      const [done] = await ctx.tx
        .update(projects)
        .set({ upscaleStatus: "completed", upscaledVideoMediaId: saved.id, updatedAt: new Date() })
        .where(stillWanted(data))
        .returning({ id: projects.id });
      if (!done) return;
      await settleTask(
        ctx,
        subject,
        { status: "succeeded", result: { width: result.width, height: result.height, ...(offlineNote ? { offlineNote } : {}) } },
        {
          workspaceId: data.workspaceId,
          event: "upscale.completed",
          subject: `project:${project.id}`,
          payload: { id: project.id, status: "completed", width: result.width, height: result.height, size_bytes: result.sizeBytes },
        },
      );
    });
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

/** The last attempt failed: say why; the original video is untouched and upscaling can be asked again. */
export async function failProjectUpscale(_db: Db, data: Payload, reason: string) {
  await withTransaction(async (ctx) => {
    const [failed] = await ctx.tx
      .update(projects)
      .set({ upscaleStatus: "failed", updatedAt: new Date() })
      .where(stillWanted(data))
      .returning({ id: projects.id });
    if (failed) await settleTask(ctx, subjects.upscale(data.projectId), { status: "failed", error: reason });
  });
}
