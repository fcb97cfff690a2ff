import { getDb } from "@/db/client";
import { serveMedia } from "@/lib/storage/serve";
import { getMediaUnscoped } from "@/lib/storage/media";
import { findByShareToken } from "@/lib/videos/service";

export const dynamic = "force-dynamic";

const notFound = () => Response.json({ detail: "Not found" }, { status: 404 });

/** A shared video's file or thumbnail, public for whoever holds its share token. */
export async function GET(req: Request, ctx: { params: Promise<{ token: string; file: string }> }) {
  const { token, file } = await ctx.params;
  if (file !== "video" && file !== "thumbnail") return notFound();
  const db = getDb();
  const video = await findByShareToken(db, token);
  const mediaId = video && (file === "video" ? video.mediaId : video.thumbnailMediaId);
  const row = mediaId ? await getMediaUnscoped(db, mediaId) : null;
  if (!row) return notFound();
  const download = new URL(req.url).searchParams.has("download");
  return (await serveMedia(req, row, { download, cacheControl: "public, max-age=3600" })) ?? notFound();
}
