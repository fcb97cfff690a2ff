import { getDb } from "@/db/client";
import { requestOrigin, route } from "@/lib/api/route";
import { channelFeed, feedContentTypes, type FeedKind } from "@/lib/social/channel-feeds";
import { channelVideoList, findChannel } from "@/lib/social/channel-pages";

const notFound = () => Response.json({ detail: "Not found", code: "not_found" }, { status: 404 });

/** The GET of one of a channel's feeds (rss.xml, atom.xml, feed.json): its 50 newest videos. */
export function feedRoute(kind: FeedKind) {
  return route<{ handle: string }>(async (req, { handle }) => {
    const db = getDb();
    const channel = await findChannel(db, handle);
    if (!channel) return notFound();
    const videos = await channelVideoList(db, channel, { limit: 50 });
    return new Response(channelFeed(kind, channel, videos, requestOrigin(req)), {
      headers: { "Content-Type": feedContentTypes[kind], "Cache-Control": "public, max-age=300" },
    });
  });
}
