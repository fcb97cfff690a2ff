"use client";

import { ChevronLeft, ChevronRight, Globe, Plus } from "lucide-react";
import { NativeSelect } from "@/components/forms/native-select";
import { Button } from "@/components/ui/button";
import type { CalendarViewName } from "./post-calendar";

export const viewLabels: Record<CalendarViewName, string> = {
  dayGridMonth: "Month",
  timeGridWeek: "Week",
  timeGridDay: "Day",
  listMonth: "List",
};

/** Moves through time, switches views, says which time zone the times are in; wraps on a phone. */
export function CalendarToolbar({
  title,
  view,
  timeZone,
  onPrev,
  onNext,
  onToday,
  onView,
  onNew,
}: {
  title: string;
  view: CalendarViewName;
  timeZone: string;
  onPrev: () => void;
  onNext: () => void;
  onToday: () => void;
  onView: (v: CalendarViewName) => void;
  onNew: () => void;
}) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <h2 className="w-full truncate text-lg font-semibold sm:order-2 sm:w-auto sm:min-w-0 sm:flex-1" aria-live="polite">
        {title}
      </h2>
      <div className="flex items-center gap-1 sm:order-1">
        <Button variant="outline" size="icon-sm" onClick={onPrev} aria-label="Previous">
          <ChevronLeft />
        </Button>
        <Button variant="outline" size="sm" onClick={onToday}>
          Today
        </Button>
        <Button variant="outline" size="icon-sm" onClick={onNext} aria-label="Next">
          <ChevronRight />
        </Button>
      </div>
      <div role="group" aria-label="View" className="hidden rounded-md border p-0.5 sm:order-3 sm:flex">
        {(Object.keys(viewLabels) as CalendarViewName[]).map((v) => (
          <Button key={v} size="sm" variant={v === view ? "secondary" : "ghost"} aria-pressed={v === view} className="h-7" onClick={() => onView(v)}>
            {viewLabels[v]}
          </Button>
        ))}
      </div>
      <NativeSelect aria-label="View" value={view} onChange={(e) => onView(e.target.value as CalendarViewName)} className="ml-auto h-8 w-24 sm:hidden">
        {(Object.keys(viewLabels) as CalendarViewName[]).map((v) => (
          <option key={v} value={v}>
            {viewLabels[v]}
          </option>
        ))}
      </NativeSelect>
      <Button size="sm" onClick={onNew} className="sm:order-4">
        <Plus aria-hidden /> New post
      </Button>
      <p className="flex w-full items-center gap-1.5 text-xs text-muted-foreground sm:order-5">
        <Globe className="size-3.5" aria-hidden /> Times in {timeZone}
      </p>
    </div>
  );
}
