import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { media } from "@/db/schema/media";
import { generatedVideos } from "@/db/schema/videos";
import { renderWithoutCaptions } from "@/lib/captions/clean-source";
import { KnownFailure } from "@/lib/errors";
import { probe } from "@/lib/media/ffmpeg";
import { toSrt } from "@/lib/render/captions";
import { storage } from "@/lib/storage/local";
import { saveMedia, signedMediaPath } from "@/lib/storage/media";
import { publicOrigin } from "@/lib/videos/urls";
import type { PlatformLimits, PublishMedia } from "./platforms/adapter";

/** What the pre-flight check reads about a video (no file paths or URLs needed). */
export interface MediaFacts {
  durationSec: number;
  width: number;
  height: number;
  sizeBytes: number;
  videoCodec: string;
  audioCodec: string | null;
}

/** How long the URL a platform fetches the video from stays valid (Instagram fetches when it processes). */
const FETCH_URL_TTL_SECONDS = 6 * 3600;

async function videoRow(db: DbOrTx, workspaceId: string, videoId: string) {
  const [row] = await db
    .select({ video: generatedVideos, media })
    .from(generatedVideos)
    .innerJoin(media, eq(media.id, generatedVideos.mediaId))
    .where(and(eq(generatedVideos.id, videoId), eq(generatedVideos.workspaceId, workspaceId)));
  return row ?? null;
}

/** Probes the video's file: its real duration, frame size, codecs and size. */
export async function mediaFacts(db: DbOrTx, workspaceId: string, videoId: string): Promise<(MediaFacts & { path: string }) | null> {
  const row = await videoRow(db, workspaceId, videoId);
  if (!row) return null;
  return probeFile(await storage().localPath(row.media.storageKey));
}

async function probeFile(file: string): Promise<MediaFacts & { path: string }> {
  const p = await probe(file);
  const video = p.streams.find((s) => s.codecType === "video" && !s.attachedPicture);
  const audio = p.streams.find((s) => s.codecType === "audio");
  return {
    path: file,
    durationSec: p.durationMs / 1000,
    width: video?.width ?? 0,
    height: video?.height ?? 0,
    sizeBytes: p.sizeBytes,
    videoCodec: video?.codecName ?? "",
    audioCodec: audio?.codecName ?? null,
  };
}

/**
 * The file a target sends, chosen once: the video's own; for a platform that takes captions as a
 * sidecar (YouTube, LinkedIn), the video rendered again without its burned-in captions when it
 * has any, so viewers who turn captions on do not see two sets.
 */
export async function chooseTargetMedia(
  db: Db,
  workspaceId: string,
  videoId: string,
  captions: PlatformLimits["captions"],
  signal?: AbortSignal,
): Promise<string> {
  const row = await videoRow(db, workspaceId, videoId);
  if (!row) throw new KnownFailure("the post's video no longer exists", false);
  if (captions !== "sidecar" || !row.video.narration?.length) return row.media.id;
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), "cinetwin-publish-"));
  try {
    const clean = await renderWithoutCaptions(db, { workspaceId, generatedVideoId: videoId }, { workDir, signal });
    if (!clean) return row.media.id;
    const saved = await saveMedia(db, {
      workspaceId,
      kind: "video",
      mime: "video/mp4",
      source: { path: clean },
      width: row.media.width,
      height: row.media.height,
      durationMs: row.media.durationMs,
    });
    return saved.id;
  } finally {
    await fs.rm(workDir, { recursive: true, force: true });
  }
}

/** Everything an adapter needs of a target's file: the file, its facts, a URL platforms fetch, sidecar captions from the video's narration. */
export async function publishMedia(db: DbOrTx, workspaceId: string, videoId: string, mediaId: string): Promise<PublishMedia> {
  const row = await videoRow(db, workspaceId, videoId);
  const [file] = await db
    .select()
    .from(media)
    .where(and(eq(media.id, mediaId), eq(media.workspaceId, workspaceId)));
  if (!row || !file) throw new KnownFailure("the post's video no longer exists", false);
  return {
    ...(await probeFile(await storage().localPath(file.storageKey))),
    publicUrl: `${publicOrigin()}${signedMediaPath(file.id, { ttlSeconds: FETCH_URL_TTL_SECONDS })}`,
    srt: row.video.narration?.length ? toSrt(row.video.narration) : null,
  };
}
