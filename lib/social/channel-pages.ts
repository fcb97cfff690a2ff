import { and, desc, eq, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { characters } from "@/db/schema/characters";
import { channelVideos } from "@/db/schema/social";
import { media } from "@/db/schema/media";
import { generatedVideos } from "@/db/schema/videos";
import { liveCharacter } from "@/lib/characters/scope";
import { getMediaUnscoped, type MediaRow } from "@/lib/storage/media";
import { isUuid } from "@/lib/validation/ids";
import { channelStats, noCounts, type ChannelCounts } from "./channel-stats";

/**
 * The public reads of the built-in channel: by handle, without a workspace (the channel is public),
 * and only of live characters, so a deleted character's channel and videos are not found.
 */

const HANDLE = /^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/;

export interface Channel {
  characterId: number;
  workspaceId: string;
  handle: string;
  name: string;
  description: string;
  persona: string;
  photoMediaId: string | null;
}

export interface ChannelVideo extends ChannelCounts {
  id: string;
  title: string;
  caption: string;
  publishedAt: Date;
  durationMs: number;
  sizeBytes: number;
  mediaId: string;
  thumbnailMediaId: string | null;
  /** The MP4's frame size, when the render recorded it: the player takes its shape. */
  width: number | null;
  height: number | null;
}

/** The channel of a handle, or null for an unknown one or a deleted character's. */
export async function findChannel(db: DbOrTx, handle: string): Promise<Channel | null> {
  if (!HANDLE.test(handle)) return null;
  const [c] = await db
    .select({
      characterId: characters.id,
      workspaceId: characters.workspaceId,
      name: characters.name,
      description: characters.description,
      persona: characters.persona,
      photoMediaId: characters.photoMediaId,
    })
    .from(characters)
    .where(and(eq(characters.channelHandle, handle), liveCharacter));
  return c ? { ...c, handle } : null;
}

const videoColumns = {
  id: channelVideos.id,
  title: channelVideos.title,
  caption: channelVideos.caption,
  publishedAt: channelVideos.publishedAt,
  durationMs: generatedVideos.durationMs,
  sizeBytes: generatedVideos.sizeBytes,
  mediaId: generatedVideos.mediaId,
  thumbnailMediaId: generatedVideos.thumbnailMediaId,
  width: media.width,
  height: media.height,
};

async function withCounts(db: DbOrTx, rows: Omit<ChannelVideo, keyof ChannelCounts>[]): Promise<ChannelVideo[]> {
  const stats = await channelStats(db, { channelVideoIds: rows.map((r) => r.id) });
  return rows.map((r) => ({ ...r, ...(stats.get(r.id) ?? noCounts) }));
}

/** The channel's videos, newest first, with their counts; `except` leaves one out ("more from this channel"). */
export async function channelVideoList(db: DbOrTx, channel: Channel, opts: { limit?: number; except?: string } = {}): Promise<ChannelVideo[]> {
  const rows = await db
    .select(videoColumns)
    .from(channelVideos)
    .innerJoin(generatedVideos, eq(generatedVideos.id, channelVideos.videoId))
    .innerJoin(media, eq(media.id, generatedVideos.mediaId))
    .where(and(eq(channelVideos.characterId, channel.characterId), ...(opts.except ? [ne(channelVideos.id, opts.except)] : [])))
    .orderBy(desc(channelVideos.publishedAt), desc(channelVideos.id))
    .limit(opts.limit ?? 100);
  return withCounts(db, rows);
}

/** One video of the channel, or null when it is not of that channel (or the id is no id). */
export async function findChannelVideo(db: DbOrTx, channel: Channel, channelVideoId: string): Promise<ChannelVideo | null> {
  if (!isUuid(channelVideoId)) return null;
  const [row] = await db
    .select(videoColumns)
    .from(channelVideos)
    .innerJoin(generatedVideos, eq(generatedVideos.id, channelVideos.videoId))
    .innerJoin(media, eq(media.id, generatedVideos.mediaId))
    .where(and(eq(channelVideos.id, channelVideoId), eq(channelVideos.characterId, channel.characterId)));
  return row ? ((await withCounts(db, [row]))[0] ?? null) : null;
}

/** The stored file behind a channel video's public URL: its MP4 or its thumbnail; null unless the video is on that channel. */
export async function channelFile(db: DbOrTx, handle: string, channelVideoId: string, file: "video" | "thumbnail"): Promise<MediaRow | null> {
  const channel = await findChannel(db, handle);
  const video = channel && (await findChannelVideo(db, channel, channelVideoId));
  const mediaId = video && (file === "video" ? video.mediaId : video.thumbnailMediaId);
  return mediaId ? getMediaUnscoped(db, mediaId) : null;
}

/** Paths of a channel's pages and files, relative to the origin (pages and feeds prefix it). */
export const channelPaths = {
  channel: (handle: string) => `/c/${handle}`,
  video: (handle: string, id: string) => `/c/${handle}/${id}`,
  /** Stable and public, unlike a signed media URL: feeds and link previews keep them. */
  file: (handle: string, id: string) => `/c/${handle}/${id}/video.mp4`,
  thumbnail: (handle: string, id: string) => `/c/${handle}/${id}/thumbnail.jpg`,
  feed: (handle: string, kind: "rss.xml" | "atom.xml" | "feed.json") => `/c/${handle}/${kind}`,
};
