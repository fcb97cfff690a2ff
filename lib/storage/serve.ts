import fs from "node:fs";
import { Readable } from "node:stream";
import type { MediaRow } from "./media";
import { storage } from "./local";

/**
 * Streams a stored file as an HTTP response, with Range support (browsers need it to seek in a
 * video). Returns null when the file is missing on disk.
 */
export async function serveMedia(req: Request, row: MediaRow, opts: { download?: boolean; cacheControl?: string } = {}): Promise<Response | null> {
  const file = await storage().localPath(row.storageKey);
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    return null;
  }
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
    const stream = Readable.toWeb(fs.createReadStream(file, { start, end })) as ReadableStream;
    return new Response(stream, {
      status: 206,
      headers: { ...headers, "Content-Range": `bytes ${start}-${end}/${size}`, "Content-Length": String(end - start + 1) },
    });
  }
  const stream = Readable.toWeb(fs.createReadStream(file)) as ReadableStream;
  return new Response(stream, { headers: { ...headers, "Content-Length": String(size) } });
}
