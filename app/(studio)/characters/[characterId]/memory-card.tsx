"use client";

import { Loader2, Plus, X } from "lucide-react";
import { useEffect, useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { Field } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { formText } from "@/lib/validation/form-data";
import { addMemoryNoteAction, deleteMemoryNoteAction } from "../actions";

interface Note {
  id: number;
  note: string;
}

/** The character's memory: notes the story writer reads. Enter adds a note; each note has its own remove button. */
export function MemoryCard({ characterId, namespace, max, initial }: { characterId: number; namespace: string; max: number; initial: Note[] }) {
  const [notes, setNotes] = useState(initial);
  const [error, setError] = useState<string | undefined>();
  const [pending, startTransition] = useTransition();
  const [removing, setRemoving] = useState<number | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  /** After a removal, focus goes to the note that took its place (else the new-note field) once the list has re-rendered. */
  const focusAt = useRef<number | null>(null);
  const full = notes.length >= max;

  useEffect(() => {
    if (focusAt.current === null) return;
    const buttons = list.current?.querySelectorAll<HTMLButtonElement>("button") ?? [];
    (buttons[Math.min(focusAt.current, buttons.length - 1)] ?? input.current)?.focus();
    focusAt.current = null;
  }, [notes]);

  function add(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const note = formText(new FormData(form), "note");
    // The field is free for the next note at once: a quick typist's next Enter is not swallowed while
    // this one saves. A refused note comes back into the field (if nothing new was typed there) with its reason.
    form.reset();
    startTransition(async () => {
      const res = await addMemoryNoteAction({ characterId, note });
      if (!res.ok) {
        if (input.current && !input.current.value) input.current.value = note;
        return setError(res.fieldErrors?.note ?? res.error);
      }
      setError(undefined);
      setNotes((n) => [...n, res.data]);
      input.current?.focus();
      toast.success("Note added to memory");
    });
  }

  function remove(note: Note, index: number) {
    setRemoving(note.id);
    startTransition(async () => {
      const res = await deleteMemoryNoteAction({ characterId, noteId: note.id });
      setRemoving(null);
      if (!res.ok) return void toast.error(res.error);
      focusAt.current = index;
      setNotes((n) => n.filter((x) => x.id !== note.id));
      toast.success("Note removed");
    });
  }

  return (
    <Card role="region" aria-labelledby="memory-title">
      <CardHeader>
        <CardTitle id="memory-title" role="heading" aria-level={2}>
          Memory
        </CardTitle>
        <CardDescription>Facts the story writer keeps in mind when it proposes scenes: looks, background, habits, things to avoid.</CardDescription>
        <p className="text-xs text-muted-foreground">
          API memory namespace: <code className="font-mono break-all">{namespace}</code>
        </p>
      </CardHeader>
      <CardContent className="grid gap-4">
        {notes.length ? (
          <ul ref={list} aria-label="Memory notes" className="grid gap-2">
            {notes.map((n, i) => (
              <li key={n.id} className="flex items-center gap-2 rounded-md border bg-muted/40 py-1.5 pr-1.5 pl-3 text-sm">
                <span className="min-w-0 flex-1 break-words">{n.note}</span>
                <Button
                  type="button"
                  variant="ghost"
                  size="icon"
                  className="size-7 shrink-0"
                  aria-label={`Remove note: ${n.note}`}
                  disabled={removing === n.id}
                  onClick={() => remove(n, i)}
                >
                  <X className="size-4" aria-hidden />
                </Button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-muted-foreground">No notes yet.</p>
        )}
        <form onSubmit={add} noValidate className="grid gap-2 sm:grid-cols-[1fr_auto] sm:items-start">
          <Field
            id="memory-note"
            label="New note"
            error={error}
            hint={full ? `Memory is full (${max} notes): remove one to add another.` : `${notes.length} of ${max} notes. Press Enter to add.`}
          >
            <Input
              ref={input}
              id="memory-note"
              name="note"
              maxLength={500}
              placeholder="e.g. Grew up by the sea; never swears"
              disabled={full}
              aria-invalid={!!error}
              aria-describedby={error ? "memory-note-error" : "memory-note-hint"}
            />
          </Field>
          <Button type="submit" disabled={full} className="sm:mt-[22px]">
            {pending ? <Loader2 className="size-4 animate-spin" /> : <Plus className="size-4" />}
            Add note
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
