import { ArrowLeft, Eye } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { sliceText } from "@/lib/format";
import { channelPaths, channelVideoList, findChannel, findChannelVideo } from "@/lib/social/channel-pages";
import { signedMediaPath } from "@/lib/storage/media";
import { dateText, MadeWith, pageOrigin, VideoCard, viewsText } from "../shared";
import { ChannelPlayer } from "./channel-player";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ handle: string; videoId: string }> };

async function load(handle: string, videoId: string) {
  const db = getDb();
  const channel = await findChannel(db, handle);
  const video = channel && (await findChannelVideo(db, channel, videoId));
  return channel && video ? { channel, video } : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { handle, videoId } = await params;
  const found = await load(handle, videoId);
  if (!found) return { title: "Not found" };
  const { channel, video } = found;
  const description = sliceText(video.caption || `A video by ${channel.name}`, 200);
  const page = channelPaths.video(handle, video.id);
  const image = video.thumbnailMediaId ? [{ url: channelPaths.thumbnail(handle, video.id) }] : undefined;
  return {
    metadataBase: new URL(await pageOrigin()),
    title: { absolute: `${video.title} · ${channel.name}` },
    description,
    alternates: { canonical: page },
    openGraph: {
      type: "video.other",
      siteName: channel.name,
      title: video.title,
      description,
      url: page,
      images: image,
      videos: [{ url: channelPaths.file(handle, video.id), type: "video/mp4" }],
    },
    twitter: { card: image ? "summary_large_image" : "summary", title: video.title, description, images: image },
  };
}

/** One video of a channel: the player, its title, caption (as text), date and views, and more from the channel. */
export default async function ChannelVideoPage({ params }: Props) {
  const { handle, videoId } = await params;
  const found = await load(handle, videoId);
  if (!found) notFound();
  const { channel, video } = found;
  const more = await channelVideoList(getDb(), channel, { except: video.id, limit: 8 });
  return (
    <div className="flex min-h-dvh flex-col">
      <main className="mx-auto grid w-full max-w-7xl flex-1 gap-8 px-4 py-4 sm:px-8 sm:py-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <article className="flex min-w-0 flex-col gap-4">
          <Link href={channelPaths.channel(handle)} className="flex w-fit items-center gap-2.5 rounded-full pr-3 hover:bg-muted" data-testid="channel-link">
            <ArrowLeft className="ml-1 size-4 text-muted-foreground" aria-hidden />
            <span className="size-8 shrink-0 overflow-hidden rounded-full bg-muted">
              {channel.photoMediaId && (
                // eslint-disable-next-line @next/next/no-img-element
                <img src={signedMediaPath(channel.photoMediaId)} alt="" className="size-full object-cover" />
              )}
            </span>
            <span className="font-medium">{channel.name}</span>
          </Link>
          <ChannelPlayer
            channelVideoId={video.id}
            src={channelPaths.file(handle, video.id)}
            poster={video.thumbnailMediaId ? channelPaths.thumbnail(handle, video.id) : undefined}
            size={video.width && video.height ? { width: video.width, height: video.height } : null}
          />
          <div className="flex flex-col gap-1">
            <h1 className="text-xl font-semibold tracking-tight break-words sm:text-2xl">{video.title}</h1>
            <p className="flex flex-wrap items-center gap-x-2 text-sm text-muted-foreground">
              <span className="flex items-center gap-1" data-testid="video-views">
                <Eye className="size-4" aria-hidden /> {viewsText(video.views)}
              </span>
              <span aria-hidden>·</span>
              <time dateTime={video.publishedAt.toISOString()}>{dateText(video.publishedAt)}</time>
            </p>
          </div>
          {video.caption && (
            // Text, never markup: React escapes it; links and #hashtags stay words, line breaks stay.
            <p className="rounded-xl bg-muted/60 p-4 text-sm leading-relaxed break-words whitespace-pre-wrap" data-testid="video-caption">
              {video.caption}
            </p>
          )}
        </article>
        <aside className="flex min-w-0 flex-col gap-4" aria-label={`More from ${channel.name}`}>
          <h2 className="font-semibold">More from this channel</h2>
          {more.length ? (
            more.map((v) => <VideoCard key={v.id} handle={handle} video={v} compact />)
          ) : (
            <p className="text-sm text-muted-foreground">This is {channel.name}&apos;s only video so far.</p>
          )}
        </aside>
      </main>
      <MadeWith />
    </div>
  );
}
