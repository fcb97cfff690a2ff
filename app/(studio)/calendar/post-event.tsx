"use client";

import type { EventContentArg } from "@fullcalendar/core";
import { Lock, TriangleAlert } from "lucide-react";
import { platformMarks, statusLabels } from "@/lib/calendar/events";
import type { PostView } from "@/lib/calendar/types";
import { platformNames } from "@/lib/social/preflight";
import { cn } from "@/lib/utils";

const marksOf = (post: PostView) => [...new Set(post.targets.map((t) => t.platform))];

/** A post on the calendar: time, title, a mark per platform, a warning when an account cannot post, a lock when it cannot move. */
export function PostEvent({ event, timeText, view }: EventContentArg) {
  const { post, flagged, locked } = event.extendedProps as { post: PostView; flagged: boolean; locked: boolean };
  const list = view.type.startsWith("list");
  return (
    <div
      className={cn("flex min-w-0 items-center gap-1 overflow-hidden", list ? "text-sm" : "px-1 py-0.5 text-xs")}
      title={`${timeText} ${event.title} · ${statusLabels[post.status]}${flagged ? " · an account needs reconnecting" : ""}`}
    >
      {flagged ? <TriangleAlert className="size-3.5 shrink-0 text-amber-300" aria-label="An account of this post needs reconnecting" /> : null}
      {locked && !list ? <Lock className="size-3 shrink-0 opacity-80" aria-label="Locked" /> : null}
      {!list && timeText ? <span className="shrink-0 font-semibold tabular-nums">{timeText}</span> : null}
      <span className={cn("min-w-0 truncate", list && "font-medium")}>{event.title}</span>
      {list ? <span className="shrink-0 text-xs text-muted-foreground">· {statusLabels[post.status]}</span> : null}
      <span className="ml-auto flex shrink-0 gap-0.5">
        {marksOf(post).map((p) => (
          <abbr
            key={p}
            title={platformNames[p]}
            className={cn("rounded-sm px-1 text-[10px] leading-4 font-semibold no-underline", list ? "bg-muted text-muted-foreground" : "bg-white/25")}
          >
            {platformMarks[p]}
          </abbr>
        ))}
      </span>
    </div>
  );
}
