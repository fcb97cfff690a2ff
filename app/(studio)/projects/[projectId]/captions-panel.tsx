"use client";

import { Download, Loader2, Pencil } from "lucide-react";
import { useMemo, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import type { ProjectView } from "@/lib/projects/view";
import { toSrt, toVtt } from "@/lib/render/captions";
import { captionTextSchema } from "@/lib/validation/projects";
import { recaptionProjectAction } from "../actions";

type Cue = ProjectView["captions"][number];

/** A time in the video as mm:ss.s. */
export function cueTime(ms: number): string {
  const tenths = Math.round(ms / 100);
  const m = Math.floor(tenths / 600);
  const s = (tenths % 600) / 10;
  return `${String(m).padStart(2, "0")}:${s.toFixed(1).padStart(4, "0")}`;
}

const fileName = (title: string, ext: string) =>
  `${
    title
      .trim()
      .replace(/[^\w-]+/g, "-")
      .replace(/^-|-$/g, "") || "captions"
  }.${ext}`;
const dataUrl = (mime: string, body: string) => `data:${mime};charset=utf-8,${encodeURIComponent(body)}`;

/**
 * A finished story's burned-in captions: each cue with its time, reworded inline (Enter saves and
 * re-burns, free; Esc cancels), and the whole as SRT or VTT.
 */
export function CaptionsPanel({ project, onSaved }: { project: ProjectView; onSaved: () => Promise<unknown> }) {
  const cues = project.captions;
  const busy = project.status === "generating";
  const files = useMemo(() => ({ srt: toSrt(cues), vtt: toVtt(cues) }), [cues]);
  if (cues.length === 0) return null;
  return (
    <Card aria-labelledby="captions-title" data-testid="captions-panel">
      <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
        <CardTitle id="captions-title" className="text-base">
          Captions
        </CardTitle>
        <div className="flex flex-wrap gap-2">
          <Button asChild variant="outline" size="sm">
            <a href={dataUrl("application/x-subrip", files.srt)} download={fileName(project.title, "srt")}>
              <Download className="size-4" /> Download SRT
            </a>
          </Button>
          <Button asChild variant="outline" size="sm">
            <a href={dataUrl("text/vtt", files.vtt)} download={fileName(project.title, "vtt")}>
              <Download className="size-4" /> Download VTT
            </a>
          </Button>
        </div>
      </CardHeader>
      <CardContent className="grid gap-1">
        <p className="pb-2 text-sm text-muted-foreground">
          Click a caption to reword it: Enter saves and burns it into the video again (free; only its scene is re-rendered), Esc cancels.
        </p>
        <ol className="grid gap-1">
          {cues.map((cue, i) => (
            <CueRow key={`${cue.sceneId}:${cue.cue}`} cue={cue} n={i + 1} projectId={project.id} disabled={busy} onSaved={onSaved} />
          ))}
        </ol>
      </CardContent>
    </Card>
  );
}

function CueRow({ cue, n, projectId, disabled, onSaved }: { cue: Cue; n: number; projectId: number; disabled: boolean; onSaved: () => Promise<unknown> }) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const cancel = () => (setDraft(null), setError(null));

  async function save(text: string) {
    const parsed = captionTextSchema(`Cue ${n}`).safeParse(text);
    if (!parsed.success) return setError(parsed.error.issues[0].message);
    if (parsed.data === cue.text) return cancel();
    setSaving(true);
    const res = await recaptionProjectAction({ projectId, edits: [{ sceneId: cue.sceneId, cue: cue.cue, text: parsed.data }] });
    setSaving(false);
    if (!res.ok) return setError(res.error);
    toast.success(`Cue ${n} saved: re-burning the captions of scene ${cue.sceneNumber}`);
    cancel();
    await onSaved();
  }

  const id = `cue-${cue.sceneId}-${cue.cue}`;
  return (
    <li className="grid grid-cols-[auto_1fr] items-start gap-x-3 gap-y-1 rounded-md px-1 py-1 text-sm hover:bg-muted/50" data-testid="caption-cue">
      <span className="pt-1.5 font-mono text-xs text-muted-foreground tabular-nums" title={`Scene ${cue.sceneNumber}`}>
        {cueTime(cue.startMs)}–{cueTime(cue.endMs)}
      </span>
      {draft === null ? (
        <button
          type="button"
          className="group flex min-h-8 items-start gap-2 rounded-sm px-1 py-1 text-left break-words focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none disabled:opacity-70"
          onClick={() => setDraft(cue.text)}
          disabled={disabled}
          aria-label={`Edit cue ${n}: ${cue.text}`}
        >
          <span className="min-w-0 flex-1">{cue.text}</span>
          <Pencil className="mt-0.5 size-3.5 shrink-0 opacity-0 group-hover:opacity-60 group-focus-visible:opacity-60" />
        </button>
      ) : (
        <div className="grid gap-1">
          <div className="flex items-center gap-2">
            <Input
              id={id}
              aria-label={`Cue ${n}`}
              aria-invalid={!!error}
              aria-describedby={error ? `${id}-error` : undefined}
              value={draft}
              maxLength={400}
              autoFocus
              disabled={saving}
              onChange={(e) => (setDraft(e.target.value), setError(null))}
              onKeyDown={(e) => {
                if (e.key !== "Enter" && e.key !== "Escape") return;
                e.preventDefault();
                e.stopPropagation();
                if (e.key === "Enter") void save(draft);
                else cancel();
              }}
            />
            {saving ? <Loader2 className="size-4 animate-spin text-primary" aria-label="Saving" /> : null}
          </div>
          {error ? (
            <p id={`${id}-error`} role="alert" className="text-xs text-destructive">
              {error}
            </p>
          ) : (
            <p className="text-xs text-muted-foreground">Enter saves, Esc cancels.</p>
          )}
        </div>
      )}
    </li>
  );
}
