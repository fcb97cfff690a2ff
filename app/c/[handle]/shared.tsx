import { Eye, Play } from "lucide-react";
import { headers } from "next/headers";
import Link from "next/link";
import { formatDuration } from "@/lib/format";
import { channelPaths, type ChannelVideo } from "@/lib/social/channel-pages";

const HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** This server's origin as the visitor reached it (PUBLIC_URL when set): link previews need absolute URLs. */
export async function pageOrigin(): Promise<string> {
  if (process.env.PUBLIC_URL) return process.env.PUBLIC_URL.replace(/\/+$/, "");
  const h = await headers();
  const host = h.get("host")?.trim();
  const proto = h.get("x-forwarded-proto") === "https" ? "https" : "http";
  return host && HOST.test(host) ? `${proto}://${host}` : `http://localhost:${process.env.PORT ?? 3000}`;
}

export const viewsText = (n: number) => `${n.toLocaleString("en-US")} ${n === 1 ? "view" : "views"}`;

export const dateText = (d: Date) => d.toLocaleDateString("en-US", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });

/**
 * A thumbnail of any shape in a 16:9 frame: whole (a vertical reel is not cropped to its middle),
 * over a blurred, enlarged copy of itself instead of black bars. Plain imgs: the stable thumbnail
 * route already serves the stored JPEG, with caching.
 */
function Thumbnail({ src }: { src: string }) {
  return (
    <>
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img src={src} alt="" aria-hidden loading="lazy" className="absolute inset-0 size-full scale-125 object-cover opacity-70 blur-xl" />
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img src={src} alt="" loading="lazy" className="relative size-full object-contain transition-transform duration-300 group-hover:scale-[1.03]" />
    </>
  );
}

/** A video of the channel as a card: thumbnail with its length, title, date and views. */
export function VideoCard({ handle, video, compact }: { handle: string; video: ChannelVideo; compact?: boolean }) {
  return (
    <Link
      href={channelPaths.video(handle, video.id)}
      className={compact ? "group grid min-w-0 grid-cols-[9rem_minmax(0,1fr)] gap-3" : "group flex min-w-0 flex-col gap-2"}
      data-testid="channel-video-card"
    >
      <div className="relative aspect-video overflow-hidden rounded-xl bg-muted">
        {video.thumbnailMediaId ? (
          <Thumbnail src={channelPaths.thumbnail(handle, video.id)} />
        ) : (
          <div className="flex size-full items-center justify-center bg-gradient-to-br from-primary/25 via-muted to-primary/10">
            <Play className="size-8 text-primary/70" aria-hidden />
          </div>
        )}
        <span className="absolute right-1.5 bottom-1.5 rounded-md bg-black/75 px-1.5 py-0.5 text-xs font-medium text-white tabular-nums">
          {formatDuration(video.durationMs)}
        </span>
      </div>
      <div className="min-w-0">
        <h3 className="line-clamp-2 font-medium leading-snug break-words group-hover:underline">{video.title}</h3>
        <p className="mt-1 flex flex-wrap items-center gap-x-2 text-sm text-muted-foreground">
          <span>{dateText(video.publishedAt)}</span>
          <span aria-hidden>·</span>
          <span className="flex items-center gap-1">
            <Eye className="size-3.5" aria-hidden />
            {viewsText(video.views)}
          </span>
        </p>
      </div>
    </Link>
  );
}

export function MadeWith() {
  return (
    <footer className="mt-auto border-t py-6 text-center text-sm text-muted-foreground">
      Made with{" "}
      <Link href="/" className="font-medium text-foreground underline-offset-4 hover:underline">
        Cinetwin
      </Link>
    </footer>
  );
}
