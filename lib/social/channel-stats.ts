import { createHmac } from "node:crypto";
import { and, eq, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import { isbot } from "isbot";
import type { DbOrTx } from "@/db/client";
import { channelEventKinds, channelEvents, channelVideos } from "@/db/schema/social";
import { authSecret } from "@/lib/env";

export type ChannelEventKind = (typeof channelEventKinds)[number];

export interface ChannelCounts {
  views: number;
  plays: number;
  completions: number;
}

/** Who is watching, as far as counting needs to know: never stored, only hashed. */
export interface Viewer {
  address: string;
  userAgent: string;
  /** The workspace of the signed-in viewer, if any: a member of the video's own workspace is its owner. */
  workspaceId: string | null;
}

/** The UTC day of a moment, as Postgres's `date` reads it. */
export const dayOf = (at: Date) => at.toISOString().slice(0, 10);

// A key of its own, derived from AUTH_SECRET, so a viewer key never equals any other HMAC the server makes.
const viewerKeySecret = () => createHmac("sha256", authSecret()).update("channel-viewer-key").digest();

/**
 * One viewer on one day: HMAC(day, address, user agent). The day is inside the hash, so the same
 * viewer's keys of two days cannot be linked, and the address cannot be recovered without the secret.
 */
export function viewerKey(day: string, address: string, userAgent: string): string {
  return createHmac("sha256", viewerKeySecret()).update(`${day}\n${address}\n${userAgent}`).digest("base64url");
}

/** Why an event is not counted, or null when it is. Bots (and agents that say nothing) and the owner do not count. */
export function notCountedBecause(viewer: Viewer, ownerWorkspaceId: string): "bot" | "owner" | null {
  if (!viewer.userAgent.trim() || isbot(viewer.userAgent)) return "bot";
  if (viewer.workspaceId === ownerWorkspaceId) return "owner";
  return null;
}

/** What became of one event: counted, or why not; null when there is no such channel video. */
export type EventOutcome = "counted" | "repeat" | "bot" | "owner";

/**
 * Records a view, play or completion of a channel video: once per viewer per day (the unique
 * index; a repeat is DO NOTHING). Bots and the video's owner are not counted.
 */
export async function recordChannelEvent(
  db: DbOrTx,
  args: { channelVideoId: string; kind: ChannelEventKind; viewer: Viewer; at?: Date },
): Promise<EventOutcome | null> {
  const [video] = await db.select({ workspaceId: channelVideos.workspaceId }).from(channelVideos).where(eq(channelVideos.id, args.channelVideoId));
  if (!video) return null;
  const refused = notCountedBecause(args.viewer, video.workspaceId);
  if (refused) return refused;
  const day = dayOf(args.at ?? new Date());
  const inserted = await db
    .insert(channelEvents)
    .values({ channelVideoId: args.channelVideoId, kind: args.kind, viewerKey: viewerKey(day, args.viewer.address, args.viewer.userAgent), day })
    .onConflictDoNothing({ target: [channelEvents.channelVideoId, channelEvents.kind, channelEvents.viewerKey, channelEvents.day] })
    .returning({ id: channelEvents.id });
  return inserted.length > 0 ? "counted" : "repeat";
}

const countOf = (kind: ChannelEventKind) => sql<number>`count(*) filter (where ${channelEvents.kind} = ${kind})`.mapWith(Number);

/**
 * Lifetime counts per channel video, within a workspace, a character or a list of videos (at
 * least one should be given). Videos without any event are absent: read a missing one as zeros.
 */
export async function channelStats(
  db: DbOrTx,
  scope: { workspaceId?: string; characterId?: number; channelVideoIds?: string[] },
): Promise<Map<string, ChannelCounts>> {
  if (scope.channelVideoIds && scope.channelVideoIds.length === 0) return new Map();
  const where: SQL[] = [];
  if (scope.workspaceId) where.push(eq(channelVideos.workspaceId, scope.workspaceId));
  if (scope.characterId !== undefined) where.push(eq(channelVideos.characterId, scope.characterId));
  if (scope.channelVideoIds) where.push(inArray(channelVideos.id, scope.channelVideoIds));
  const rows = await db
    .select({ id: channelEvents.channelVideoId, views: countOf("view"), plays: countOf("play"), completions: countOf("complete") })
    .from(channelEvents)
    .innerJoin(channelVideos, eq(channelVideos.id, channelEvents.channelVideoId))
    .where(and(...where))
    .groupBy(channelEvents.channelVideoId);
  return new Map(rows.map(({ id, ...c }) => [id, c]));
}

/** Zeros for a video without events. */
export const noCounts: ChannelCounts = { views: 0, plays: 0, completions: 0 };

export interface ChannelDailyRow extends ChannelCounts {
  channelVideoId: string;
  characterId: number;
  /** YYYY-MM-DD (UTC). */
  day: string;
}

/** The workspace's channel counts per video per day from `fromDay` to `toDay` (inclusive, YYYY-MM-DD): what the analytics sync reads. */
export async function channelDailyCounts(db: DbOrTx, workspaceId: string, fromDay: string, toDay: string): Promise<ChannelDailyRow[]> {
  return db
    .select({
      channelVideoId: channelEvents.channelVideoId,
      characterId: channelVideos.characterId,
      day: channelEvents.day,
      views: countOf("view"),
      plays: countOf("play"),
      completions: countOf("complete"),
    })
    .from(channelEvents)
    .innerJoin(channelVideos, eq(channelVideos.id, channelEvents.channelVideoId))
    .where(and(eq(channelVideos.workspaceId, workspaceId), gte(channelEvents.day, fromDay), lte(channelEvents.day, toDay)))
    .groupBy(channelEvents.channelVideoId, channelVideos.characterId, channelEvents.day)
    .orderBy(channelEvents.day, channelEvents.channelVideoId);
}
