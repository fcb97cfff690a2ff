import { getDb } from "@/db/client";
import { route } from "@/lib/api/route";
import { channelFile } from "@/lib/social/channel-pages";
import { serveMedia } from "@/lib/storage/serve";

const notFound = () => Response.json({ detail: "Not found", code: "not_found" }, { status: 404 });

/**
 * The GET of a channel video's MP4 or thumbnail at a stable, public URL (feeds and link previews
 * keep it, where a signed media URL would expire), with Range support; 404 unless the video is on
 * that handle's channel.
 */
export function fileRoute(file: "video" | "thumbnail") {
  return route<{ handle: string; videoId: string }>(async (req, { handle, videoId }) => {
    const row = await channelFile(getDb(), handle, videoId, file);
    if (!row) return notFound();
    return (await serveMedia(req, row, { cacheControl: "public, max-age=3600" })) ?? notFound();
  });
}
