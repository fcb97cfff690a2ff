import type { PostStatus, PublishPlatform } from "@/db/schema/social";
import type { PostView } from "./types";

/** Each status's colour on the calendar (readable on white and on the dark theme's card). */
export const statusColors: Record<PostStatus, { bg: string; border: string; text: string }> = {
  scheduled: { bg: "#2563eb", border: "#1d4ed8", text: "#ffffff" },
  publishing: { bg: "#7c3aed", border: "#6d28d9", text: "#ffffff" },
  published: { bg: "#059669", border: "#047857", text: "#ffffff" },
  failed: { bg: "#dc2626", border: "#b91c1c", text: "#ffffff" },
};

export const statusLabels: Record<PostStatus, string> = {
  scheduled: "Scheduled",
  publishing: "Publishing",
  published: "Published",
  failed: "Failed",
};

/** The small mark a post wears for each place it goes. */
export const platformMarks: Record<PublishPlatform, string> = {
  channel: "CH",
  youtube: "YT",
  tiktok: "TT",
  instagram: "IG",
  linkedin: "in",
};

/**
 * Whether a post can no longer move: only a scheduled post whose time has not come can be
 * rescheduled (the server refuses the rest; the calendar does not offer the drag).
 */
export function isLocked(post: Pick<PostView, "status" | "scheduledAt">, now: Date): boolean {
  return post.status !== "scheduled" || new Date(post.scheduledAt).getTime() <= now.getTime();
}

/** Whether any of the post's accounts will not be able to post it (expired, revoked, disconnected). */
export const isFlagged = (post: Pick<PostView, "targets">) => post.targets.some((t) => t.accountProblem);

export interface PostEvent {
  id: string;
  title: string;
  start: string;
  end: string;
  editable: boolean;
  startEditable: boolean;
  durationEditable: boolean;
  backgroundColor: string;
  borderColor: string;
  textColor: string;
  classNames: string[];
  extendedProps: { post: PostView; locked: boolean; flagged: boolean };
}

/** How long a post is drawn on the calendar. */
const DRAWN_MS = 30 * 60_000;

/**
 * Where a post's block ends: half an hour after it, but never past the midnight after it (in the
 * browser's zone, the calendar's), so a post late in the evening is drawn, and listed, on its own
 * day once, not again on the next.
 */
function drawnEnd(startIso: string): string {
  const start = new Date(startIso);
  const midnight = new Date(start.getFullYear(), start.getMonth(), start.getDate() + 1);
  return new Date(Math.min(start.getTime() + DRAWN_MS, midnight.getTime())).toISOString();
}

/** A post as a FullCalendar event: coloured by status, draggable only while it can be rescheduled. */
export function postToEvent(post: PostView, now: Date): PostEvent {
  const locked = isLocked(post, now);
  const c = statusColors[post.status];
  return {
    id: post.id,
    title: post.title,
    start: post.scheduledAt,
    end: drawnEnd(post.scheduledAt),
    editable: !locked,
    startEditable: !locked,
    durationEditable: false,
    backgroundColor: c.bg,
    borderColor: c.border,
    textColor: c.text,
    classNames: ["cal-post", `cal-post-${post.status}`, ...(locked ? ["cal-post-locked"] : [])],
    extendedProps: { post, locked, flagged: isFlagged(post) },
  };
}
