"use client";

import { ArrowDown, ArrowUp, Copy, Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";
import type { CharacterOption, EditorScene, EditorSettings } from "./model";
import { ScenePreview } from "./scene-preview";

export function SceneList({
  scenes,
  settings,
  characters,
  variables,
  selected,
  onSelect,
  onAdd,
  onDuplicate,
  onDelete,
  onMove,
  resolveMedia,
}: {
  resolveMedia?: (src: string | undefined) => string | undefined;
  scenes: EditorScene[];
  settings: EditorSettings;
  characters: CharacterOption[];
  variables: Record<string, string>;
  selected: number;
  onSelect: (i: number) => void;
  onAdd: () => void;
  onDuplicate: (i: number) => void;
  onDelete: (i: number) => void;
  onMove: (i: number, dir: -1 | 1) => void;
}) {
  return (
    <section aria-labelledby="scenes-heading" className="grid content-start gap-3">
      <div className="flex items-center justify-between gap-2">
        <h2 id="scenes-heading" className="text-sm font-semibold">
          Scenes <span className="font-normal text-muted-foreground">({scenes.length})</span>
        </h2>
        <Button size="sm" variant="outline" onClick={onAdd}>
          <Plus aria-hidden /> Add scene
        </Button>
      </div>
      {scenes.length === 0 ? (
        <p className="rounded-lg border border-dashed px-3 py-6 text-center text-sm text-muted-foreground">No scenes yet. Add one to start.</p>
      ) : (
        <ol className="-mx-1 flex snap-x gap-2 overflow-x-auto px-1 pb-1 lg:mx-0 lg:grid lg:overflow-visible lg:px-0 lg:pb-0">
          {scenes.map((s, i) => {
            const label = s.name || `Scene ${i + 1}`;
            const active = i === selected;
            return (
              <li
                key={s.key}
                className={cn("w-40 shrink-0 snap-start rounded-lg border bg-card p-2 lg:w-auto", active && "border-primary ring-1 ring-primary")}
              >
                <button
                  type="button"
                  onClick={() => onSelect(i)}
                  aria-current={active ? "true" : undefined}
                  aria-label={`Select scene ${i + 1}: ${label}`}
                  className="grid w-full gap-1.5 rounded-md text-left outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
                >
                  <ScenePreview scene={s} settings={settings} characters={characters} variables={variables} resolveMedia={resolveMedia} small />
                  <span className="flex items-baseline gap-1.5 text-sm">
                    <span className="text-xs text-muted-foreground tabular-nums">{i + 1}.</span>
                    <span className="truncate font-medium">{label}</span>
                  </span>
                </button>
                <div className="mt-1 flex justify-end gap-0.5">
                  <IconButton label={`Move scene ${i + 1} up`} disabled={i === 0} onClick={() => onMove(i, -1)} icon={ArrowUp} />
                  <IconButton label={`Move scene ${i + 1} down`} disabled={i === scenes.length - 1} onClick={() => onMove(i, 1)} icon={ArrowDown} />
                  <IconButton label={`Duplicate scene ${i + 1}`} onClick={() => onDuplicate(i)} icon={Copy} />
                  <IconButton label={`Delete scene ${i + 1}`} onClick={() => onDelete(i)} icon={Trash2} destructive />
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

export function IconButton({
  label,
  icon: Icon,
  onClick,
  disabled,
  destructive,
}: {
  label: string;
  icon: typeof Plus;
  onClick: () => void;
  disabled?: boolean;
  destructive?: boolean;
}) {
  return (
    <Button
      type="button"
      size="icon"
      variant="ghost"
      className={cn("size-8", destructive && "text-muted-foreground hover:text-destructive")}
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={onClick}
    >
      <Icon aria-hidden />
    </Button>
  );
}
