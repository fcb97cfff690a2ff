"use client";

import { ArrowDown, ArrowUp, CircleAlert, CircleCheck, ImageOff, Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/utils";
import { MAX_SCENES, type StudioAction, type StudioDraft } from "./model";

/** The video's scenes in order: pick one to edit, add (up to five), move, remove. */
export function SceneStrip({
  draft,
  problems,
  dispatch,
  className,
}: {
  draft: StudioDraft;
  /** Each scene's missing pieces, by key. */
  problems: Map<string, string[]>;
  dispatch: (a: StudioAction) => void;
  className?: string;
}) {
  const full = draft.scenes.length >= MAX_SCENES;
  const count = draft.scenes.length;
  return (
    <Card className={cn("gap-3", className)} aria-labelledby="scenes-title">
      <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
        <CardTitle id="scenes-title" className="text-base">
          <h2>
            Scenes <span className="font-normal text-muted-foreground tabular-nums">{`${count} of ${MAX_SCENES}`}</span>
          </h2>
        </CardTitle>
        <Button type="button" size="sm" variant="outline" onClick={() => dispatch({ type: "add" })} disabled={full} aria-describedby="scene-limit">
          <Plus aria-hidden /> Add scene
        </Button>
      </CardHeader>
      <CardContent className="grid gap-2">
        <ol className="grid min-w-0 gap-2" aria-label="Scenes">
          {draft.scenes.map((scene, i) => {
            const selected = scene.key === draft.selected;
            const missing = problems.get(scene.key) ?? [];
            return (
              <li
                key={scene.key}
                className={cn(
                  "flex min-w-0 items-center gap-2 rounded-lg border p-1.5 pr-1 transition-colors",
                  selected ? "border-primary bg-primary/5 ring-1 ring-primary/40" : "hover:bg-accent/50",
                )}
              >
                <button
                  type="button"
                  onClick={() => dispatch({ type: "select", key: scene.key })}
                  aria-current={selected ? "true" : undefined}
                  aria-label={`Scene ${i + 1}${missing.length ? ` (to do: ${missing.join(", ")})` : " (ready)"}`}
                  className="flex min-w-0 flex-1 items-center gap-3 rounded-md text-left focus-visible:outline-2 focus-visible:outline-primary"
                >
                  <span className="relative flex h-12 w-12 shrink-0 items-center justify-center overflow-hidden rounded-md bg-muted">
                    {scene.background ? (
                      // eslint-disable-next-line @next/next/no-img-element
                      <img src={scene.background.thumbUrl ?? scene.background.previewUrl} alt="" className="size-full object-cover" />
                    ) : (
                      <ImageOff className="size-4 text-muted-foreground" aria-hidden />
                    )}
                    <span className="absolute top-0.5 left-0.5 rounded bg-black/65 px-1 text-[10px] leading-4 font-medium text-white tabular-nums">
                      {i + 1}
                    </span>
                  </span>
                  <span className="grid min-w-0 gap-0.5">
                    <span className={cn("truncate text-sm", scene.text.trim() ? "font-medium" : "text-muted-foreground italic")}>
                      {scene.text.trim() || "No text yet"}
                    </span>
                    <span
                      className={cn(
                        "flex min-w-0 items-center gap-1 text-xs",
                        missing.length ? "text-amber-600 dark:text-amber-400" : "text-emerald-600 dark:text-emerald-400",
                      )}
                    >
                      {missing.length ? <CircleAlert className="size-3 shrink-0" aria-hidden /> : <CircleCheck className="size-3 shrink-0" aria-hidden />}
                      <span className="truncate">{missing.length ? `To do: ${missing.join(", ")}` : "Ready"}</span>
                    </span>
                  </span>
                </button>
                <div className="flex shrink-0 items-center">
                  <Button
                    type="button"
                    size="icon"
                    variant="ghost"
                    className="size-8"
                    aria-label={`Move scene ${i + 1} up`}
                    disabled={i === 0}
                    onClick={() => dispatch({ type: "move", key: scene.key, by: -1 })}
                  >
                    <ArrowUp aria-hidden />
                  </Button>
                  <Button
                    type="button"
                    size="icon"
                    variant="ghost"
                    className="size-8"
                    aria-label={`Move scene ${i + 1} down`}
                    disabled={i === count - 1}
                    onClick={() => dispatch({ type: "move", key: scene.key, by: 1 })}
                  >
                    <ArrowDown aria-hidden />
                  </Button>
                  <Button
                    type="button"
                    size="icon"
                    variant="ghost"
                    className="size-8 text-muted-foreground hover:text-destructive"
                    aria-label={`Remove scene ${i + 1}`}
                    disabled={count === 1}
                    onClick={() => dispatch({ type: "remove", key: scene.key })}
                  >
                    <Trash2 aria-hidden />
                  </Button>
                </div>
              </li>
            );
          })}
        </ol>
        <p id="scene-limit" className="text-xs text-muted-foreground">
          {full
            ? `A video holds at most ${MAX_SCENES} scenes: remove one to add another.`
            : "Each scene is one line spoken in front of its background. New scenes keep the look of the selected one."}
        </p>
      </CardContent>
    </Card>
  );
}
