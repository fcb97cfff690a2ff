"use client";

import { ImageOff } from "lucide-react";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import type { PublishPlatform } from "@/db/schema/social";
import type { PlatformInfo, VideoChoice } from "@/lib/calendar/types";
import { cutCaption, platformNames } from "@/lib/social/preflight";

const nameOf = (p: PublishPlatform) => (p === "channel" ? "Channel" : platformNames[p]);

/** The post as each platform will show it: a vertical frame with the video, and the caption cut where that platform cuts it. */
export function PostPreview({
  platforms,
  caption,
  video,
  info,
  author,
}: {
  platforms: PublishPlatform[];
  caption: (p: PublishPlatform) => string;
  video: VideoChoice | null;
  info: PlatformInfo;
  /** Who posts it, as the platform shows the author above the caption. */
  author: string;
}) {
  if (!platforms.length) return <p className="text-sm text-muted-foreground">Choose where to publish to see the preview.</p>;
  return (
    <section aria-label="Preview" className="grid gap-2">
      <p className="text-sm font-medium">Preview</p>
      <Tabs defaultValue={platforms[0]} key={platforms.join(",")}>
        <TabsList className="h-auto w-full flex-wrap">
          {platforms.map((p) => (
            <TabsTrigger key={p} value={p} className="text-xs">
              {nameOf(p)}
            </TabsTrigger>
          ))}
        </TabsList>
        {platforms.map((p) => {
          const max = info[p].maxCaptionChars;
          const text = max ? cutCaption(caption(p), max) : caption(p);
          return (
            <TabsContent key={p} value={p}>
              <div className="relative mx-auto aspect-[9/16] w-full max-w-[13rem] overflow-hidden rounded-xl bg-black text-white shadow-inner">
                {video ? (
                  <video
                    src={video.videoUrl}
                    poster={video.posterUrl ?? undefined}
                    muted
                    playsInline
                    preload="metadata"
                    className="absolute inset-0 size-full object-contain"
                    aria-label={`${video.name} on ${nameOf(p)}`}
                  />
                ) : (
                  <div className="absolute inset-0 flex flex-col items-center justify-center gap-2 text-xs text-white/70">
                    <ImageOff className="size-6" aria-hidden /> No video yet
                  </div>
                )}
                <div className="absolute inset-x-0 bottom-0 grid gap-1 bg-gradient-to-t from-black/85 to-transparent p-3 pt-10">
                  <p className="text-[11px] font-semibold">{author}</p>
                  <p className="line-clamp-6 text-[11px] leading-snug break-words whitespace-pre-line" data-testid={`preview-caption-${p}`}>
                    {text}
                  </p>
                </div>
              </div>
            </TabsContent>
          );
        })}
      </Tabs>
    </section>
  );
}
