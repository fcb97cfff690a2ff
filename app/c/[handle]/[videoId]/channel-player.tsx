"use client";

import { useEffect, useRef } from "react";

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
export function ChannelPlayer({ channelVideoId, src, poster }: { channelVideoId: string; src: string; poster?: string }) {
  const sent = useRef(new Set<Kind>());
  const once = (kind: Kind) => {
    if (sent.current.has(kind)) return;
    sent.current.add(kind);
    report(channelVideoId, kind);
  };
  useEffect(() => whenShown(() => report(channelVideoId, "view")), [channelVideoId]);

  return (
    <video
      controls
      playsInline
      preload="metadata"
      src={src}
      poster={poster}
      className="size-full object-contain"
      data-testid="channel-player"
      onPlay={() => once("play")}
      onEnded={() => once("complete")}
      onTimeUpdate={(e) => {
        const v = e.currentTarget;
        if (v.duration > 0 && v.currentTime / v.duration >= 0.95) once("complete");
      }}
    />
  );
}
