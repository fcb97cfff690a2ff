import { Feed } from "feed";
import { channelPaths, type Channel, type ChannelVideo } from "./channel-pages";

export type FeedKind = "rss" | "atom" | "json";

// XML 1.0 has no way to write these, escaped or not; a title may still hold one (a tab or newline is fine).
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const plain = (s: string) => s.replace(NOT_XML, "");

const escapeHtml = (s: string) => plain(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A caption as the HTML an RSS or Atom reader shows: its text escaped (never markup), its line breaks kept. */
const captionHtml = (caption: string) => escapeHtml(caption).replace(/\r?\n/g, "<br>");

const abs = (origin: string) => (path: string) => `${origin}${path}`;

/** RSS 2.0 or Atom, written by the `feed` package: the MP4 is each item's enclosure (url, length, type). */
function xmlFeed(kind: "rss" | "atom", channel: Channel, videos: ChannelVideo[], origin: string): string {
  const url = abs(origin);
  const feed = new Feed({
    title: plain(channel.name),
    description: plain(channel.description || channel.persona || `Videos by ${channel.name}`),
    id: url(channelPaths.channel(channel.handle)),
    link: url(channelPaths.channel(channel.handle)),
    language: "en",
    updated: videos[0]?.publishedAt ?? new Date(0),
    generator: "Cinetwin",
    feedLinks: {
      rss: url(channelPaths.feed(channel.handle, "rss.xml")),
      atom: url(channelPaths.feed(channel.handle, "atom.xml")),
      json: url(channelPaths.feed(channel.handle, "feed.json")),
    },
    author: { name: plain(channel.name), link: url(channelPaths.channel(channel.handle)) },
  });
  for (const v of videos) {
    const link = url(channelPaths.video(channel.handle, v.id));
    feed.addItem({
      // The package marks an Atom entry's title type="html": escaped there, so "<tricks>" stays words.
      title: kind === "atom" ? escapeHtml(v.title) : plain(v.title),
      id: link,
      guid: link,
      link,
      date: v.publishedAt,
      published: v.publishedAt,
      description: v.caption ? captionHtml(v.caption) : undefined,
      // `video` (not `enclosure`): the package types Atom's enclosure from it as video/<extension>.
      video: { url: url(channelPaths.file(channel.handle, v.id)), length: v.sizeBytes, type: "video/mp4" },
    });
  }
  return kind === "rss" ? feed.rss2() : feed.atom1();
}

/**
 * JSON Feed 1.1 (https://jsonfeed.org/version/1.1). Written here, not by the `feed` package: its
 * json1() writes version 1 without attachments, and a JSON Feed is a plain object that
 * JSON.stringify escapes completely, so there is no markup to get wrong.
 */
function jsonFeed(channel: Channel, videos: ChannelVideo[], origin: string): string {
  const url = abs(origin);
  const home = url(channelPaths.channel(channel.handle));
  return JSON.stringify({
    version: "https://jsonfeed.org/version/1.1",
    title: channel.name,
    home_page_url: home,
    feed_url: url(channelPaths.feed(channel.handle, "feed.json")),
    description: channel.description || channel.persona || undefined,
    authors: [{ name: channel.name, url: home }],
    language: "en",
    items: videos.map((v) => ({
      id: url(channelPaths.video(channel.handle, v.id)),
      url: url(channelPaths.video(channel.handle, v.id)),
      title: v.title,
      content_text: v.caption || v.title,
      image: v.thumbnailMediaId ? url(channelPaths.thumbnail(channel.handle, v.id)) : undefined,
      date_published: v.publishedAt.toISOString(),
      attachments: [
        {
          url: url(channelPaths.file(channel.handle, v.id)),
          mime_type: "video/mp4",
          size_in_bytes: v.sizeBytes,
          duration_in_seconds: Math.round(v.durationMs / 1000),
        },
      ],
    })),
  });
}

export const feedContentTypes: Record<FeedKind, string> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
  json: "application/feed+json; charset=utf-8",
};

/** The channel's feed of one kind, with absolute URLs on `origin`. */
export function channelFeed(kind: FeedKind, channel: Channel, videos: ChannelVideo[], origin: string): string {
  return kind === "json" ? jsonFeed(channel, videos, origin) : xmlFeed(kind, channel, videos, origin);
}
