"use client";

import { Coins, Loader2, Play } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { formatUsd, type VendorEstimate } from "@/lib/credits/vendor-prices";
import type { CostEstimate } from "@/lib/projects/cost";

/** What the vendors bill the creator for the same work, beside the credits: "≈ $0.42 at fal/kling-2.6-pro + OpenAI speech". */
function VendorCostLine({ vendor }: { vendor: VendorEstimate }) {
  const offline = vendor.label === "offline";
  return (
    <p className="text-sm text-muted-foreground" data-testid="approve-vendor-cost">
      {offline ? (
        <>
          Provider cost: <span className="font-medium text-foreground">$0</span> (offline)
        </>
      ) : (
        <>
          Provider cost ≈ <span className="font-medium text-foreground">{formatUsd(vendor.totalUsd)}</span>
          {vendor.partial ? " or more" : ""} at {vendor.label}, billed by them to you
        </>
      )}
    </p>
  );
}

export function ApproveDialog({
  cost,
  balance,
  retry,
  onConfirm,
}: {
  cost: CostEstimate & { vendor?: VendorEstimate };
  balance: number;
  retry?: boolean;
  onConfirm: () => Promise<boolean>;
}) {
  const [open, setOpen] = useState(false);
  const [agreed, setAgreed] = useState(false);
  const [busy, setBusy] = useState(false);
  const short = balance < cost.totalCredits;
  const usd = cost.vendor && cost.vendor.label !== "offline" ? new Map(cost.vendor.scenes.map((s) => [s.sceneNumber, s.total])) : null;

  return (
    <Dialog open={open} onOpenChange={(o) => (setOpen(o), setAgreed(false))}>
      <DialogTrigger asChild>
        <Button size="lg">
          <Play className="size-4" /> {retry ? "Retry generation" : "Approve & generate"}
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-md">
        <DialogHeader>
          <DialogTitle>{retry ? "Retry generation" : "Approve and generate"}</DialogTitle>
          <DialogDescription>
            Credits are reserved now, charged when the video is ready and given back if generation fails.
            {retry ? " Scenes that already finished are kept and not generated again." : ""}
          </DialogDescription>
        </DialogHeader>
        <table className="w-full text-sm">
          <thead className="text-left text-xs text-muted-foreground">
            <tr>
              <th className="py-1 font-normal">Scene</th>
              <th className="py-1 font-normal">Length</th>
              <th className="py-1 text-right font-normal">Credits</th>
              {usd ? <th className="py-1 text-right font-normal">USD</th> : null}
            </tr>
          </thead>
          <tbody>
            {cost.scenes.map((s) => (
              <tr key={s.sceneNumber} className="border-t">
                <td className="py-1">{s.sceneNumber}</td>
                <td className="py-1">
                  {s.seconds} s{s.seconds > 10 ? <span className="text-xs text-muted-foreground"> (long narration)</span> : null}
                </td>
                <td className="py-1 text-right tabular-nums">{s.credits}</td>
                {usd ? <td className="py-1 text-right tabular-nums">{formatUsd(usd.get(s.sceneNumber) ?? 0)}</td> : null}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="border-t font-medium">
              <td className="py-2">Total</td>
              <td className="py-2">{cost.totalSeconds} s</td>
              <td className="py-2 text-right tabular-nums" data-testid="approve-total">
                {cost.totalCredits}
              </td>
              {usd && cost.vendor ? (
                <td className="py-2 text-right tabular-nums" data-testid="approve-total-usd">
                  {formatUsd(cost.vendor.totalUsd)}
                </td>
              ) : null}
            </tr>
          </tfoot>
        </table>
        {cost.vendor ? <VendorCostLine vendor={cost.vendor} /> : null}
        <p className="flex items-center gap-2 text-sm">
          <Coins className="size-4 text-amber-500" aria-hidden />
          Balance {balance.toLocaleString("en-US")} →{" "}
          {short ? <span className="text-destructive">not enough</span> : (balance - cost.totalCredits).toLocaleString("en-US")}
        </p>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" className="mt-0.5 size-4 accent-primary" checked={agreed} onChange={(e) => setAgreed(e.target.checked)} />I agree to reserve{" "}
          {cost.totalCredits} credits for this video.
        </label>
        <DialogFooter>
          <Button variant="outline" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button
            disabled={!agreed || busy}
            onClick={() => {
              setBusy(true);
              void onConfirm().then((ok) => {
                setBusy(false);
                if (ok) setOpen(false);
              });
            }}
          >
            {busy ? <Loader2 className="size-4 animate-spin" /> : null}
            Reserve {cost.totalCredits} credits & start
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
