import { getDb } from "@/db/client";
import { serveMedia } from "@/lib/storage/serve";
import { getMediaUnscoped, verifyMediaSignature } from "@/lib/storage/media";

export const dynamic = "force-dynamic";

const notFound = () => Response.json({ detail: "Not found" }, { status: 404 });

/**
 * Serves a stored file to whoever holds a valid signed URL; an unsigned, tampered or expired
 * URL is a 404, so the route does not even reveal that the file exists.
 */
export async function GET(req: Request, ctx: { params: Promise<{ mediaId: string }> }) {
  const { mediaId } = await ctx.params;
  const url = new URL(req.url);
  if (!/^[0-9a-f-]{36}$/.test(mediaId) || !verifyMediaSignature(mediaId, url.searchParams.get("exp"), url.searchParams.get("sig"))) {
    return notFound();
  }
  const row = await getMediaUnscoped(getDb(), mediaId);
  if (!row) return notFound();
  return (await serveMedia(req, row, { download: !!url.searchParams.get("download") })) ?? notFound();
}
