"use client";

import type { DatesSetArg, EventClickArg, EventDropArg } from "@fullcalendar/core";
import dayGridPlugin from "@fullcalendar/daygrid";
import interactionPlugin, { type DateClickArg } from "@fullcalendar/interaction";
import listPlugin from "@fullcalendar/list";
import FullCalendar from "@fullcalendar/react";
import timeGridPlugin from "@fullcalendar/timegrid";
import { useEffect, useRef, type RefObject } from "react";
import type { PostEvent as PostEventInput } from "@/lib/calendar/events";
import { PostEvent } from "./post-event";
import "./calendar.css";

export type CalendarViewName = "dayGridMonth" | "timeGridWeek" | "timeGridDay" | "listMonth";

const plugins = [dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin];

/**
 * FullCalendar in the browser's own time zone ("local": what Intl reports), without its own
 * toolbar (ours wraps on a phone). Drops, slot clicks and post clicks go to the page.
 */
export function PostCalendar({
  calendarRef,
  initialView,
  view,
  events,
  onRange,
  onSlot,
  onOpen,
  onDrop,
}: {
  calendarRef: RefObject<FullCalendar | null>;
  initialView: CalendarViewName;
  /** The view shown now (the week and day views get a fixed height). */
  view: CalendarViewName;
  events: PostEventInput[];
  onRange: (arg: DatesSetArg) => void;
  onSlot: (at: Date, allDay: boolean) => void;
  onOpen: (postId: string) => void;
  onDrop: (arg: EventDropArg) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  // FullCalendar sizes its grid in script after a window resize (debounced); following our own box
  // resizes it in the same frame, so a rotated phone or a narrowed window never shows a stale grid.
  useEffect(() => {
    if (!box.current) return;
    const observer = new ResizeObserver(() => calendarRef.current?.getApi().updateSize());
    observer.observe(box.current);
    return () => observer.disconnect();
  }, [calendarRef]);
  // The hours view gets its fixed height after it first drew (at full height, scrolled to the top): open it at 08:00.
  useEffect(() => {
    if (view.startsWith("timeGrid")) calendarRef.current?.getApi().scrollToTime("08:00:00");
  }, [view, calendarRef]);
  return (
    <div ref={box} className="cal-root min-w-0">
      <FullCalendar
        ref={calendarRef}
        plugins={plugins}
        initialView={initialView}
        timeZone="local"
        headerToolbar={false}
        // A day of hours is long: the week and day views scroll inside a fixed height, opened at 08:00.
        height={view.startsWith("timeGrid") ? 720 : "auto"}
        events={events}
        eventDisplay="block"
        eventContent={(arg) => <PostEvent {...arg} />}
        eventTimeFormat={{ hour: "2-digit", minute: "2-digit", hour12: false }}
        slotLabelFormat={{ hour: "2-digit", minute: "2-digit", hour12: false }}
        allDaySlot={false}
        scrollTime="08:00:00"
        nowIndicator
        dayMaxEventRows={4}
        firstDay={1}
        editable
        eventDurationEditable={false}
        eventStartEditable
        dateClick={(arg: DateClickArg) => onSlot(arg.date, arg.allDay)}
        eventClick={(arg: EventClickArg) => {
          arg.jsEvent.preventDefault();
          onOpen(arg.event.id);
        }}
        eventDrop={onDrop}
        datesSet={onRange}
        noEventsContent="Nothing planned in this month"
        eventDidMount={(arg) => {
          arg.el.setAttribute("data-post-id", arg.event.id);
          arg.el.setAttribute("data-status", String((arg.event.extendedProps as { post: { status: string } }).post.status));
          arg.el.setAttribute("data-locked", String((arg.event.extendedProps as { locked: boolean }).locked));
        }}
      />
    </div>
  );
}
