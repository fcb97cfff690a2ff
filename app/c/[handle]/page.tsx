import { Rss } from "lucide-react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { channelPaths, channelVideoList, findChannel, type Channel } from "@/lib/social/channel-pages";
import { signedMediaPath } from "@/lib/storage/media";
import { MadeWith, pageOrigin, VideoCard } from "./shared";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ handle: string }> };

/** The <link rel="alternate"> of the channel's three feeds. */
const feedLinks = (c: Channel) => ({
  "application/rss+xml": [{ url: channelPaths.feed(c.handle, "rss.xml"), title: `${c.name} (RSS)` }],
  "application/atom+xml": [{ url: channelPaths.feed(c.handle, "atom.xml"), title: `${c.name} (Atom)` }],
  "application/feed+json": [{ url: channelPaths.feed(c.handle, "feed.json"), title: `${c.name} (JSON Feed)` }],
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const db = getDb();
  const channel = await findChannel(db, (await params).handle);
  if (!channel) return { title: "Not found" };
  const [latest] = await channelVideoList(db, channel, { limit: 1 });
  const origin = await pageOrigin();
  const description = channel.description || channel.persona || `Videos by ${channel.name}`;
  // A signed photo URL expires; a preview card keeps its image, so it shows the newest video's stable thumbnail.
  const image = latest?.thumbnailMediaId ? [{ url: channelPaths.thumbnail(channel.handle, latest.id) }] : undefined;
  return {
    metadataBase: new URL(origin),
    title: { absolute: `${channel.name} · Channel` },
    description,
    alternates: { canonical: channelPaths.channel(channel.handle), types: feedLinks(channel) },
    openGraph: { type: "profile", title: channel.name, description, url: channelPaths.channel(channel.handle), images: image },
    twitter: { card: image ? "summary_large_image" : "summary", title: channel.name, description, images: image },
  };
}

function ChannelHeader({ channel, count }: { channel: Channel; count: number }) {
  const tagline = [channel.description, channel.persona].filter(Boolean).join(" · ");
  return (
    <header className="flex flex-col items-center gap-4 text-center sm:flex-row sm:items-center sm:gap-6 sm:text-left">
      <div className="size-24 shrink-0 overflow-hidden rounded-full bg-muted ring-4 ring-background shadow-md sm:size-28">
        {channel.photoMediaId ? (
          // eslint-disable-next-line @next/next/no-img-element
          <img src={signedMediaPath(channel.photoMediaId)} alt={channel.name} className="size-full object-cover" data-testid="channel-photo" />
        ) : (
          <span className="flex size-full items-center justify-center text-3xl font-semibold text-muted-foreground">{channel.name.slice(0, 1)}</span>
        )}
      </div>
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight break-words sm:text-3xl">{channel.name}</h1>
        <p className="text-sm text-muted-foreground">
          @{channel.handle} · {count} {count === 1 ? "video" : "videos"}
        </p>
        {tagline && <p className="mt-1 max-w-2xl text-pretty break-words text-muted-foreground">{tagline}</p>}
      </div>
      <nav aria-label="Feeds" className="flex items-center gap-1 text-sm">
        <a href={channelPaths.feed(channel.handle, "rss.xml")} className="flex items-center gap-1.5 rounded-full border px-3 py-1.5 font-medium hover:bg-muted">
          <Rss className="size-4 text-orange-500" aria-hidden /> RSS
        </a>
        <a href={channelPaths.feed(channel.handle, "atom.xml")} className="rounded-full px-3 py-1.5 text-muted-foreground hover:bg-muted">
          Atom
        </a>
        <a href={channelPaths.feed(channel.handle, "feed.json")} className="rounded-full px-3 py-1.5 text-muted-foreground hover:bg-muted">
          JSON
        </a>
      </nav>
    </header>
  );
}

/** A character's public channel: who they are and every video published to it, newest first. */
export default async function ChannelPage({ params }: Props) {
  const db = getDb();
  const channel = await findChannel(db, (await params).handle);
  if (!channel) notFound();
  const videos = await channelVideoList(db, channel);
  return (
    <div className="flex min-h-dvh flex-col">
      <div className="h-28 bg-gradient-to-br from-primary/30 via-primary/10 to-transparent sm:h-36" aria-hidden />
      <main className="mx-auto -mt-14 flex w-full max-w-6xl flex-1 flex-col gap-8 px-4 pb-10 sm:-mt-16 sm:px-8">
        <ChannelHeader channel={channel} count={videos.length} />
        {videos.length ? (
          <section aria-label="Videos" className="grid grid-cols-1 gap-x-4 gap-y-7 min-[520px]:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4">
            {videos.map((v) => (
              <VideoCard key={v.id} handle={channel.handle} video={v} />
            ))}
          </section>
        ) : (
          <section className="flex flex-col items-center gap-2 rounded-2xl border border-dashed px-6 py-16 text-center" data-testid="channel-empty">
            <p className="text-lg font-medium">No videos yet</p>
            <p className="max-w-sm text-sm text-muted-foreground">
              When {channel.name} publishes a video, it shows up here. Subscribe to the feed to hear about it first.
            </p>
          </section>
        )}
      </main>
      <MadeWith />
    </div>
  );
}
