"use client";

import { ArrowDown, ArrowUp, Copy, Plus, Trash2 } from "lucide-react";
import type { KeyboardEvent } from "react";
import type { ShortcutGroup } from "@/components/studio/shortcuts-dialog";
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
        <ol
          className="-mx-1 flex snap-x gap-2 overflow-x-auto px-1 pb-1 lg:mx-0 lg:grid lg:overflow-visible lg:px-0 lg:pb-0"
          onKeyDown={(e) => onSceneListKey(e, { count: scenes.length, onSelect, onMove, onDelete })}
        >
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
                  data-scene-index={i}
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

/** The editor's shortcuts, as its `?` dialog lists them. */
export const editorShortcuts: ShortcutGroup[] = [
  {
    name: "Scenes (on a focused scene)",
    shortcuts: [
      { keys: [["↑"], ["↓"], ["←"], ["→"]], does: "Move between scenes" },
      {
        keys: [
          ["Alt", "↑"],
          ["Alt", "↓"],
        ],
        does: "Move the scene earlier or later",
      },
      { keys: [["Delete"]], does: "Delete the scene (Undo brings it back)" },
    ],
  },
  {
    name: "Editor",
    shortcuts: [
      {
        keys: [
          ["Ctrl", "Z"],
          ["⌘", "Z"],
        ],
        does: "Undo",
      },
      {
        keys: [
          ["Ctrl", "Shift", "Z"],
          ["Ctrl", "Y"],
        ],
        does: "Redo",
      },
      { keys: [["Tab"]], does: "Reach every field, layer and button in turn" },
      { keys: [["?"]], does: "Show these shortcuts" },
    ],
  },
];

/** Keys on a focused scene of the list: arrows select the neighbour, Alt+arrows move the scene, Delete deletes it. */
function onSceneListKey(
  e: KeyboardEvent<HTMLOListElement>,
  h: { count: number; onSelect: (i: number) => void; onMove: (i: number, dir: -1 | 1) => void; onDelete: (i: number) => void },
) {
  const index = (e.target as HTMLElement).dataset.sceneIndex;
  if (index === undefined || e.ctrlKey || e.metaKey) return;
  const i = Number(index);
  const list = e.currentTarget;
  const focus = (j: number) => requestAnimationFrame(() => list.querySelector<HTMLElement>(`[data-scene-index="${j}"]`)?.focus());
  const dir = e.key === "ArrowDown" || e.key === "ArrowRight" ? 1 : e.key === "ArrowUp" || e.key === "ArrowLeft" ? -1 : 0;
  if (dir && e.altKey) {
    if (i + dir < 0 || i + dir >= h.count) return;
    h.onMove(i, dir);
    focus(i + dir);
  } else if (dir) {
    const j = Math.min(h.count - 1, Math.max(0, i + dir));
    h.onSelect(j);
    focus(j);
  } else if (e.key === "Delete" && !e.altKey) {
    h.onDelete(i);
    focus(Math.min(i, h.count - 2));
  } else return;
  e.preventDefault();
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
