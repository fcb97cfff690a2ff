import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { withTransaction } from "@/db/transaction";
import { projects } from "@/db/schema/projects";
import { upscaleVideo } from "@/lib/render/upscale";
import { storage } from "@/lib/storage/local";
import { getMedia, saveMedia } from "@/lib/storage/media";
import { emitEventInTx } from "@/lib/webhooks/send";
import { projectUpscaleJob, type JobPayload } from "../definitions";
import { updateSubjectTask, type TaskPatch } from "../progress";

type Payload = JobPayload<typeof projectUpscaleJob>;

const stillWanted = (data: Payload) =>
  and(
    eq(projects.id, data.projectId),
    eq(projects.workspaceId, data.workspaceId),
    eq(projects.upscaleStatus, "upscaling"),
    eq(projects.finalVideoMediaId, data.sourceMediaId),
  );

const updateUpscaleTask = (db: DbOrTx, projectId: number, patch: TaskPatch) => updateSubjectTask(db, `project:${projectId}:upscale`, patch);

/**
 * Doubles the final video's size (lanczos + sharpen; the original stays as it is). The result
 * is kept only if the project still has the cut it started from: a scene regenerated meanwhile
 * makes this upscale moot.
 */
export async function handleProjectUpscale(db: Db, data: Payload, signal?: AbortSignal) {
  const [project] = await db.select().from(projects).where(stillWanted(data));
  if (!project) return;
  const source = await getMedia(db, { mediaId: data.sourceMediaId, workspaceId: data.workspaceId });
  if (!source) throw new Error("the final video went missing");
  await updateUpscaleTask(db, project.id, { status: "running", progress: 0 });

  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), `cinetwin-upscale-${project.id}-`));
  try {
    let last = 0;
    const result = await upscaleVideo(await storage().localPath(source.storageKey), path.join(tmp, "upscaled.mp4"), {
      mode: "2x",
      signal,
      onProgress: (f) => {
        if (Date.now() - last < 1000) return;
        last = Date.now();
        void updateUpscaleTask(db, project.id, { progress: Math.floor(f * 99) });
      },
    });
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
      await updateUpscaleTask(ctx.tx, project.id, { status: "completed", progress: 100 });
      await emitEventInTx(ctx, {
        workspaceId: data.workspaceId,
        event: "upscale.completed",
        subject: `project:${project.id}`,
        payload: { id: project.id, status: "completed", width: result.width, height: result.height, size_bytes: result.sizeBytes },
      });
    });
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

/** The last attempt failed: say why; the original video is untouched and upscaling can be asked again. */
export async function failProjectUpscale(db: Db, data: Payload, reason: string) {
  const [failed] = await db
    .update(projects)
    .set({ upscaleStatus: "failed", upscaleError: reason, updatedAt: new Date() })
    .where(stillWanted(data))
    .returning({ id: projects.id });
  if (failed) await updateUpscaleTask(db, data.projectId, { status: "failed", error: reason });
}
