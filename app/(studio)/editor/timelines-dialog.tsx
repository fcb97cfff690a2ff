"use client";

import { Copy, FolderOpen, Pencil, Plus, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { deleteTimelineAction, duplicateTimelineAction, renameTimelineAction } from "./actions";

export interface TimelineSummary {
  id: string;
  name: string;
  scenes: number;
  updatedAt: string;
}

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

/** The workspace's saved timelines: open, rename, duplicate, delete; and a new one. */
export function TimelinesDialog({ timelines, currentId }: { timelines: TimelineSummary[]; currentId: string | null }) {
  const router = useRouter();
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const run = (fn: () => Promise<{ ok: true } | { ok: false; error: string }>, done: string) =>
    start(async () => {
      const res = await fn();
      if (!res.ok) return void toast.error(res.error);
      toast.success(done);
      setRenaming(null);
      setConfirming(null);
      router.refresh();
    });

  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button variant="outline">
          <FolderOpen aria-hidden /> Timelines
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90vh] overflow-y-auto sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>Your timelines</DialogTitle>
          <DialogDescription>Every timeline is saved as you work. Open one to carry on.</DialogDescription>
        </DialogHeader>
        <Button asChild variant="outline" className="justify-self-start">
          <a href="/editor?new=1">
            <Plus aria-hidden /> New timeline
          </a>
        </Button>
        {timelines.length === 0 ? (
          <p className="rounded-lg border border-dashed p-6 text-center text-sm text-muted-foreground">
            Nothing saved yet: your first change saves this timeline.
          </p>
        ) : (
          <ul className="divide-y rounded-lg border" aria-label="Saved timelines">
            {timelines.map((t) => (
              <li key={t.id} className="grid gap-2 p-3">
                {renaming?.id === t.id ? (
                  <form
                    className="flex gap-2"
                    onSubmit={(e) => {
                      e.preventDefault();
                      run(() => renameTimelineAction({ id: t.id, name: renaming.name }), "Renamed");
                    }}
                  >
                    <Input aria-label="New name" value={renaming.name} onChange={(e) => setRenaming({ id: t.id, name: e.target.value })} autoFocus />
                    <Button type="submit" size="sm" disabled={pending}>
                      Save
                    </Button>
                  </form>
                ) : (
                  <div className="flex min-w-0 items-baseline gap-2">
                    {/* A full load: the editor starts afresh with the timeline opened. */}
                    <a href={`/editor?timeline=${t.id}`} className="truncate font-medium text-primary underline-offset-4 hover:underline">
                      {t.name}
                    </a>
                    {t.id === currentId ? <span className="shrink-0 text-xs text-muted-foreground">(open)</span> : null}
                  </div>
                )}
                <p className="text-xs text-muted-foreground">
                  {t.scenes} scene{t.scenes === 1 ? "" : "s"} · saved {when(t.updatedAt)}
                </p>
                <div className="flex flex-wrap gap-1">
                  <Button size="sm" variant="ghost" onClick={() => setRenaming({ id: t.id, name: t.name })} aria-label={`Rename ${t.name}`}>
                    <Pencil aria-hidden /> Rename
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    disabled={pending}
                    onClick={() => run(() => duplicateTimelineAction({ id: t.id }), `“${t.name}” duplicated`)}
                    aria-label={`Duplicate ${t.name}`}
                  >
                    <Copy aria-hidden /> Duplicate
                  </Button>
                  {confirming === t.id ? (
                    <Button
                      size="sm"
                      variant="destructive"
                      disabled={pending}
                      onClick={() => run(() => deleteTimelineAction({ id: t.id }), `“${t.name}” deleted`)}
                    >
                      Delete “{t.name}” for good
                    </Button>
                  ) : (
                    <Button size="sm" variant="ghost" onClick={() => setConfirming(t.id)} aria-label={`Delete ${t.name}`}>
                      <Trash2 aria-hidden /> Delete
                    </Button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </DialogContent>
    </Dialog>
  );
}
