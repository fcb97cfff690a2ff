import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Db } from "@/db/client";
import { generatedVideos } from "@/db/schema/videos";
import { resolveReelUrl, UPLOAD_FORMATS } from "@/lib/captions/source";
import { AppError } from "@/lib/errors";
import { probe } from "@/lib/media/ffmpeg";
import { downloadToFile, OutboundError } from "@/lib/net/outbound";
import { newShareToken } from "@/lib/videos/service";
import { saveMedia, type MediaRow } from "@/lib/storage/media";

/** The largest reel fetched from a URL to publish (the platforms' own limits are lower or close). */
const MAX_REEL_BYTES = 500 * 1024 * 1024;

/**
 * The finished video a reel URL names, for publishing: a Cinetwin render as it is; another
 * stored video or a remote file (fetched once through lib/net/outbound) becomes an "imported"
 * video of the workspace, so the calendar, the channel and analytics treat it like any other.
 */
export async function videoForReel(db: Db, workspaceId: string, reelUrl: string, field: string): Promise<string> {
  const source = await resolveReelUrl(db, workspaceId, reelUrl, field);
  if (source.kind === "media") {
    if (!source.hasVideo) throw new AppError("bad_request", `${field}: the file has no video`, field);
    return source.generatedVideoId ?? (await recordImport(db, workspaceId, source.media));
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "cinetwin-reel-"));
  try {
    const file = path.join(dir, "reel");
    try {
      await downloadToFile(source.url, { destPath: file, maxBytes: MAX_REEL_BYTES, allowedTypes: ["video/", "application/octet-stream"], timeoutMs: 120_000 });
    } catch (e) {
      if (e instanceof OutboundError) throw new AppError("bad_request", `${field}: ${e.message}`, field);
      throw e;
    }
    const facts = await probe(file, { formats: UPLOAD_FORMATS }).catch(() => null);
    const video = facts?.streams.find((s) => s.codecType === "video" && !s.attachedPicture);
    if (!facts || !video) throw new AppError("bad_request", `${field}: the file is not a video`, field);
    const media = await saveMedia(db, {
      workspaceId,
      kind: "video",
      mime: "video/mp4",
      source: { path: file },
      width: video.width ?? null,
      height: video.height ?? null,
      durationMs: facts.durationMs,
    });
    return recordImport(db, workspaceId, media);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

async function recordImport(db: Db, workspaceId: string, media: MediaRow): Promise<string> {
  const [row] = await db
    .insert(generatedVideos)
    .values({
      id: randomUUID(),
      workspaceId,
      name: "Imported reel",
      mediaId: media.id,
      shareToken: newShareToken(),
      sizeBytes: media.sizeBytes,
      durationMs: media.durationMs ?? 0,
    })
    .returning({ id: generatedVideos.id });
  return row.id;
}
