import { ArrowDownRight, ArrowUpRight, Minus } from "lucide-react";
import { Card, CardContent } from "@/components/ui/card";
import type { Delta, Metrics, PeriodTotals } from "@/lib/social/analytics-report";
import { cn } from "@/lib/utils";

const CARDS: Array<{ key: keyof Metrics; label: string }> = [
  { key: "views", label: "Views" },
  { key: "likes", label: "Likes" },
  { key: "comments", label: "Comments" },
  { key: "shares", label: "Shares" },
  { key: "followersGained", label: "Followers gained" },
];

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/** "+12.5%", or "new" when the previous period had none; the arrow follows the sign. */
function DeltaLine({ delta, days }: { delta: Delta; days: number }) {
  const up = delta.change > 0;
  const down = delta.change < 0;
  const Icon = up ? ArrowUpRight : down ? ArrowDownRight : Minus;
  const text = delta.percent === null ? (up ? "new" : "no change") : `${up ? "+" : ""}${delta.percent.toLocaleString("en-US")}%`;
  return (
    <p className="grid gap-0.5 text-xs text-muted-foreground">
      <span
        className={cn("inline-flex items-center gap-0.5 font-medium", up && "text-emerald-600 dark:text-emerald-400", down && "text-red-600 dark:text-red-400")}
      >
        <Icon className="size-3.5" aria-hidden />
        {text}
      </span>
      <span>vs previous {days} days</span>
    </p>
  );
}

/** Totals of the window, each with its change against the period of the same length before it. */
export function SummaryCards({ summary, days }: { summary: PeriodTotals; days: number }) {
  return (
    <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5" aria-label="Summary">
      {CARDS.map(({ key, label }, i) => (
        <li key={key} className={cn(i === CARDS.length - 1 && "col-span-2 sm:col-span-1")}>
          <Card className="h-full gap-1 py-4" data-testid={`summary-${key}`}>
            <CardContent className="grid gap-1 px-4">
              <p className="text-sm text-muted-foreground">{label}</p>
              <p className="text-2xl font-semibold tabular-nums" title={summary.totals[key].toLocaleString("en-US")}>
                {compact.format(summary.totals[key])}
              </p>
              <DeltaLine delta={summary.deltas[key]} days={days} />
            </CardContent>
          </Card>
        </li>
      ))}
    </ul>
  );
}
