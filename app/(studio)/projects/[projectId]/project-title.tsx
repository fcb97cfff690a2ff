"use client";

import { Check, Loader2, Pencil, X } from "lucide-react";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { renameProjectAction } from "../actions";

/** The project's title, renamed in place: Rename (or a click on the title) edits it, Enter saves, Esc cancels. */
export function ProjectTitle({ projectId, title, onRenamed }: { projectId: number; title: string; onRenamed: () => Promise<unknown> }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(title);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const renameButton = useRef<HTMLButtonElement>(null);

  function stop() {
    setEditing(false);
    setError(null);
    // Keyboard users land back on the control they started from.
    requestAnimationFrame(() => renameButton.current?.focus());
  }

  async function save() {
    if (draft.trim() === title) return stop();
    setSaving(true);
    const res = await renameProjectAction({ projectId, title: draft });
    setSaving(false);
    if (!res.ok) return setError(res.fieldErrors?.title ?? res.error);
    await onRenamed();
    toast.success("Project renamed");
    stop();
  }

  if (!editing) {
    return (
      // Inline, so the pencil follows the title's last word wherever it wraps.
      <div className="min-w-0 text-balance [overflow-wrap:anywhere]">
        <h1 className="inline text-2xl font-semibold tracking-tight" onDoubleClick={() => (setDraft(title), setEditing(true))}>
          {title}
        </h1>
        <Button
          ref={renameButton}
          size="icon-sm"
          variant="ghost"
          className="ml-1 align-text-bottom text-muted-foreground"
          aria-label="Rename project"
          title="Rename"
          onClick={() => (setDraft(title), setEditing(true))}
        >
          <Pencil className="size-4" />
        </Button>
      </div>
    );
  }

  return (
    <form
      className="grid gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="flex min-w-0 items-center gap-1">
        <Input
          aria-label="Project title"
          aria-invalid={!!error}
          aria-describedby={error ? "project-title-error" : undefined}
          className="h-10 min-w-0 text-lg font-semibold"
          maxLength={120}
          value={draft}
          autoFocus
          onFocus={(e) => e.currentTarget.select()}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              e.preventDefault();
              stop();
            }
          }}
        />
        <Button type="submit" size="icon" aria-label="Save title" disabled={saving}>
          {saving ? <Loader2 className="size-4 animate-spin" /> : <Check className="size-4" />}
        </Button>
        <Button type="button" size="icon" variant="ghost" aria-label="Cancel renaming" onClick={stop}>
          <X className="size-4" />
        </Button>
      </div>
      {error ? (
        <p id="project-title-error" role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : (
        <p className="text-xs text-muted-foreground">Enter saves, Esc cancels.</p>
      )}
    </form>
  );
}
