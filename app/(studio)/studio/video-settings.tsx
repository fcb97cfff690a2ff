"use client";

import { RectangleVertical, Square } from "lucide-react";
import { Field } from "@/components/forms/field";
import { NativeSelect } from "@/components/forms/native-select";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { cn } from "@/lib/utils";
import type { AspectRatio, StudioDraft } from "./model";

/** A built-in brainrot clip: its name and the source the render takes. */
export interface StudioClip {
  source: string;
  name: string;
  default: boolean;
}

const RATIOS: Array<{ value: AspectRatio; label: string; hint: string; icon: typeof RectangleVertical }> = [
  { value: "9:16", label: "9:16", hint: "Reels, Shorts, TikTok", icon: RectangleVertical },
  { value: "1:1", label: "1:1", hint: "Square, for feeds", icon: Square },
];

/** What applies to the whole video: its shape, captions and the brainrot style. */
export function VideoSettings({
  draft,
  clips,
  onAspect,
  onChange,
  className,
}: {
  draft: StudioDraft;
  clips: StudioClip[];
  onAspect: (a: AspectRatio) => void;
  onChange: (p: Partial<Pick<StudioDraft, "captions" | "brainrot" | "brainrotClip">>) => void;
  className?: string;
}) {
  return (
    <Card className={cn("@container gap-4", className)} aria-labelledby="video-settings-title">
      <CardHeader>
        <CardTitle id="video-settings-title" className="text-base">
          <h2>Video</h2>
        </CardTitle>
      </CardHeader>
      <CardContent className="grid gap-5 @lg:grid-cols-2 @lg:gap-6">
        <div role="radiogroup" aria-label="Aspect ratio" className="grid grid-cols-2 content-start gap-2">
          {RATIOS.map(({ value, label, hint, icon: Icon }) => {
            const checked = draft.aspectRatio === value;
            return (
              <button
                key={value}
                type="button"
                role="radio"
                aria-checked={checked}
                aria-label={`${label} (${hint})`}
                onClick={() => onAspect(value)}
                className={cn(
                  "flex items-start gap-2 rounded-lg border p-2.5 text-left transition-colors focus-visible:outline-2 focus-visible:outline-primary",
                  checked ? "border-primary bg-primary/10" : "hover:bg-accent",
                )}
              >
                <Icon className={cn("mt-0.5 size-5 shrink-0", checked ? "text-primary" : "text-muted-foreground")} aria-hidden />
                <span className="grid min-w-0">
                  <span className="text-sm font-medium">{label}</span>
                  <span className="text-xs text-muted-foreground">{hint}</span>
                </span>
              </button>
            );
          })}
        </div>
        <div className="grid content-start gap-4">
          <Toggle
            id="with-caption"
            label="Captions"
            hint="Burn the spoken words into the picture, in time with the voice."
            checked={draft.captions}
            onChange={(captions) => onChange({ captions })}
          />
          <Toggle
            id="brainrot"
            label="Brainrot style"
            hint="Split screen: your scene on top, a looping eye-catching clip below, big word-by-word captions in the middle."
            checked={draft.brainrot}
            onChange={(brainrot) => onChange({ brainrot })}
          />
          {draft.brainrot && clips.length > 1 ? (
            <Field id="brainrot-clip" label="Clip below the scene">
              <NativeSelect
                id="brainrot-clip"
                value={draft.brainrotClip ?? clips.find((c) => c.default)?.source}
                onChange={(e) => onChange({ brainrotClip: e.target.value })}
              >
                {clips.map((c) => (
                  <option key={c.source} value={c.source}>
                    {c.name}
                  </option>
                ))}
              </NativeSelect>
            </Field>
          ) : null}
        </div>
      </CardContent>
    </Card>
  );
}

function Toggle({ id, label, hint, checked, onChange }: { id: string; label: string; hint: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <div className="flex items-start justify-between gap-4">
      <div className="grid gap-0.5">
        <Label htmlFor={id}>{label}</Label>
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      </div>
      <Switch id={id} checked={checked} onCheckedChange={onChange} aria-describedby={`${id}-hint`} />
    </div>
  );
}
