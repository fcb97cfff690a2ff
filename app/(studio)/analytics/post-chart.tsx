"use client";

import { CartesianGrid, Line, LineChart, XAxis, YAxis } from "recharts";
import { ChartContainer, ChartLegend, ChartLegendContent, ChartTooltip, ChartTooltipContent, type ChartConfig } from "@/components/ui/chart";
import type { PostAnalytics } from "@/lib/social/analytics-report";
import { shortDay } from "./platform-chart";

const config = {
  views: { label: "Views", color: "var(--chart-1)" },
  likes: { label: "Likes", color: "var(--chart-3)" },
  comments: { label: "Comments", color: "var(--chart-4)" },
  shares: { label: "Shares", color: "var(--chart-5)" },
} satisfies ChartConfig;

/** One post's daily numbers. */
export function PostChart({ series }: { series: PostAnalytics["series"] }) {
  return (
    <ChartContainer config={config} className="aspect-auto h-56 w-full" role="img" aria-label="The post's daily numbers">
      <LineChart data={series} margin={{ left: 0, right: 8, top: 8 }}>
        <CartesianGrid vertical={false} />
        <XAxis dataKey="date" tickLine={false} axisLine={false} tickMargin={8} minTickGap={24} tickFormatter={shortDay} />
        <YAxis tickLine={false} axisLine={false} width={40} allowDecimals={false} />
        <ChartTooltip content={<ChartTooltipContent labelFormatter={shortDay} />} />
        {(Object.keys(config) as Array<keyof typeof config>).map((k) => (
          <Line key={k} dataKey={k} type="monotone" stroke={`var(--color-${k})`} strokeWidth={2} dot={false} isAnimationActive={false} />
        ))}
        <ChartLegend content={<ChartLegendContent />} itemSorter={null} />
      </LineChart>
    </ChartContainer>
  );
}
