"use client";

import { RotateCcw } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { Placement } from "./avatar-canvas";
import { DEFAULT_PLACEMENT, SCALE_MAX, SCALE_MIN } from "./model";

/** x, y (percent of the frame, the avatar's centre) and scale as numbers, for typing exact values. */
export function PlacementFields({ placement, onPlace, error }: { placement: Placement; onPlace: (p: Partial<Placement>) => void; error?: string }) {
  return (
    <div className="grid gap-3">
      <div className="grid grid-cols-2 gap-3">
        <NumberField id="avatar-x" label="X (%)" value={placement.x} min={0} max={100} step={1} onCommit={(x) => onPlace({ x })} />
        <NumberField id="avatar-y" label="Y (%)" value={placement.y} min={0} max={100} step={1} onCommit={(y) => onPlace({ y })} />
      </div>
      <div className="grid gap-1.5">
        <div className="flex items-baseline justify-between">
          <Label htmlFor="avatar-scale">Scale</Label>
          <span className="text-xs text-muted-foreground tabular-nums" aria-hidden>
            {placement.scale.toFixed(2)}×
          </span>
        </div>
        <input
          id="avatar-scale"
          type="range"
          min={SCALE_MIN}
          max={SCALE_MAX}
          step={0.05}
          value={placement.scale}
          onChange={(e) => onPlace({ scale: Number(e.target.value) })}
          aria-valuetext={`${placement.scale.toFixed(2)} times`}
          className="h-2 w-full cursor-pointer accent-primary"
        />
        <div className="flex justify-between text-[11px] text-muted-foreground tabular-nums" aria-hidden>
          <span>{SCALE_MIN}</span>
          <span>1</span>
          <span>{SCALE_MAX}</span>
        </div>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs text-muted-foreground">Tip: select the avatar, then use the arrow keys (Shift for bigger steps) and + / −.</p>
        <Button type="button" variant="ghost" size="sm" onClick={() => onPlace({ ...DEFAULT_PLACEMENT })}>
          <RotateCcw aria-hidden /> Reset
        </Button>
      </div>
    </div>
  );
}

/** A number input that follows the value while it is dragged elsewhere, and commits what is typed once it is a number. */
function NumberField({
  id,
  label,
  value,
  min,
  max,
  step,
  onCommit,
}: {
  id: string;
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onCommit: (n: number) => void;
}) {
  // What is being typed, while it is (it may be "" or "4." on the way to a number); otherwise the value.
  const [typing, setTyping] = useState<string | null>(null);
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <Input
        id={id}
        type="number"
        inputMode="decimal"
        min={min}
        max={max}
        step={step}
        value={typing ?? String(value)}
        onChange={(e) => {
          setTyping(e.target.value);
          const n = Number(e.target.value);
          if (e.target.value.trim() !== "" && Number.isFinite(n)) onCommit(n);
        }}
        onBlur={() => setTyping(null)}
        className="tabular-nums"
      />
    </div>
  );
}
