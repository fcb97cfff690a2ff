"use client";

import type { DatesSetArg, EventDropArg } from "@fullcalendar/core";
import type FullCalendar from "@fullcalendar/react";
import { useQueryClient } from "@tanstack/react-query";
import { CalendarPlus, Film } from "lucide-react";
import Link from "next/link";
import { useMemo, useRef, useState, useSyncExternalStore } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { postToEvent } from "@/lib/calendar/events";
import { nextHour, slotTime } from "@/lib/calendar/form";
import type { AccountChoice, CharacterChoice, PlatformInfo, PostView, VideoChoice } from "@/lib/calendar/types";
import { postKeys, usePosts, type PostRange } from "@/lib/hooks/use-posts";
import { reschedulePostAction } from "./actions";
import { AccountFlags } from "./account-flags";
import { CalendarFilterBar, useCalendarFilters } from "./calendar-filters";
import { CalendarToolbar } from "./calendar-toolbar";
import { PostCalendar, type CalendarViewName } from "./post-calendar";
import { PostDialog } from "./post-dialog";
import { PostSheet } from "./post-sheet";

const noop = () => () => {};
/** True in the browser only: the calendar is drawn in the browser's time zone, which the server does not know. */
const useInBrowser = () =>
  useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const phone = () => window.matchMedia("(max-width: 639px)").matches;

export type DialogState = { mode: "new"; at: Date } | { mode: "edit"; post: PostView } | null;

export interface CalendarData {
  characters: CharacterChoice[];
  accounts: AccountChoice[];
  videos: VideoChoice[];
  platforms: PlatformInfo;
}

/** The calendar page: toolbar, filters, the month/week/day/list calendar, the post dialog and the post sheet. */
export function CalendarView(data: CalendarData) {
  const inBrowser = useInBrowser();
  const queryClient = useQueryClient();
  const calendar = useRef<FullCalendar>(null);
  const filters = useCalendarFilters(data.characters);
  const [range, setRange] = useState<{ from: string; to: string; title: string; view: CalendarViewName } | null>(null);
  const query: PostRange | null = range ? { from: range.from, to: range.to, ...filters } : null;
  const { data: posts, error } = usePosts(query);
  const [dialog, setDialog] = useState<DialogState>(null);
  const [openPost, setOpenPost] = useState<string | null>(null);
  const events = useMemo(() => {
    const now = new Date();
    return (posts ?? []).map((p) => postToEvent(p, now));
  }, [posts]);
  const api = () => calendar.current?.getApi();

  function onRange(arg: DatesSetArg) {
    setRange({ from: arg.start.toISOString(), to: arg.end.toISOString(), title: arg.view.title, view: arg.view.type as CalendarViewName });
  }

  async function onDrop(info: EventDropArg) {
    const start = info.event.start;
    if (!start) return info.revert();
    const res = await reschedulePostAction({ postId: info.event.id, scheduledAt: start.toISOString() });
    if (!res.ok) {
      info.revert();
      toast.error(res.error);
      return;
    }
    toast.success(`Moved to ${start.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })}`);
    await queryClient.invalidateQueries({ queryKey: postKeys.all });
  }

  if (!inBrowser) return <Skeleton className="h-[36rem] w-full" />;
  return (
    <div className="grid min-w-0 gap-4">
      <AccountFlags accounts={data.accounts} />
      <CalendarToolbar
        title={range?.title ?? ""}
        view={range?.view ?? "dayGridMonth"}
        timeZone={browserZone()}
        onPrev={() => api()?.prev()}
        onNext={() => api()?.next()}
        onToday={() => api()?.today()}
        onView={(v) => api()?.changeView(v)}
        onNew={() => setDialog({ mode: "new", at: nextHour(new Date()) })}
      />
      <CalendarFilterBar characters={data.characters} filters={filters} />
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error.message}
        </p>
      ) : null}
      {posts && posts.length === 0 ? (
        <div className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-dashed px-4 py-3 text-sm text-muted-foreground">
          <span>Nothing planned here yet. Click a day or a time to schedule a post there.</span>
          <Button size="sm" variant="outline" onClick={() => setDialog({ mode: "new", at: nextHour(new Date()) })}>
            <CalendarPlus aria-hidden /> New post
          </Button>
        </div>
      ) : null}
      {data.videos.length === 0 ? (
        <p className="flex items-start gap-2 text-sm text-muted-foreground">
          <Film className="mt-0.5 size-4 shrink-0" aria-hidden />
          <span>
            No finished videos yet. Make one from a{" "}
            <Link href="/projects/new" className="underline">
              story
            </Link>
            , the{" "}
            <Link href="/editor" className="underline">
              editor
            </Link>{" "}
            or{" "}
            <Link href="/bulk" className="underline">
              bulk reels
            </Link>
            ; a post can be scheduled now and get its video later.
          </span>
        </p>
      ) : null}
      <PostCalendar
        calendarRef={calendar}
        initialView={phone() ? "listMonth" : "dayGridMonth"}
        view={range?.view ?? "dayGridMonth"}
        events={events}
        onRange={onRange}
        onSlot={(at, allDay) => setDialog({ mode: "new", at: slotTime(at, allDay, new Date()) })}
        onOpen={setOpenPost}
        onDrop={(info) => void onDrop(info)}
      />
      <PostDialog key={dialogKey(dialog)} state={dialog} onClose={() => setDialog(null)} {...data} />
      <PostSheet
        postId={openPost}
        onClose={() => setOpenPost(null)}
        onEdit={(post) => {
          setOpenPost(null);
          setDialog({ mode: "edit", post });
        }}
        {...data}
      />
    </div>
  );
}

/** A fresh form for each opening of the dialog. */
const dialogKey = (d: DialogState) => (!d ? "closed" : d.mode === "new" ? `new-${d.at.getTime()}` : `edit-${d.post.id}-${d.post.updatedAt}`);
