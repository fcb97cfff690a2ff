import { createHmac, timingSafeEqual } from "node:crypto";
import fs from "node:fs/promises";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { media } from "@/db/schema/media";
import { authSecret, env } from "@/lib/env";
import { isUuid } from "@/lib/validation/ids";
import { storage } from "./local";

export type MediaRow = typeof media.$inferSelect;
type MediaKind = MediaRow["kind"];

const extByMime: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "video/mp4": "mp4",
  "video/webm": "webm",
  "audio/wav": "wav",
  "audio/mp4": "m4a",
  "audio/mpeg": "mp3",
  "audio/aac": "aac",
  "audio/ogg": "ogg",
  "audio/webm": "webm",
  "audio/flac": "flac",
  "text/vtt": "vtt",
  "application/x-subrip": "srt",
  "text/csv": "csv",
  "application/zip": "zip",
};

/** Stores a file and records it. The source file is copied, so callers may delete it. */
export async function saveMedia(
  db: DbOrTx,
  args: {
    workspaceId: string;
    kind: MediaKind;
    mime: string;
    source: { path: string } | { buffer: Buffer };
    width?: number | null;
    height?: number | null;
    durationMs?: number | null;
  },
): Promise<MediaRow> {
  const ext = extByMime[args.mime] ?? "bin";
  const key = await storage().put(args.workspaceId, ext, args.source);
  const sizeBytes = "buffer" in args.source ? args.source.buffer.length : (await fs.stat(args.source.path)).size;
  const [row] = await db
    .insert(media)
    .values({
      workspaceId: args.workspaceId,
      kind: args.kind,
      storageKey: key,
      mime: args.mime,
      sizeBytes,
      width: args.width ?? null,
      height: args.height ?? null,
      durationMs: args.durationMs ?? null,
    })
    .returning();
  return row;
}

/** The workspace's media row, or null; an id that is not a uuid names nothing (and never reaches the query). */
export async function getMedia(db: DbOrTx, args: { mediaId: string; workspaceId: string }) {
  if (!isUuid(args.mediaId)) return null;
  const [row] = await db
    .select()
    .from(media)
    .where(and(eq(media.id, args.mediaId), eq(media.workspaceId, args.workspaceId)));
  return row ?? null;
}

export async function getMediaUnscoped(db: DbOrTx, mediaId: string) {
  if (!isUuid(mediaId)) return null;
  const [row] = await db.select().from(media).where(eq(media.id, mediaId));
  return row ?? null;
}

const sign = (mediaId: string, exp: number) => createHmac("sha256", authSecret()).update(`media:${mediaId}:${exp}`).digest("base64url");

/** A signed, expiring path that serves the file without a session (for <video>, downloads, API users). */
export function signedMediaPath(mediaId: string, opts: { ttlSeconds?: number; download?: boolean } = {}): string {
  const ttl = opts.ttlSeconds ?? env().MEDIA_URL_TTL;
  // Rounded so that the same media yields the same URL for a while, which keeps browser caches useful.
  const exp = Math.ceil((Date.now() / 1000 + ttl) / 600) * 600;
  const dl = opts.download ? "&download=1" : "";
  return `/api/media/${mediaId}?exp=${exp}&sig=${sign(mediaId, exp)}${dl}`;
}

/** An absolute signed download link for `origin` (the caller's), with when it stops working. */
export function signedDownloadUrl(mediaId: string, origin: string, ttlSeconds: number): { downloadUrl: string; expiresAt: string } {
  const path = signedMediaPath(mediaId, { ttlSeconds, download: true });
  const exp = Number(new URL(path, origin).searchParams.get("exp"));
  return { downloadUrl: `${origin.replace(/\/$/, "")}${path}`, expiresAt: new Date(exp * 1000).toISOString() };
}

export function verifyMediaSignature(mediaId: string, exp: string | null, sig: string | null): boolean {
  if (!exp || !sig || !/^\d+$/.test(exp)) return false;
  if (Number(exp) < Date.now() / 1000) return false;
  const expected = Buffer.from(sign(mediaId, Number(exp)));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
