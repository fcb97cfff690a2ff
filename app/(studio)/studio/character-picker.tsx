"use client";

import { UserRound, UserRoundPlus } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

export interface StudioCharacter {
  /** The id the render input names the character by. */
  id: number;
  name: string;
  photoUrl: string | null;
  /** Changes when the photo does: the renderer's picture of the character is fetched anew. */
  photoVersion: string | null;
}

/** The workspace's characters as photo cards (one chosen), or a way to create the first one. */
export function CharacterPicker({
  characters,
  value,
  onChange,
  error,
}: {
  characters: StudioCharacter[];
  value: number | null;
  onChange: (id: number) => void;
  error?: string;
}) {
  if (characters.length === 0)
    return (
      <div className="flex flex-col items-start gap-2 rounded-lg border border-dashed p-4 text-sm sm:flex-row sm:items-center sm:justify-between">
        <p className="text-muted-foreground">No characters yet. A character gives each scene its face and voice.</p>
        <Button asChild size="sm">
          <Link href="/characters/new">
            <UserRoundPlus aria-hidden /> Create a character
          </Link>
        </Button>
      </div>
    );
  return (
    <div className="grid gap-1.5">
      <div role="radiogroup" aria-label="Character" aria-invalid={error ? true : undefined} className="flex flex-wrap gap-2">
        {characters.map((c) => {
          const checked = c.id === value;
          return (
            <button
              key={c.id}
              type="button"
              role="radio"
              aria-checked={checked}
              onClick={() => onChange(c.id)}
              className={cn(
                "flex items-center gap-2 rounded-full border py-1 pr-3 pl-1 text-sm transition-colors focus-visible:outline-2 focus-visible:outline-primary",
                checked ? "border-primary bg-primary/10 font-medium text-primary" : "hover:bg-accent",
              )}
            >
              <span className="flex size-7 items-center justify-center overflow-hidden rounded-full bg-muted">
                {c.photoUrl ? (
                  // eslint-disable-next-line @next/next/no-img-element
                  <img src={c.photoUrl} alt="" className="size-full object-cover" />
                ) : (
                  <UserRound className="size-4 text-muted-foreground" aria-hidden />
                )}
              </span>
              <span className="max-w-40 truncate">{c.name}</span>
            </button>
          );
        })}
      </div>
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : value && !characters.find((c) => c.id === value)?.photoUrl ? (
        <p className="text-xs text-muted-foreground">This character has no photo yet: the video shows a grey placeholder in its place.</p>
      ) : null}
    </div>
  );
}
