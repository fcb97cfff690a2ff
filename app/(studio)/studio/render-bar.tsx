"use client";

import { Loader2, Play } from "lucide-react";
import { Button } from "@/components/ui/button";
import { formatCredits } from "./render-panel";

/**
 * On a phone the Render card is a long scroll away: this bar keeps the cost and Render at the
 * bottom of the screen, with the short reason when it cannot render yet.
 */
export function RenderBar({ cost, reason, pending, onRender }: { cost: number; reason: string | null; pending: boolean; onRender: () => void }) {
  return (
    <div className="fixed inset-x-0 bottom-0 z-20 flex items-center justify-between gap-3 border-t bg-background/95 px-4 py-3 backdrop-blur md:left-60 lg:hidden">
      <div className="min-w-0 text-sm">
        <p className="font-semibold tabular-nums">{formatCredits(cost)}</p>
        <p className="truncate text-xs text-muted-foreground">{reason ?? "Ready to render"}</p>
      </div>
      <Button type="button" onClick={onRender} disabled={!!reason || pending} className="shrink-0">
        {pending ? <Loader2 className="animate-spin" aria-hidden /> : <Play aria-hidden />}
        Render
      </Button>
    </div>
  );
}
