"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Check, Images, Library, Loader2, Sparkles } from "lucide-react";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { libraryKey } from "@/lib/hooks/use-library";
import type { LibraryItem } from "@/lib/library/service";
import { cn } from "@/lib/utils";
import { STUDIO_SIZES } from "@/lib/validation/studio-render";
import { LibraryDialog } from "../editor/media-field";
import { paintBackgroundAction } from "./actions";
import type { AspectRatio, StudioBackground } from "./model";

const RATIO_WORDS: Record<AspectRatio, string> = { "1:1": "square (1:1)", "9:16": "vertical (9:16)" };
const SIZE = (a: AspectRatio) => `${STUDIO_SIZES[a].width}×${STUDIO_SIZES[a].height}`;

const fromLibrary = (item: LibraryItem): StudioBackground => ({
  source: `media:${item.id}`,
  previewUrl: item.url,
  thumbUrl: item.thumbnailUrl ?? undefined,
  label: item.name,
});

/** A scene's background: one of the built-in pictures, an image of the library (or uploaded now), or one painted from a prompt. */
export function BackgroundPicker({
  aspectRatio,
  gallery,
  value,
  onChange,
  error,
}: {
  aspectRatio: AspectRatio;
  gallery: StudioBackground[];
  value: StudioBackground | null;
  onChange: (b: StudioBackground) => void;
  error?: string;
}) {
  const [tab, setTab] = useState(value && !value.aspectRatio ? "library" : "gallery");
  return (
    <div className="grid gap-2">
      <Tabs value={tab} onValueChange={setTab}>
        <TabsList className="w-full sm:w-fit">
          <TabsTrigger value="gallery">
            <Images aria-hidden /> Gallery
          </TabsTrigger>
          <TabsTrigger value="library">
            <Library aria-hidden /> Upload
          </TabsTrigger>
          <TabsTrigger value="paint">
            <Sparkles aria-hidden /> Generate
          </TabsTrigger>
        </TabsList>
        <TabsContent value="gallery">
          <Gallery items={gallery.filter((g) => g.aspectRatio === aspectRatio)} aspectRatio={aspectRatio} value={value} onChange={onChange} />
        </TabsContent>
        <TabsContent value="library">
          <FromLibrary aspectRatio={aspectRatio} value={value} onChange={onChange} />
        </TabsContent>
        <TabsContent value="paint">
          <Paint aspectRatio={aspectRatio} onChange={onChange} />
        </TabsContent>
      </Tabs>
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function Gallery({
  items,
  aspectRatio,
  value,
  onChange,
}: {
  items: StudioBackground[];
  aspectRatio: AspectRatio;
  value: StudioBackground | null;
  onChange: (b: StudioBackground) => void;
}) {
  if (items.length === 0) return <p className="rounded-lg border border-dashed p-4 text-sm text-muted-foreground">No built-in backgrounds for this size.</p>;
  return (
    <div role="radiogroup" aria-label="Built-in backgrounds" className="grid grid-cols-4 gap-2 sm:grid-cols-5 lg:grid-cols-7">
      {items.map((b) => {
        const checked = value?.source === b.source;
        return (
          <button
            key={b.source}
            type="button"
            role="radio"
            aria-checked={checked}
            aria-label={b.label}
            onClick={() => onChange(b)}
            className={cn(
              "relative overflow-hidden rounded-md border-2 bg-muted transition focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-primary",
              checked ? "border-primary" : "border-transparent hover:border-muted-foreground/40",
            )}
            style={{ aspectRatio: `${STUDIO_SIZES[aspectRatio].width} / ${STUDIO_SIZES[aspectRatio].height}` }}
          >
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img src={b.thumbUrl ?? b.previewUrl} alt="" className="size-full object-cover" />
            {checked ? (
              <span className="absolute top-1 right-1 flex size-5 items-center justify-center rounded-full bg-primary text-primary-foreground">
                <Check className="size-3.5" aria-hidden />
              </span>
            ) : null}
          </button>
        );
      })}
    </div>
  );
}

function FromLibrary({ aspectRatio, value, onChange }: { aspectRatio: AspectRatio; value: StudioBackground | null; onChange: (b: StudioBackground) => void }) {
  const [open, setOpen] = useState(false);
  const mine = value && !value.aspectRatio ? value : null;
  return (
    <div className="grid gap-2 rounded-lg border border-dashed p-3 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <Button type="button" variant="outline" size="sm" onClick={() => setOpen(true)}>
          <Library aria-hidden /> Upload or choose from library
        </Button>
        {mine ? <span className="min-w-0 truncate text-muted-foreground">Using {mine.label}</span> : null}
      </div>
      <p className="text-xs text-muted-foreground">
        JPG or PNG, ideally {SIZE(aspectRatio)} for a {RATIO_WORDS[aspectRatio]} video and under 5 MB; other sizes are cropped to fill the frame.
      </p>
      <LibraryDialog
        kind="image"
        open={open}
        onOpenChange={setOpen}
        onChoose={(item) => {
          onChange(fromLibrary(item));
          setOpen(false);
        }}
      />
    </div>
  );
}

function Paint({ aspectRatio, onChange }: { aspectRatio: AspectRatio; onChange: (b: StudioBackground) => void }) {
  const [prompt, setPrompt] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const client = useQueryClient();

  function paint(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    start(async () => {
      const res = await paintBackgroundAction({ prompt, aspectRatio });
      if (!res.ok) return setError(res.fieldErrors?.prompt ?? res.error);
      await client.invalidateQueries({ queryKey: libraryKey });
      onChange(fromLibrary(res.data));
    });
  }

  return (
    <form onSubmit={paint} className="grid gap-2 rounded-lg border border-dashed p-3" noValidate>
      <label htmlFor="paint-prompt" className="text-sm font-medium">
        Describe the background
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <Input
          id="paint-prompt"
          value={prompt}
          onChange={(e) => setPrompt(e.target.value)}
          placeholder="e.g. a cosy studio at sunset"
          maxLength={300}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "paint-error" : "paint-hint"}
          className="min-w-0 flex-1"
        />
        <Button type="submit" disabled={pending || prompt.trim().length < 3}>
          {pending ? <Loader2 className="animate-spin" aria-hidden /> : <Sparkles aria-hidden />}
          {pending ? "Painting…" : "Generate"}
        </Button>
      </div>
      {error ? (
        <p id="paint-error" role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : (
        <p id="paint-hint" className="text-xs text-muted-foreground">
          Painted at {SIZE(aspectRatio)} and saved to your media library. Generate again for another take.
        </p>
      )}
    </form>
  );
}
