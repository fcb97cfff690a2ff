import { shareFileUrl, shareThumbnailUrl } from "@/lib/videos/urls";
import type { BulkBatchView } from "./service";

/** A batch as the studio's bulk page polls it (GET /api/bulk/{batchId}); media URLs are paths on this server. */
export function toBulkView(v: BulkBatchView) {
  return {
    id: v.batch.id,
    taskId: v.task.id,
    characterName: v.character.name,
    platform: v.batch.platform,
    quality: v.batch.quality,
    status: v.task.status,
    partial: v.task.result?.partial === true,
    progress: v.task.progress,
    totalRows: v.batch.totalRows,
    createdAt: v.batch.createdAt.toISOString(),
    rows: v.rows.map((r) => ({
      row: r.rowNumber,
      script: r.row.script,
      platform: r.row.platform,
      captionPreset: r.row.captionPreset,
      status: r.status,
      progress: r.progress,
      error: r.status === "succeeded" ? null : (r.task?.error ?? (r.task ? null : "The reel's render was deleted")),
      videoUrl: r.video ? shareFileUrl(r.video.shareToken, "") : null,
      thumbnailUrl: r.video?.thumbnailMediaId ? shareThumbnailUrl(r.video.shareToken, "") : null,
      attempts: r.row.attempts,
    })),
  };
}

export type BulkView = ReturnType<typeof toBulkView>;
export type BulkRowViewJson = BulkView["rows"][number];
