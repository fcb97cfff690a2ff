"use client";

import { Input } from "@/components/ui/input";
import { cn } from "@/lib/utils";

export interface Line {
  text: string;
  startMs: number;
  endMs: number;
}

/** Why a line cannot be saved, or null. */
export function lineProblem(l: Line): string | null {
  if (!l.text.trim()) return "The text is empty";
  if (!Number.isFinite(l.startMs) || l.startMs < 0) return "Start must be a time of 0 s or more";
  if (!Number.isFinite(l.endMs) || l.endMs <= l.startMs) return "End must come after start";
  return null;
}

const secondsText = (ms: number) => (ms / 1000).toFixed(2);

/** One caption line: its time (a button that seeks there), its text, and its start and end in seconds. */
export function CaptionRow(props: { index: number; line: Line; active: boolean; problem: string | null; onSeek: () => void; onChange: (l: Line) => void }) {
  const { index, line, active, problem } = props;
  const id = `line-${index}`;
  const time = (key: "startMs" | "endMs", label: string) => (
    <label className="flex items-center gap-1 text-xs text-muted-foreground">
      {label}
      <Input
        type="number"
        step="0.01"
        min="0"
        inputMode="decimal"
        aria-label={`${label} of line ${index + 1} (seconds)`}
        aria-invalid={!!problem}
        className="h-8 w-20 px-2 text-xs"
        defaultValue={secondsText(line[key])}
        onChange={(e) => props.onChange({ ...line, [key]: Math.round(Number(e.currentTarget.value) * 1000) })}
      />
    </label>
  );
  return (
    <li aria-current={active ? "true" : undefined} className={cn("space-y-2 px-4 py-3 transition-colors", active && "bg-primary/10")}>
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          onClick={props.onSeek}
          className="rounded px-1.5 py-0.5 font-mono text-xs text-primary hover:bg-primary/10 focus-visible:outline-2 focus-visible:outline-ring"
          aria-label={`Play from line ${index + 1}`}
        >
          {secondsText(line.startMs)} s
        </button>
        <span className="ml-auto flex gap-2">
          {time("startMs", "Start")}
          {time("endMs", "End")}
        </span>
      </div>
      <Input
        id={id}
        aria-label={`Text of line ${index + 1}`}
        aria-invalid={!!problem}
        value={line.text}
        onChange={(e) => props.onChange({ ...line, text: e.currentTarget.value })}
      />
      {problem ? (
        <p role="alert" className="text-xs text-destructive">
          {problem}
        </p>
      ) : null}
    </li>
  );
}
