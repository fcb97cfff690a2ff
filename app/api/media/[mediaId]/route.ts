import fs from "node:fs";
import { Readable } from "node:stream";
import { getDb } from "@/db/client";
import { storage } from "@/lib/storage/local";
import { getMediaUnscoped, verifyMediaSignature } from "@/lib/storage/media";

export const dynamic = "force-dynamic";

const notFound = () => Response.json({ detail: "Not found" }, { status: 404 });

/**
 * Serves a stored file to whoever holds a valid signed URL; an unsigned, tampered or expired
 * URL is a 404, so the route does not even reveal that the file exists. Supports Range
 * requests, which browsers need to seek in a video.
 */
export async function GET(req: Request, ctx: { params: Promise<{ mediaId: string }> }) {
  const { mediaId } = await ctx.params;
  const url = new URL(req.url);
  if (!/^[0-9a-f-]{36}$/.test(mediaId) || !verifyMediaSignature(mediaId, url.searchParams.get("exp"), url.searchParams.get("sig"))) {
    return notFound();
  }
  const row = await getMediaUnscoped(getDb(), mediaId);
  if (!row) return notFound();
  const file = await storage().localPath(row.storageKey);
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    return notFound();
  }
  const headers: Record<string, string> = {
    "Content-Type": row.mime,
    "Accept-Ranges": "bytes",
    "Cache-Control": "private, max-age=3600",
  };
  if (url.searchParams.get("download")) {
    headers["Content-Disposition"] = `attachment; filename="cinetwin-${mediaId.slice(0, 8)}.${row.storageKey.split(".").pop()}"`;
  }
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.get("range") ?? "");
  if (range && (range[1] || range[2])) {
    let start = range[1] ? Number(range[1]) : size - Number(range[2]);
    let end = range[1] && range[2] ? Number(range[2]) : size - 1;
    start = Math.max(0, start);
    end = Math.min(end, size - 1);
    if (start > end) return new Response(null, { status: 416, headers: { "Content-Range": `bytes */${size}` } });
    const stream = Readable.toWeb(fs.createReadStream(file, { start, end })) as ReadableStream;
    return new Response(stream, {
      status: 206,
      headers: { ...headers, "Content-Range": `bytes ${start}-${end}/${size}`, "Content-Length": String(end - start + 1) },
    });
  }
  const stream = Readable.toWeb(fs.createReadStream(file)) as ReadableStream;
  return new Response(stream, { headers: { ...headers, "Content-Length": String(size) } });
}
