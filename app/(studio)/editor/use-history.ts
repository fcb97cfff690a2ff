"use client";

import { useCallback, useState } from "react";

/** Edits closer together than this are one step of undo (a drag, a burst of typing). */
const COALESCE_MS = 600;
const MAX_STEPS = 100;

interface History<T> {
  past: T[];
  present: T;
  future: T[];
  /** When the last change was made (0 after an undo or redo, so the next change is a step of its own). */
  at: number;
}

/**
 * The next history after a change to `value` at `now`: edits in quick succession are one step; a
 * change drops the redo steps. A discrete action (`own`: add, move, delete) is always a step of its
 * own, and the edit after it starts another, however quickly they follow each other.
 */
export function withChange<T>(h: History<T>, value: T, now: number, own = false): History<T> {
  if (value === h.present) return h;
  const newStep = own || now - h.at > COALESCE_MS || h.past.length === 0;
  return { past: newStep ? [...h.past.slice(-(MAX_STEPS - 1)), h.present] : h.past, present: value, future: [], at: own ? 0 : now };
}

export function undone<T>(h: History<T>): History<T> {
  const prev = h.past.at(-1);
  return prev === undefined ? h : { past: h.past.slice(0, -1), present: prev, future: [h.present, ...h.future], at: 0 };
}

export function redone<T>(h: History<T>): History<T> {
  const next = h.future[0];
  return next === undefined ? h : { past: [...h.past, h.present], present: next, future: h.future.slice(1), at: 0 };
}

/** State with undo and redo (see withChange). */
export function useHistory<T>(initial: () => T) {
  const [h, setH] = useState<History<T>>(() => ({ past: [], present: initial(), future: [], at: 0 }));
  const set = useCallback((next: T | ((prev: T) => T), opts?: { step?: boolean }) => {
    setH((cur) => withChange(cur, typeof next === "function" ? (next as (p: T) => T)(cur.present) : next, Date.now(), opts?.step));
  }, []);
  /** Replaces the state without a history step (opening another timeline). */
  const reset = useCallback((value: T) => setH({ past: [], present: value, future: [], at: 0 }), []);
  const undo = useCallback(() => setH(undone), []);
  const redo = useCallback(() => setH(redone), []);
  return { state: h.present, set, reset, undo, redo, canUndo: h.past.length > 0, canRedo: h.future.length > 0 };
}
