import { getDb } from "@/db/client";
import { otherMethods } from "@/lib/api/methods";
import { route } from "@/lib/api/route";
import { serveMedia } from "@/lib/storage/serve";
import { getMediaUnscoped, verifyMediaSignature } from "@/lib/storage/media";

export const dynamic = "force-dynamic";

// One answer for missing, foreign and unsigned alike, in the dialects' shape.
const notFound = () => Response.json({ detail: "Not found", code: "not_found" }, { status: 404 });

/**
 * Serves a stored file to whoever holds a valid signed URL; an unsigned, tampered or expired
 * URL is a 404, so the route does not even reveal that the file exists.
 */
export const GET = route<{ mediaId: string }>(async (req, { mediaId }) => {
  const url = new URL(req.url);
  if (!/^[0-9a-f-]{36}$/.test(mediaId) || !verifyMediaSignature(mediaId, url.searchParams.get("exp"), url.searchParams.get("sig"))) {
    return notFound();
  }
  const row = await getMediaUnscoped(getDb(), mediaId);
  if (!row) return notFound();
  return (await serveMedia(req, row, { download: !!url.searchParams.get("download") })) ?? notFound();
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
