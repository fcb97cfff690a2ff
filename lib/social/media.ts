import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { media } from "@/db/schema/media";
import { generatedVideos } from "@/db/schema/videos";
import { KnownFailure } from "@/lib/errors";
import { probe } from "@/lib/media/ffmpeg";
import { toSrt } from "@/lib/render/captions";
import { storage } from "@/lib/storage/local";
import { signedMediaPath } from "@/lib/storage/media";
import { publicOrigin } from "@/lib/videos/urls";
import type { PublishMedia } from "./platforms/adapter";

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
  const file = await storage().localPath(row.media.storageKey);
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

/** Everything an adapter needs of the post's video: the file, its facts, a URL platforms fetch, sidecar captions. */
export async function publishMedia(db: DbOrTx, workspaceId: string, videoId: string | null): Promise<PublishMedia> {
  if (!videoId) throw new KnownFailure("the post has no video: attach a finished video before it is published", false);
  const row = await videoRow(db, workspaceId, videoId);
  const facts = row ? await mediaFacts(db, workspaceId, videoId) : null;
  if (!row || !facts) throw new KnownFailure("the post's video no longer exists", false);
  return {
    ...facts,
    publicUrl: `${publicOrigin()}${signedMediaPath(row.media.id, { ttlSeconds: FETCH_URL_TTL_SECONDS })}`,
    srt: row.video.narration?.length ? toSrt(row.video.narration) : null,
  };
}
