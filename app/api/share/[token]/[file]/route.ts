import { getDb } from "@/db/client";
import { otherMethods } from "@/lib/api/methods";
import { route } from "@/lib/api/route";
import { serveMedia } from "@/lib/storage/serve";
import { getMediaUnscoped } from "@/lib/storage/media";
import { findByShareToken } from "@/lib/videos/service";

export const dynamic = "force-dynamic";

// One answer for missing, foreign and unsigned alike, in the dialects' shape.
const notFound = () => Response.json({ detail: "Not found", code: "not_found" }, { status: 404 });

/** A shared video's file or thumbnail, public for whoever holds its share token. */
export const GET = route<{ token: string; file: string }>(async (req, { token, file }) => {
  if (file !== "video" && file !== "thumbnail") return notFound();
  const db = getDb();
  const video = await findByShareToken(db, token);
  const mediaId = video && (file === "video" ? video.mediaId : video.thumbnailMediaId);
  const row = mediaId ? await getMediaUnscoped(db, mediaId) : null;
  if (!row) return notFound();
  const download = new URL(req.url).searchParams.has("download");
  return (await serveMedia(req, row, { download, cacheControl: "public, max-age=3600" })) ?? notFound();
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
