"use client";

import { useEffect, type KeyboardEvent, type RefObject } from "react";
import { isTypingTarget, type ShortcutGroup } from "@/components/studio/shortcuts-dialog";

const NEXT = new Set(["ArrowRight", "ArrowDown"]);
const PREVIOUS = new Set(["ArrowLeft", "ArrowUp"]);

/** The project page's shortcuts, as the `?` dialog lists them. */
export function projectShortcuts(o: { editable: boolean; approvable: boolean; captions: boolean }): ShortcutGroup[] {
  const storyboard = [
    { keys: [["←"], ["→"], ["↑"], ["↓"]], does: "Move between scenes" },
    ...(o.editable
      ? [
          { keys: [["E"]], does: "Edit the focused scene" },
          {
            keys: [
              ["Alt", "↑"],
              ["Alt", "↓"],
            ],
            does: "Move the focused scene earlier or later",
          },
          {
            keys: [
              ["Ctrl", "Enter"],
              ["⌘", "Enter"],
            ],
            does: "Save the scene you are editing",
          },
          { keys: [["Esc"]], does: "Cancel editing" },
        ]
      : []),
  ];
  return [
    { name: "Storyboard", shortcuts: storyboard },
    ...(o.captions
      ? [
          {
            name: "Captions",
            shortcuts: [
              { keys: [["Enter"]], does: "Save the caption you are editing (re-burns it, free)" },
              { keys: [["Esc"]], does: "Cancel the caption edit" },
            ],
          },
        ]
      : []),
    {
      name: "Page",
      shortcuts: [...(o.approvable ? [{ keys: [["A"]], does: "Open the approve dialog" }] : []), { keys: [["?"]], does: "Show these shortcuts" }],
    },
  ];
}

/** Arrow keys on a focused scene card move focus to the previous or next card of the storyboard. */
export function onStoryboardKey(e: KeyboardEvent<HTMLElement>) {
  const target = e.target as HTMLElement;
  if (e.altKey || e.ctrlKey || e.metaKey || isTypingTarget(target) || target.dataset.testid !== "scene-card") return;
  const step = NEXT.has(e.key) ? 1 : PREVIOUS.has(e.key) ? -1 : 0;
  if (!step) return;
  const cards = [...e.currentTarget.querySelectorAll<HTMLElement>('[data-testid="scene-card"]')];
  const next = cards[cards.indexOf(target) + step];
  e.preventDefault();
  next?.focus();
}

/** Puts focus on a scene's card again (after a move re-ordered the storyboard). */
export function focusSceneCard(sceneId: number) {
  requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-scene-id="${sceneId}"]`)?.focus());
}

/** `a` opens the approve dialog, by pressing its button, when the project can be approved and nothing is being typed. */
export function useApproveKey(bar: RefObject<HTMLElement | null>, enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (ev: globalThis.KeyboardEvent) => {
      if (ev.key !== "a" || ev.ctrlKey || ev.metaKey || ev.altKey || isTypingTarget(ev.target)) return;
      // A dialog already open (the shortcuts, a confirmation) keeps the key.
      if (document.querySelector('[role="dialog"], [role="alertdialog"]')) return;
      const button = bar.current?.querySelector("button");
      if (!button) return;
      ev.preventDefault();
      button.click();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [bar, enabled]);
}
