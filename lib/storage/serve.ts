import type { MediaRow } from "./media";
import { storage } from "./local";

/**
 * Streams a stored file as an HTTP response, with Range support (browsers need it to seek in a
 * video). Returns null when the file is missing (also when it goes between the size and the read).
 *
 * With S3 storage each request reads the bucket directly (a ranged GetObject) rather than a
 * local cached copy: a seek in a long video then costs one small read instead of downloading
 * the whole object first, the web server's disk does not fill with every video ever watched,
 * and a removed object stops being served everywhere, not only where its cache was dropped.
 */
export async function serveMedia(req: Request, row: MediaRow, opts: { download?: boolean; cacheControl?: string } = {}): Promise<Response | null> {
  const store = storage();
  const size = await store.size(row.storageKey);
  if (size === null) return null;
  const headers: Record<string, string> = {
    "Content-Type": row.mime,
    "Accept-Ranges": "bytes",
    "Cache-Control": opts.cacheControl ?? "private, max-age=3600",
  };
  if (opts.download) {
    headers["Content-Disposition"] = `attachment; filename="cinetwin-${row.id.slice(0, 8)}.${row.storageKey.split(".").pop()}"`;
  }
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.get("range") ?? "");
  if (range && (range[1] || range[2])) {
    let start = range[1] ? Number(range[1]) : size - Number(range[2]);
    let end = range[1] && range[2] ? Number(range[2]) : size - 1;
    start = Math.max(0, start);
    end = Math.min(end, size - 1);
    if (start > end) return new Response(null, { status: 416, headers: { "Content-Range": `bytes */${size}` } });
    const stream = await store.read(row.storageKey, { start, end });
    if (!stream) return null;
    return new Response(stream, {
      status: 206,
      headers: { ...headers, "Content-Range": `bytes ${start}-${end}/${size}`, "Content-Length": String(end - start + 1) },
    });
  }
  const stream = await store.read(row.storageKey);
  if (!stream) return null;
  return new Response(stream, { headers: { ...headers, "Content-Length": String(size) } });
}
