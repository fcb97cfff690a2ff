import { and, eq, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { characters } from "@/db/schema/characters";
import { channelVideos } from "@/db/schema/social";
import { publicOrigin } from "@/lib/videos/urls";
import type { PlatformAdapter, PlatformLimits } from "./adapter";

/**
 * Cinetwin's own public channel: publishing puts the video on /c/<handle> (one page per character)
 * with its own page /c/<handle>/<id> and feeds. Our "platform API" is our own database, so the
 * video is already uploaded, processing is nothing, and commit is one insert that is idempotent on
 * the target (a unique index): a repeated commit finds the row instead of making a second.
 */

export const CHANNEL_LIMITS: PlatformLimits = {
  minDurationSec: 1,
  maxDurationSec: 60 * 60,
  minAspect: 0.3,
  maxAspect: 3.5,
  maxBytes: 2 * 1024 * 1024 * 1024,
  videoCodecs: ["h264"],
  audioCodecs: ["aac"],
  maxCaptionChars: 5000,
  captions: "burned",
};

export const channelVideoUrl = (handle: string, channelVideoId: string) => `${publicOrigin()}/c/${handle}/${channelVideoId}`;
export const channelUrl = (handle: string) => `${publicOrigin()}/c/${handle}`;

/** A URL-safe handle from a name: "Maya Lin" -> "maya-lin". */
export function handleFrom(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return base || "channel";
}

/** The character's channel handle, given on first use: its name, then "-2", "-3"... while taken. */
export async function ensureChannelHandle(db: DbOrTx, characterId: number): Promise<string> {
  const [c] = await db.select({ name: characters.name, handle: characters.channelHandle }).from(characters).where(eq(characters.id, characterId));
  if (!c) throw new Error(`character ${characterId} not found`);
  if (c.handle) return c.handle;
  const base = handleFrom(c.name);
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    const [taken] = await db
      .select({ id: characters.id })
      .from(characters)
      .where(and(eq(characters.channelHandle, candidate), ne(characters.id, characterId)));
    if (taken) continue;
    const [set] = await db
      .update(characters)
      .set({ channelHandle: candidate })
      .where(eq(characters.id, characterId))
      .returning({ handle: characters.channelHandle })
      .catch(() => [] as { handle: string | null }[]); // another writer took it between the two queries
    if (set?.handle) return set.handle;
  }
  throw new Error("no free channel handle");
}

export function createChannelAdapter(db: DbOrTx, target: { id: string; workspaceId: string; characterId: number; videoId: string | null }): PlatformAdapter {
  const find = async () => {
    const [row] = await db.select().from(channelVideos).where(eq(channelVideos.targetId, target.id));
    if (!row) return null;
    const handle = await ensureChannelHandle(db, row.characterId);
    return { postId: row.id, url: channelVideoUrl(handle, row.id) };
  };
  return {
    platform: "channel",
    limits: CHANNEL_LIMITS,
    oauth: null,
    async start(ctx) {
      await ctx.note("upload", "the video is already on this server");
    },
    async check() {
      return { state: "ready" };
    },
    async commit(ctx) {
      if (!target.videoId) throw new Error("a channel post needs a video");
      await db
        .insert(channelVideos)
        .values({
          workspaceId: target.workspaceId,
          characterId: target.characterId,
          targetId: target.id,
          videoId: target.videoId,
          title: ctx.post.title,
          caption: ctx.post.caption,
        })
        .onConflictDoNothing({ target: channelVideos.targetId });
      const published = await find();
      if (!published) throw new Error("the channel video was not recorded");
      return { state: "published", published };
    },
    async reconcile() {
      const published = await find();
      return published ? { state: "published", published } : { state: "absent" };
    },
  };
}
