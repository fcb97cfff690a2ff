"use client";

import { AlertTriangle, Coins, Loader2, Play } from "lucide-react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/utils";
import { RenderProgress } from "./render-progress";

export interface StartedRender {
  id: string;
  taskId: string;
  videoId: string;
}

/** "0.8 credits", "1 credit", "1,000 credits". */
export const formatCredits = (n: number) => `${n.toLocaleString("en-US", { maximumFractionDigits: 2 })} ${n === 1 ? "credit" : "credits"}`;

/**
 * The cost (live, from the price table), the balance, and Render: disabled, with the reason, while
 * a scene is incomplete or the balance is short. Once started, the render's progress and video.
 */
export function RenderPanel({
  cost,
  breakdown,
  balance,
  problems,
  pending,
  error,
  started,
  onRender,
  onDismiss,
  className,
}: {
  cost: number;
  breakdown: string;
  balance: number;
  problems: string[];
  pending: boolean;
  /** The server's refusal that names no field of the page. */
  error: string | null;
  started: StartedRender | null;
  onRender: () => void;
  onDismiss: () => void;
  className?: string;
}) {
  const short = cost > balance;
  const blocked = problems.length > 0 || short;
  const reason = problems.length
    ? "Finish every scene first:"
    : short
      ? `This video costs ${formatCredits(cost)}; your balance is ${formatCredits(balance)}. Remove a scene or turn captions off, or add credits.`
      : null;
  return (
    <Card className={cn("gap-4", className)} aria-labelledby="render-title">
      <CardHeader>
        <CardTitle id="render-title" className="text-base">
          <h2>Render</h2>
        </CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4">
        <dl className="grid grid-cols-[1fr_auto] items-baseline gap-x-4 gap-y-1 text-sm">
          <dt className="text-muted-foreground">Cost</dt>
          <dd className="text-right text-lg font-semibold tabular-nums" data-testid="studio-cost">
            {formatCredits(cost)}
          </dd>
          <dd className="col-span-2 text-xs text-muted-foreground">{breakdown}</dd>
          <dt className="mt-1 flex items-center gap-1 text-muted-foreground">
            <Coins className="size-3.5 text-amber-500" aria-hidden /> Balance
          </dt>
          <dd className={cn("mt-1 text-right tabular-nums", short && "font-medium text-destructive")} data-testid="studio-balance">
            {formatCredits(balance)}
          </dd>
        </dl>
        {reason ? (
          <div id="render-blocked" className="grid gap-1 rounded-md bg-muted px-3 py-2 text-sm" aria-live="polite">
            <p className="font-medium">{reason}</p>
            {problems.length ? (
              <ul className="list-disc pl-5 text-muted-foreground">
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        {error ? (
          <Alert variant="destructive" role="alert">
            <AlertTriangle aria-hidden />
            <AlertDescription>{error}</AlertDescription>
          </Alert>
        ) : null}
        <Button type="button" size="lg" onClick={onRender} disabled={blocked || pending} aria-describedby={reason ? "render-blocked" : undefined}>
          {pending ? <Loader2 className="animate-spin" aria-hidden /> : <Play aria-hidden />}
          {pending ? "Starting…" : `Render video · ${formatCredits(cost)}`}
        </Button>
        {started ? <RenderProgress key={started.id} render={started} onDismiss={onDismiss} /> : null}
      </CardContent>
    </Card>
  );
}
