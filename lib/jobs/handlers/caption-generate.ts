import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { captions, type CaptionMethod, type CaptionSegmentRow } from "@/db/schema/captions";
import { generatedVideos } from "@/db/schema/videos";
import { withTransaction } from "@/db/transaction";
import { queueChainedBurnIn, type CaptionRow } from "@/lib/captions/service";
import { localPathOf, MAX_SOURCE_MS, mimeOf } from "@/lib/captions/source";
import { KnownFailure } from "@/lib/errors";
import { probe } from "@/lib/media/ffmpeg";
import { downloadToFile } from "@/lib/net/outbound";
import { providerFor, withOfflineFallback } from "@/lib/providers/settings";
import { getMedia, saveMedia, type MediaRow } from "@/lib/storage/media";
import { progressReporter } from "@/lib/tasks/reporter";
import { settleTask, startTask, subjects } from "@/lib/tasks/service";
import { captionGenerateJob, type JobPayload } from "../definitions";

type Payload = JobPayload<typeof captionGenerateJob>;

const REMOTE_TYPES = ["video/", "audio/", "application/octet-stream"];
const MAX_REMOTE_BYTES = 200 * 1024 * 1024;

async function loadCaption(db: Db, data: Pick<Payload, "captionId" | "workspaceId">): Promise<CaptionRow | null> {
  const [row] = await db
    .select()
    .from(captions)
    .where(and(eq(captions.id, data.captionId), eq(captions.workspaceId, data.workspaceId)));
  return row ?? null;
}

/**
 * Makes a caption's segments: a Cinetwin render's narration as synthesized (exact), else the
 * configured transcriber's. A reel_url is fetched once (through lib/net/outbound) and kept as the
 * caption's media, so a retry or a burn-in does not fetch it again. Idempotent: segments already
 * saved are not made again, and a settled task ends the job.
 */
export async function handleCaptionGenerate(db: Db, data: Payload, signal?: AbortSignal) {
  const subject = subjects.caption(data.captionId);
  let caption = await loadCaption(db, data);
  if (!caption || !(await startTask(db, subject, "transcribing"))) return;
  const progress = progressReporter(db, subject);
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), `cinetwin-caption-${caption.id.slice(0, 8)}-`));
  try {
    if (!caption.segments) {
      const source = await sourceOf(db, caption, tmp, signal);
      progress.report(0.2, "transcribing");
      const made = (await narrationOf(db, caption)) ?? (await transcribe(db, caption, await localPathOf(source), signal));
      [caption] = await db
        .update(captions)
        .set({ segments: made.segments, method: made.method, sourceMediaId: source.id, updatedAt: new Date() })
        .where(eq(captions.id, caption.id))
        .returning();
    }
    await progress.flush();
    const done = caption;
    await withTransaction(async (ctx) => {
      const burnInTaskId = data.burnIn ? await queueChainedBurnIn(ctx, ctx.tx, done, data.burnIn) : undefined;
      await settleTask(ctx, subject, {
        status: "succeeded",
        step: "done",
        result: { captionId: done.id, segments: done.segments?.length ?? 0, method: done.method, ...(burnInTaskId ? { burnInTaskId } : {}) },
      });
    });
  } finally {
    await progress.flush();
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

/** The media to caption: stored already, or the reel_url fetched now and stored. */
async function sourceOf(db: Db, caption: CaptionRow, tmp: string, signal?: AbortSignal): Promise<MediaRow> {
  if (caption.sourceMediaId) {
    const row = await getMedia(db, { mediaId: caption.sourceMediaId, workspaceId: caption.workspaceId });
    if (!row) throw new KnownFailure("the captioned media was deleted", false);
    return row;
  }
  if (!caption.sourceUrl) throw new KnownFailure("the captions name no media", false);
  const fetched = await downloadToFile(caption.sourceUrl, {
    destPath: path.join(tmp, "reel"),
    maxBytes: MAX_REMOTE_BYTES,
    allowedTypes: REMOTE_TYPES,
    timeoutMs: 60_000,
    signal,
  });
  const info = await probe(fetched.path).catch(() => null);
  if (!info || !info.streams.some((s) => s.codecType === "audio")) throw new KnownFailure("reel_url is not audio or video with sound", false);
  if (info.durationMs > MAX_SOURCE_MS) throw new KnownFailure(`reel_url lasts more than ${MAX_SOURCE_MS / 60_000} minutes`, false);
  const video = info.streams.find((s) => s.codecType === "video" && !s.attachedPicture);
  const row = await saveMedia(db, {
    workspaceId: caption.workspaceId,
    kind: video ? "video" : "audio",
    mime: mimeOf(info.formatName, !!video),
    source: { path: fetched.path },
    width: video?.width ?? null,
    height: video?.height ?? null,
    durationMs: info.durationMs,
  });
  await db.update(captions).set({ sourceMediaId: row.id, updatedAt: new Date() }).where(eq(captions.id, caption.id));
  return row;
}

/** A studio video's narration, as its render recorded it: exact text and timing, no transcriber. */
async function narrationOf(db: Db, caption: CaptionRow): Promise<{ segments: CaptionSegmentRow[]; method: CaptionMethod } | null> {
  if (!caption.generatedVideoId) return null;
  const [video] = await db
    .select({ narration: generatedVideos.narration })
    .from(generatedVideos)
    .where(and(eq(generatedVideos.id, caption.generatedVideoId), eq(generatedVideos.workspaceId, caption.workspaceId)));
  if (!video?.narration?.length) return null;
  return { segments: video.narration.map((n) => ({ text: n.text, startMs: n.startMs, endMs: n.endMs })), method: "narration" };
}

async function transcribe(
  db: Db,
  caption: CaptionRow,
  mediaPath: string,
  signal?: AbortSignal,
): Promise<{ segments: CaptionSegmentRow[]; method: CaptionMethod }> {
  const chosen = await providerFor(db, caption.workspaceId, "transcription");
  if (!chosen.provider.supports(caption.language)) throw new KnownFailure(`the transcriber cannot hear "${caption.language}"`, false);
  let method = chosen.provider.id;
  const transcript = await withOfflineFallback(
    chosen,
    (t) => {
      method = t.id;
      if (!t.supports(caption.language)) throw new KnownFailure(`the offline transcriber cannot hear "${caption.language}"`, false);
      return t.transcribe(mediaPath, { language: caption.language, signal });
    },
    async (note) => console.warn(`[captions] ${caption.id}: ${note}`),
  );
  return { segments: transcript.segments, method };
}

/** After the last attempt: the task fails with its reason. */
export async function failCaptionGenerate(db: Db, data: Payload, reason: string) {
  await withTransaction((ctx) => settleTask(ctx, subjects.caption(data.captionId), { status: "failed", error: reason }));
}
