"use client";

import { FileAudio, Library, Loader2, Upload } from "lucide-react";
import { useId, useRef, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { useLibrary, useLibraryUpload } from "@/lib/hooks/use-library";
import type { LibraryItem, LibraryKind } from "@/lib/library/service";
import { TextField } from "./fields";

const ACCEPT: Record<LibraryKind, string> = { image: "image/png,image/jpeg,image/webp", video: "video/mp4,video/quicktime,video/webm", audio: "audio/*" };
const NOUN: Record<LibraryKind, string> = { image: "image", video: "video", audio: "sound" };
const A_NOUN: Record<LibraryKind, string> = { image: "an image", video: "a video", audio: "a sound" };

const seconds = (ms: number | null) => (ms ? `${(ms / 1000).toFixed(1)} s` : "");
const describe = (i: LibraryItem) =>
  [i.width && i.height ? `${i.width}×${i.height}` : "", seconds(i.durationMs), `${Math.max(1, Math.round(i.sizeBytes / 1024))} KB`].filter(Boolean).join(" · ");

/**
 * A track's media: a public URL typed in, or a file of the workspace's library (uploaded here),
 * which the track references as `media:<id>` so the render reads it from storage, never over HTTP.
 */
export function MediaField({
  kind,
  label,
  value,
  onChange,
  placeholder,
  name,
}: {
  kind: LibraryKind;
  label: string;
  value: string | undefined;
  onChange: (v: string) => void;
  placeholder: string;
  /** The API field it edits, to show a render refusal that names it. */
  name?: string;
}) {
  const [open, setOpen] = useState(false);
  const library = useLibrary();
  const chosen = value?.startsWith("media:") ? library.data?.find((i) => i.id === value.slice("media:".length)) : undefined;
  return (
    <div className="grid gap-1.5">
      <div className="flex items-start gap-2">
        <TextField label={label} name={name} value={value} onChange={onChange} placeholder={placeholder} className="min-w-0 flex-1" />
        <Button type="button" variant="outline" size="sm" className="mt-[1.375rem] shrink-0" onClick={() => setOpen(true)}>
          <Library aria-hidden /> Library
        </Button>
      </div>
      {chosen ? <p className="truncate text-xs text-muted-foreground">From your library: {chosen.name}</p> : null}
      <LibraryDialog
        kind={kind}
        open={open}
        onOpenChange={setOpen}
        onChoose={(item) => {
          onChange(`media:${item.id}`);
          setOpen(false);
        }}
      />
    </div>
  );
}

/** The library of one kind in a dialog: upload into it, or choose an item. */
export function LibraryDialog({
  kind,
  open,
  onOpenChange,
  onChoose,
}: {
  kind: LibraryKind;
  open: boolean;
  onOpenChange: (o: boolean) => void;
  onChoose: (item: LibraryItem) => void;
}) {
  const library = useLibrary();
  const upload = useLibraryUpload();
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const items = (library.data ?? []).filter((i) => i.kind === kind);

  async function send(files: FileList | null) {
    const file = files?.[0];
    if (!file) return;
    setBusy(true);
    try {
      const item = await upload(file);
      if (item.kind !== kind) toast.info(`Added to your library as ${A_NOUN[item.kind]}; choose ${A_NOUN[kind]} here`);
      else onChoose(item);
    } catch (e) {
      toast.error(e instanceof Error ? e.message : "The upload failed");
    } finally {
      setBusy(false);
      if (input.current) input.current.value = "";
    }
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-h-[90vh] overflow-y-auto sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>Your {NOUN[kind]}s</DialogTitle>
          <DialogDescription>Upload once, use in any track. Images up to 15 MB, videos up to 200 MB, sounds up to 50 MB.</DialogDescription>
        </DialogHeader>
        <div>
          <input
            ref={input}
            id={inputId}
            type="file"
            accept={ACCEPT[kind]}
            className="sr-only"
            onChange={(e) => void send(e.target.files)}
            aria-label={`Upload ${A_NOUN[kind]}`}
          />
          <Button type="button" onClick={() => input.current?.click()} disabled={busy}>
            {busy ? <Loader2 className="animate-spin" aria-hidden /> : <Upload aria-hidden />} Upload {A_NOUN[kind]}
          </Button>
        </div>
        {library.isLoading ? (
          <p className="text-sm text-muted-foreground">Loading…</p>
        ) : items.length === 0 ? (
          <p className="rounded-lg border border-dashed p-6 text-center text-sm text-muted-foreground">No {NOUN[kind]}s yet: upload one above.</p>
        ) : (
          <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3" aria-label={`Library ${NOUN[kind]}s`}>
            {items.map((item) => (
              <li key={item.id}>
                <button
                  type="button"
                  onClick={() => onChoose(item)}
                  className="grid w-full gap-1 rounded-lg border p-2 text-left hover:border-primary focus-visible:outline-2 focus-visible:outline-primary"
                >
                  <span className="flex aspect-video items-center justify-center overflow-hidden rounded bg-muted">
                    {item.thumbnailUrl ? (
                      // eslint-disable-next-line @next/next/no-img-element
                      <img src={item.thumbnailUrl} alt="" className="size-full object-contain" />
                    ) : (
                      <FileAudio className="size-8 text-muted-foreground" aria-hidden />
                    )}
                  </span>
                  <span className="truncate text-sm font-medium">{item.name}</span>
                  <span className="text-xs text-muted-foreground">{describe(item)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </DialogContent>
    </Dialog>
  );
}
