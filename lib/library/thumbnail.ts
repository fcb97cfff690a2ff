import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import type { DbOrTx } from "@/db/client";
import { media } from "@/db/schema/media";
import { storage } from "@/lib/storage/local";
import { saveMedia, type MediaRow } from "@/lib/storage/media";

/** The longest side of a picture's thumbnail, as the library's grid shows it. */
const THUMB_SIDE = 320;

/**
 * A stored image's thumbnail (a small JPEG), made and linked to it the first time it is asked for:
 * a gallery of full-size frames (a 1080×1920 background is megabytes) would be slow on a phone.
 */
export async function imageThumbnail(db: DbOrTx, row: MediaRow): Promise<string> {
  if (row.thumbnailMediaId) return row.thumbnailMediaId;
  const buffer = await sharp(await storage().localPath(row.storageKey))
    .rotate()
    .resize(THUMB_SIDE, THUMB_SIDE, { fit: "inside" })
    .jpeg({ quality: 78 })
    .toBuffer();
  const meta = await sharp(buffer).metadata();
  const thumb = await saveMedia(db, {
    workspaceId: row.workspaceId,
    kind: "image",
    mime: "image/jpeg",
    source: { buffer },
    width: meta.width,
    height: meta.height,
  });
  await db
    .update(media)
    .set({ thumbnailMediaId: thumb.id })
    .where(and(eq(media.id, row.id), eq(media.workspaceId, row.workspaceId)));
  return thumb.id;
}
