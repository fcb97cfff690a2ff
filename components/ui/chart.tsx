"use client";

import * as React from "react";
import * as Recharts from "recharts";
import { cn } from "@/lib/utils";

/**
 * shadcn/ui's chart pattern over Recharts: a ChartConfig names each series' label and colour,
 * ChartContainer turns the colours into --color-<key> variables and makes the chart responsive,
 * and the tooltip and legend read labels from the config. (The shadcn CLI needs its registry
 * online; this follows the same API so charts written for shadcn work here.)
 */

const THEMES = { light: "", dark: ".dark" } as const;

export type ChartConfig = Record<
  string,
  { label?: React.ReactNode; icon?: React.ComponentType } & ({ color?: string; theme?: never } | { color?: never; theme: Record<keyof typeof THEMES, string> })
>;

const ChartContext = React.createContext<{ config: ChartConfig } | null>(null);

function useChart() {
  const ctx = React.useContext(ChartContext);
  if (!ctx) throw new Error("useChart must be used within a <ChartContainer />");
  return ctx;
}

function ChartContainer({
  id,
  className,
  children,
  config,
  ...props
}: React.ComponentProps<"div"> & { config: ChartConfig; children: React.ComponentProps<typeof Recharts.ResponsiveContainer>["children"] }) {
  const uid = React.useId();
  const chartId = `chart-${id ?? uid.replace(/:/g, "")}`;
  return (
    <ChartContext.Provider value={{ config }}>
      <div
        data-slot="chart"
        data-chart={chartId}
        className={cn(
          "flex aspect-video min-w-0 justify-center text-xs [&_.recharts-cartesian-axis-tick_text]:fill-muted-foreground [&_.recharts-cartesian-grid_line[stroke='#ccc']]:stroke-border/50 [&_.recharts-curve.recharts-tooltip-cursor]:stroke-border [&_.recharts-dot[stroke='#fff']]:stroke-transparent [&_.recharts-layer]:outline-hidden [&_.recharts-rectangle.recharts-tooltip-cursor]:fill-muted [&_.recharts-surface]:outline-hidden",
          className,
        )}
        {...props}
      >
        <ChartStyle id={chartId} config={config} />
        <Recharts.ResponsiveContainer initialDimension={{ width: 320, height: 200 }}>{children}</Recharts.ResponsiveContainer>
      </div>
    </ChartContext.Provider>
  );
}

/** The config's colours as CSS variables scoped to one chart, per theme. */
function ChartStyle({ id, config }: { id: string; config: ChartConfig }) {
  const colored = Object.entries(config).filter(([, c]) => c.theme ?? c.color);
  if (!colored.length) return null;
  const css = Object.entries(THEMES)
    .map(([theme, prefix]) => {
      const vars = colored
        .map(([key, c]) => {
          const color = c.theme?.[theme as keyof typeof THEMES] ?? c.color;
          return color ? `  --color-${key}: ${color};` : "";
        })
        .join("\n");
      return `${prefix} [data-chart=${id}] {\n${vars}\n}`;
    })
    .join("\n");
  return <style dangerouslySetInnerHTML={{ __html: css }} />;
}

const ChartTooltip = Recharts.Tooltip;

interface PayloadItem {
  dataKey?: unknown;
  name?: unknown;
  value?: unknown;
  color?: string;
  type?: string;
  payload?: Record<string, unknown>;
}

/** The config entry of a tooltip or legend item, by its series key (or a field of its row named by `key`). */
function configOf(config: ChartConfig, item: PayloadItem, key: string) {
  const named = item.payload && typeof item.payload[key] === "string" ? (item.payload[key] as string) : null;
  return (named && config[named]) || config[key];
}

function ChartTooltipContent({
  active,
  payload,
  label,
  labelFormatter,
  className,
  indicator = "dot",
  hideLabel = false,
  nameKey,
}: {
  active?: boolean;
  payload?: readonly PayloadItem[];
  label?: unknown;
  labelFormatter?: (label: unknown) => React.ReactNode;
  className?: string;
  indicator?: "dot" | "line";
  hideLabel?: boolean;
  nameKey?: string;
}) {
  const { config } = useChart();
  if (!active || !payload?.length) return null;
  const title = hideLabel ? null : labelFormatter ? labelFormatter(label) : typeof label === "string" ? (config[label]?.label ?? label) : null;
  return (
    <div className={cn("grid min-w-32 items-start gap-1.5 rounded-lg border border-border/50 bg-background px-2.5 py-1.5 text-xs shadow-xl", className)}>
      {title ? <div className="font-medium">{title}</div> : null}
      <div className="grid gap-1.5">
        {payload
          .filter((item) => item.type !== "none")
          .map((item, i) => {
            const key = String(nameKey ?? item.dataKey ?? item.name ?? "value");
            const entry = configOf(config, item, key);
            return (
              <div key={`${key}-${i}`} className="flex w-full items-center gap-2">
                <span
                  className={cn("shrink-0 rounded-[2px]", indicator === "dot" ? "size-2.5" : "h-3 w-1")}
                  style={{ backgroundColor: item.color }}
                  aria-hidden
                />
                <span className="flex-1 text-muted-foreground">{entry?.label ?? String(item.name ?? key)}</span>
                <span className="font-mono font-medium text-foreground tabular-nums">
                  {typeof item.value === "number" ? item.value.toLocaleString() : String(item.value ?? "")}
                </span>
              </div>
            );
          })}
      </div>
    </div>
  );
}

const ChartLegend = Recharts.Legend;

function ChartLegendContent({
  className,
  payload,
  verticalAlign = "bottom",
  nameKey,
}: {
  className?: string;
  payload?: readonly PayloadItem[];
  verticalAlign?: "top" | "middle" | "bottom";
  nameKey?: string;
}) {
  const { config } = useChart();
  if (!payload?.length) return null;
  return (
    <div className={cn("flex flex-wrap items-center justify-center gap-x-4 gap-y-1", verticalAlign === "top" ? "pb-3" : "pt-3", className)}>
      {payload
        .filter((item) => item.type !== "none")
        .map((item) => {
          const key = String(nameKey ?? item.dataKey ?? "value");
          const entry = configOf(config, item, key);
          return (
            <div key={key} className="flex items-center gap-1.5">
              <span className="size-2 shrink-0 rounded-[2px]" style={{ backgroundColor: item.color }} aria-hidden />
              {entry?.label ?? key}
            </div>
          );
        })}
    </div>
  );
}

export { ChartContainer, ChartLegend, ChartLegendContent, ChartStyle, ChartTooltip, ChartTooltipContent };
