"use client";

import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import type { PublishPlatform } from "@/db/schema/social";
import type { PostFormErrors } from "@/lib/calendar/form";
import type { PlatformInfo } from "@/lib/calendar/types";
import { platformNames } from "@/lib/social/preflight";
import { cn } from "@/lib/utils";

const nameOf = (p: PublishPlatform) => (p === "channel" ? "Your channel" : platformNames[p]);

/** One caption per chosen platform, pre-filled from the title and the character's hashtags there, counted against the platform's limit. */
export function CaptionsField({
  platforms,
  caption,
  onChange,
  errors,
  info,
}: {
  platforms: PublishPlatform[];
  caption: (p: PublishPlatform) => string;
  onChange: (p: PublishPlatform, text: string) => void;
  errors: PostFormErrors;
  info: PlatformInfo;
}) {
  if (!platforms.length) return null;
  return (
    <div className="grid gap-3">
      <p className="text-sm font-medium">Captions</p>
      {platforms.map((p) => {
        const text = caption(p);
        const count = [...text].length;
        const max = info[p].maxCaptionChars;
        const over = max !== null && count > max;
        const error = errors[`captions.${p}`] ?? (p === platforms[0] ? errors.captions : undefined);
        return (
          <div key={p} className="grid gap-1.5">
            <div className="flex items-baseline justify-between gap-2">
              <Label htmlFor={`caption-${p}`}>Caption · {nameOf(p)}</Label>
              <span className={cn("text-xs tabular-nums", over ? "font-medium text-destructive" : "text-muted-foreground")} aria-live="polite">
                {count}
                {max !== null ? ` / ${max}` : ""}
              </span>
            </div>
            <Textarea id={`caption-${p}`} rows={3} value={text} onChange={(e) => onChange(p, e.target.value)} aria-invalid={over || !!error} />
            {error ? (
              <p role="alert" className="text-sm text-destructive">
                {error}
              </p>
            ) : over ? (
              <p className="text-xs text-destructive">
                {nameOf(p)} cuts captions at {max} characters: shorten it, or the preview shows where it ends.
              </p>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}
