"use client";

import { Keyboard } from "lucide-react";
import { Fragment, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";

/** One keyboard shortcut of a page: the keys (each alternative a list of keys pressed together) and what it does. */
export interface Shortcut {
  keys: string[][];
  does: string;
}

export interface ShortcutGroup {
  name: string;
  shortcuts: Shortcut[];
}

/** Whether a key event comes from somewhere the user types, where a page's single-key shortcuts must not fire. */
export function isTypingTarget(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
}

/**
 * The `?` dialog: lists the current page's shortcuts. `?` opens it from anywhere on the page
 * except while typing; the small keyboard button opens it too.
 */
export function ShortcutsDialog({ groups }: { groups: ShortcutGroup[] }) {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "?" || e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      e.preventDefault();
      setOpen(true);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" className="text-muted-foreground" aria-keyshortcuts="?">
          <Keyboard className="size-4" /> Shortcuts
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[85vh] overflow-y-auto sm:max-w-md">
        <DialogHeader>
          <DialogTitle>Keyboard shortcuts</DialogTitle>
          <DialogDescription>Single keys work when you are not typing in a field.</DialogDescription>
        </DialogHeader>
        {groups.map((g) => (
          <section key={g.name} aria-label={g.name} className="grid gap-2">
            <h3 className="text-sm font-medium">{g.name}</h3>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
              {g.shortcuts.map((s) => (
                <Fragment key={s.does}>
                  <dt className="flex flex-wrap items-center gap-1 whitespace-nowrap">
                    {s.keys.map((combo, i) => (
                      <Fragment key={combo.join("+")}>
                        {i > 0 ? <span className="text-xs text-muted-foreground">or</span> : null}
                        {combo.map((k) => (
                          <kbd key={k} className="rounded border bg-muted px-1.5 py-0.5 font-mono text-xs">
                            {k}
                          </kbd>
                        ))}
                      </Fragment>
                    ))}
                  </dt>
                  <dd className="text-muted-foreground">{s.does}</dd>
                </Fragment>
              ))}
            </dl>
          </section>
        ))}
      </DialogContent>
    </Dialog>
  );
}
