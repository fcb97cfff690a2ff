import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import yazl from "yazl";
import { getDb } from "@/db/client";
import { otherMethods } from "@/lib/api/methods";
import { route } from "@/lib/api/route";
import { requirePrincipal } from "@/lib/auth/principal";
import { getBulkBatch } from "@/lib/bulk/service";
import { notFound } from "@/lib/errors";
import { storage } from "@/lib/storage/local";
import { getMedia } from "@/lib/storage/media";

export const dynamic = "force-dynamic";

/** "row-003-tiktok.mp4": sorted as the CSV is, and safe in any file system. */
const entryName = (row: number, platform: string) => `row-${String(row).padStart(3, "0")}-${platform}.mp4`;

/**
 * "Download all": the batch's finished reels as one zip, streamed from storage as it is written
 * (yazl; MP4s are stored, not recompressed), so a hundred reels never sit in memory at once.
 */
export const GET = route<{ batchId: string }>(async (req, { batchId }) => {
  const p = await requirePrincipal(req);
  const db = getDb();
  const view = await getBulkBatch(db, { workspaceId: p.workspaceId, batchId });
  const done = view.rows.filter((r) => r.video);
  if (!done.length) throw notFound("Finished reel");
  const zip = new yazl.ZipFile();
  for (const r of done) {
    const media = await getMedia(db, { mediaId: r.video!.mediaId, workspaceId: p.workspaceId });
    if (!media) continue;
    // Opened when the zip reaches the entry: one file (or S3 request) at a time.
    zip.addReadStreamLazy(entryName(r.rowNumber, r.row.platform), { compress: false }, (cb) => {
      storage()
        .read(media.storageKey)
        .then((body) =>
          cb(
            body ? null : new Error(`reel ${r.rowNumber} is missing from storage`),
            body ? Readable.fromWeb(body as NodeReadableStream<Uint8Array>) : Readable.from([]),
          ),
        )
        .catch((e: unknown) => cb(e as Error, Readable.from([])));
    });
  }
  zip.end();
  const name = `reels-${view.batch.id.slice(0, 8)}.zip`;
  return new Response(Readable.toWeb(zip.outputStream as Readable) as ReadableStream<Uint8Array>, {
    headers: { "Content-Type": "application/zip", "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "no-store" },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
