"use client";

import { useEffect, useRef, useState } from "react";
import { cn } from "@/lib/utils";

type Kind = "view" | "play" | "complete";

/** Reports one event; keepalive lets a completion sent as the tab closes still arrive. Failures are dropped: counting is best-effort. */
function report(channelVideoId: string, kind: Kind) {
  fetch(`/api/channel/${channelVideoId}/events`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ kind }),
    keepalive: true,
  }).catch(() => {});
}

/** Runs `fn` once the page is really shown: a prerendered page (speculation rules) waits for activation. */
function whenShown(fn: () => void): () => void {
  const doc = document as Document & { prerendering?: boolean };
  if (!doc.prerendering) {
    fn();
    return () => {};
  }
  document.addEventListener("prerenderingchange", fn, { once: true });
  return () => document.removeEventListener("prerenderingchange", fn);
}

/**
 * The channel video's player. The view is reported from here, once the page is on a screen, and
 * not by the server render: link unfurlers, crawlers and prefetches fetch the HTML but run no
 * script. Play and completion (95 % or the end) are reported once per page load each; the server
 * keeps one of each per viewer per day.
 */
export function ChannelPlayer({
  channelVideoId,
  src,
  poster,
  size,
}: {
  channelVideoId: string;
  src: string;
  poster?: string;
  /** The frame size when the server knows it; otherwise the player learns it from the file's metadata. */
  size: { width: number; height: number } | null;
}) {
  const [shape, setShape] = useState(size);
  const sent = useRef(new Set<Kind>());
  const once = (kind: Kind) => {
    if (sent.current.has(kind)) return;
    sent.current.add(kind);
    report(channelVideoId, kind);
  };
  useEffect(() => whenShown(() => report(channelVideoId, "view")), [channelVideoId]);

  const tall = shape ? shape.height > shape.width : false;
  return (
    // The box takes the video's shape: a wide video fills the column, a vertical one is as tall as the screen allows.
    <div
      className={cn("overflow-hidden rounded-2xl bg-black shadow-sm", tall ? "mx-auto h-[min(75dvh,46rem)] max-w-full" : "max-h-[75dvh] w-full")}
      style={{ aspectRatio: shape ? `${shape.width} / ${shape.height}` : "16 / 9" }}
    >
      <video
        controls
        playsInline
        preload="metadata"
        src={src}
        poster={poster}
        className="size-full object-contain"
        data-testid="channel-player"
        onLoadedMetadata={(e) => {
          const { videoWidth: width, videoHeight: height } = e.currentTarget;
          if (width && height) setShape({ width, height });
        }}
        onPlay={() => once("play")}
        onEnded={() => once("complete")}
        onTimeUpdate={(e) => {
          const v = e.currentTarget;
          if (v.duration > 0 && v.currentTime / v.duration >= 0.95) once("complete");
        }}
      />
    </div>
  );
}
