"use client";

import { useMemo, useState } from "react";
import { Area, AreaChart, CartesianGrid, XAxis, YAxis } from "recharts";
import { ChartContainer, ChartLegend, ChartLegendContent, ChartTooltip, ChartTooltipContent, type ChartConfig } from "@/components/ui/chart";
import { Tabs, TabsList, TabsTrigger } from "@/components/ui/tabs";
import type { PublishPlatform } from "@/db/schema/social";
import type { Metrics, SeriesRow } from "@/lib/social/analytics-report";
import { platformLabels } from "./view";

const METRICS: Array<{ key: keyof Metrics; label: string }> = [
  { key: "views", label: "Views" },
  { key: "likes", label: "Likes" },
  { key: "comments", label: "Comments" },
  { key: "shares", label: "Shares" },
  { key: "followersGained", label: "Followers" },
];

const COLORS: Record<PublishPlatform, string> = {
  channel: "var(--chart-1)",
  youtube: "var(--chart-3)",
  instagram: "var(--chart-2)",
  tiktok: "var(--chart-4)",
  linkedin: "var(--chart-5)",
};

/** "Apr 29" for a YYYY-MM-DD day (UTC, as the rows are). */
export const shortDay = (day: unknown) =>
  typeof day === "string" ? new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" }) : "";

/** The daily series, one area per platform, for the metric picked above it. */
export function PlatformChart({ rows }: { rows: SeriesRow[] }) {
  const [metric, setMetric] = useState<keyof Metrics>("views");
  const platforms = useMemo(() => [...new Set(rows.map((r) => r.platform))], [rows]);
  // The seed's flat rows pivoted: one row per day, one key per platform.
  const data = useMemo(() => {
    const byDay = new Map<string, Record<string, string | number>>();
    for (const r of rows) {
      const d = byDay.get(r.date) ?? { date: r.date };
      d[r.platform] = r[metric];
      byDay.set(r.date, d);
    }
    return [...byDay.values()];
  }, [rows, metric]);
  const config = Object.fromEntries(platforms.map((p) => [p, { label: platformLabels[p], color: COLORS[p] }])) satisfies ChartConfig;

  return (
    <div className="grid min-w-0 gap-4">
      <Tabs value={metric} onValueChange={(v) => setMetric(v as keyof Metrics)}>
        <TabsList className="grid w-full grid-cols-5 sm:inline-flex sm:w-fit" aria-label="Metric">
          {METRICS.map((m) => (
            <TabsTrigger key={m.key} value={m.key} className="px-1 text-xs sm:px-2 sm:text-sm">
              {m.label}
            </TabsTrigger>
          ))}
        </TabsList>
      </Tabs>
      <ChartContainer config={config} className="aspect-auto h-64 w-full sm:h-72" aria-label={`Daily ${metric} per platform`} role="img">
        <AreaChart data={data} margin={{ left: 0, right: 8, top: 8 }}>
          <CartesianGrid vertical={false} />
          <XAxis dataKey="date" tickLine={false} axisLine={false} tickMargin={8} minTickGap={24} tickFormatter={shortDay} />
          <YAxis tickLine={false} axisLine={false} width={40} allowDecimals={false} />
          <ChartTooltip content={<ChartTooltipContent labelFormatter={shortDay} />} />
          {platforms.map((p) => (
            <Area
              key={p}
              dataKey={p}
              type="monotone"
              stroke={`var(--color-${p})`}
              fill={`var(--color-${p})`}
              fillOpacity={0.15}
              strokeWidth={2}
              isAnimationActive={false}
            />
          ))}
          {platforms.length > 1 ? <ChartLegend content={<ChartLegendContent />} itemSorter={null} /> : null}
        </AreaChart>
      </ChartContainer>
    </div>
  );
}
