"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { publishPlatforms } from "@/db/schema/social";
import { platformLabels, PRESETS, searchOf, type AnalyticsView } from "./view";

/** The window (7, 30, 90 days or custom dates) and the platform; each change is a new URL the page reads. */
export function Filters({ view, today }: { view: AnalyticsView; today: string }) {
  const router = useRouter();
  const [custom, setCustom] = useState(view.preset === null);
  const [from, setFrom] = useState(view.range.from);
  const [to, setTo] = useState(view.range.to);
  const go = (next: Partial<Pick<AnalyticsView, "range" | "preset" | "platform">>) => router.push(`/analytics${searchOf({ ...view, ...next })}`);

  return (
    <div className="flex flex-wrap items-end gap-3">
      <div className="grid gap-1.5">
        <Label htmlFor="analytics-range">Period</Label>
        <Select
          value={custom ? "custom" : String(view.preset)}
          onValueChange={(v) => {
            if (v === "custom") return setCustom(true);
            setCustom(false);
            go({ preset: Number(v) });
          }}
        >
          <SelectTrigger id="analytics-range" className="w-40">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {PRESETS.map((d) => (
              <SelectItem key={d} value={String(d)}>
                Last {d} days
              </SelectItem>
            ))}
            <SelectItem value="custom">Custom dates</SelectItem>
          </SelectContent>
        </Select>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="analytics-platform">Platform</Label>
        <Select value={view.platform ?? "all"} onValueChange={(v) => go({ platform: v === "all" ? null : (v as AnalyticsView["platform"]) })}>
          <SelectTrigger id="analytics-platform" className="w-40">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value="all">All platforms</SelectItem>
            {[...publishPlatforms].sort().map((p) => (
              <SelectItem key={p} value={p}>
                {platformLabels[p]}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      {custom ? (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            go({ preset: null, range: { from, to } });
          }}
        >
          <div className="grid gap-1.5">
            <Label htmlFor="analytics-from">From</Label>
            <Input id="analytics-from" type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} className="w-40" required />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="analytics-to">To</Label>
            <Input id="analytics-to" type="date" value={to} min={from} max={today} onChange={(e) => setTo(e.target.value)} className="w-40" required />
          </div>
          <Button type="submit" variant="secondary">
            Apply
          </Button>
        </form>
      ) : null}
    </div>
  );
}
