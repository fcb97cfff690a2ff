import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { captions } from "@/db/schema/captions";
import { withTransaction } from "@/db/transaction";
import { compileBurnIn } from "@/lib/captions/burn";
import { renderWithoutCaptions } from "@/lib/captions/clean-source";
import { burnInReserveKey } from "@/lib/captions/service";
import { localPathOf } from "@/lib/captions/source";
import { captureCredits, refundCredits } from "@/lib/credits/ledger";
import { burnInPrice } from "@/lib/credits/prices";
import { dataDir } from "@/lib/env";
import { KnownFailure } from "@/lib/errors";
import { probe } from "@/lib/media/ffmpeg";
import { renderTimeline } from "@/lib/render/render-timeline";
import { getMedia, saveMedia } from "@/lib/storage/media";
import { progressReporter } from "@/lib/tasks/reporter";
import { getTask, settleTask, startTask, subjects } from "@/lib/tasks/service";
import { captionBurnInJob, type JobPayload } from "../definitions";

type Payload = JobPayload<typeof captionBurnInJob>;

/**
 * Renders the caption's media with its segments burned in (the one renderer: libass in the
 * preset's look) and stores the MP4; billed as a render of its length, refunded on failure.
 * Idempotent: a settled run (or one a newer burn-in replaced) does nothing.
 */
export async function handleCaptionBurnIn(db: Db, data: Payload, signal?: AbortSignal) {
  const subject = subjects.captionBurnIn(data.captionId);
  const task = await getTask(db, { taskId: data.taskId, workspaceId: data.workspaceId });
  if (!task || (task.status !== "queued" && task.status !== "running")) return;
  const [caption] = await db
    .select()
    .from(captions)
    .where(and(eq(captions.id, data.captionId), eq(captions.workspaceId, data.workspaceId)));
  if (!caption || !(await startTask(db, subject, "burning in"))) return;
  const source = caption.sourceMediaId ? await getMedia(db, { mediaId: caption.sourceMediaId, workspaceId: data.workspaceId }) : null;
  if (!source || !caption.segments) throw new KnownFailure("the captioned media or its captions are gone", false);

  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), `cinetwin-burn-${caption.id.slice(0, 8)}-`));
  const progress = progressReporter(db, subject);
  try {
    // A Cinetwin render shows its own captions: render it again without them (the first half of
    // the progress), so the edited lines replace them instead of appearing as a second set.
    const clean = caption.generatedVideoId
      ? await renderWithoutCaptions(
          db,
          { workspaceId: data.workspaceId, generatedVideoId: caption.generatedVideoId },
          { workDir: tmp, signal, onProgress: (f) => progress.report(f / 2) },
        )
      : null;
    const sourcePath = clean ?? (await localPathOf(source));
    const burnShare = clean ? { from: 0.5, span: 0.5 } : { from: 0, span: 1 };
    const picture = (await probe(sourcePath)).streams.find((s) => s.codecType === "video" && !s.attachedPicture && s.width && s.height);
    const timeline = compileBurnIn({
      name: "Captions burned in",
      src: `media:${source.id}`,
      video: picture ? { width: picture.width!, height: picture.height! } : null,
      segments: caption.segments,
      style: data.style,
    });
    const result = await renderTimeline(timeline, {
      resolveAsset: async () => sourcePath,
      workDir: tmp,
      cacheDir: path.join(dataDir(), "cache", "segments"),
      outPath: path.join(tmp, "burned.mp4"),
      signal,
      onProgress: (f) => progress.report(burnShare.from + f * burnShare.span),
    }).finally(() => progress.flush());
    const video = await saveMedia(db, {
      workspaceId: data.workspaceId,
      kind: "video",
      mime: "video/mp4",
      source: { path: result.path },
      width: timeline.settings.videoSize.width,
      height: timeline.settings.videoSize.height,
      durationMs: result.durationMs,
    });
    const billed = burnInPrice(result.durationMs).credits;
    await withTransaction(async (ctx) => {
      await ctx.tx.update(captions).set({ burnedMediaId: video.id, updatedAt: new Date() }).where(eq(captions.id, caption.id));
      await captureCredits(ctx.tx, { workspaceId: data.workspaceId, reference: subject, reserveKey: burnInReserveKey(data.taskId), amount: billed });
      await settleTask(ctx, subject, {
        status: "succeeded",
        step: "done",
        result: { captionId: caption.id, outputMediaId: video.id, durationMs: result.durationMs, creditsBilled: billed, style: data.style },
      });
    });
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

/** After the last attempt: the credits come back and the task fails with its reason. */
export async function failCaptionBurnIn(db: Db, data: Payload, reason: string) {
  const subject = subjects.captionBurnIn(data.captionId);
  await withTransaction(async (ctx) => {
    await refundCredits(ctx.tx, { workspaceId: data.workspaceId, reference: subject, reserveKey: burnInReserveKey(data.taskId) });
    await settleTask(ctx, subject, { status: "failed", error: reason });
  });
}
