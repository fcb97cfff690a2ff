"use client";

import { ArrowDown, ArrowUp, AudioLines, Check, Image as ImageIcon, Loader2, Pencil, Plus, Trash2, UserRound, Video, X } from "lucide-react";
import { useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardFooter } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { NativeSelect } from "@/components/forms/native-select";
import { StatusBadge } from "@/components/studio/status-badge";
import { parseCameraMove, type CameraMove } from "@/lib/providers/motion/camera-move";
import type { AspectRatio } from "@/db/schema/projects";
import type { SceneView } from "@/lib/projects/view";
import { cn } from "@/lib/utils";

const moveLabels: Record<CameraMove, string> = {
  "push-in": "Push in",
  "pull-out": "Pull out",
  "pan-left": "Pan left",
  "pan-right": "Pan right",
  "tilt-up": "Tilt up",
  "tilt-down": "Tilt down",
  static: "Static",
};

type TextFields = Pick<SceneView, "description" | "imagePrompt" | "motionPrompt" | "narrationText">;
export type SceneFields = TextFields & Pick<SceneView, "holdMs">;

/** The lengths a creator can fix a scene at; "auto" is its narration plus a breath. */
const HOLDS_S = [5, 8, 10, 12, 15, 20, 30];

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

const fields: Array<{ key: keyof TextFields; label: string; rows: number; max: number }> = [
  { key: "description", label: "Description", rows: 2, max: 500 },
  { key: "imagePrompt", label: "Image prompt", rows: 3, max: 1000 },
  { key: "motionPrompt", label: "Camera move", rows: 2, max: 1000 },
  { key: "narrationText", label: "Narration", rows: 3, max: 600 },
];

function StepIcon({ status, icon: Icon, label }: { status: string; icon: typeof ImageIcon; label: string }) {
  return (
    <span
      className={cn(
        "flex items-center gap-1 text-xs",
        status === "completed" && "text-emerald-600 dark:text-emerald-400",
        status === "generating" && "text-violet-600 dark:text-violet-300",
        status === "failed" && "text-destructive",
        status === "pending" && "text-muted-foreground",
      )}
      title={`${label}: ${status}`}
      data-testid={`step-${label.toLowerCase()}`}
      data-status={status}
    >
      {status === "generating" ? <Loader2 className="size-3.5 animate-spin" /> : <Icon className="size-3.5" />}
      {label}
    </span>
  );
}

export function SceneCard({
  scene,
  editable,
  showSteps,
  isFirst,
  isLast,
  onSave,
  onMove,
  onAddAfter,
  onRemove,
  actions,
  highlighted,
  shape = "16:9",
}: {
  scene: SceneView;
  /** The video's shape: a vertical or square frame is shown whole on a dark band rather than cropped. */
  shape?: AspectRatio;
  /** Extra footer controls (regenerate) for a finished project. */
  actions?: ReactNode;
  /** The scene a running regeneration is remaking. */
  highlighted?: boolean;
  editable: boolean;
  showSteps: boolean;
  isFirst: boolean;
  isLast: boolean;
  onSave: (patch: Partial<SceneFields>) => Promise<boolean>;
  onMove: (direction: -1 | 1) => void;
  /** Adds a scene right after this one; absent when the story has all the scenes it can. */
  onAddAfter?: () => Promise<unknown>;
  /** Removes this scene; absent when the story has as few scenes as it can. */
  onRemove?: () => Promise<unknown>;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<SceneFields>(scene);
  const [saving, setSaving] = useState(false);
  const move = (scene.cameraMove as CameraMove | null) ?? parseCameraMove(scene.motionPrompt);
  const cardRef = useRef<HTMLDivElement>(null);
  // Leaving the form puts focus back on the card, so the storyboard's arrow keys carry on from here.
  const stopEditing = () => (setEditing(false), requestAnimationFrame(() => cardRef.current?.focus()));

  /** Keys on the focused card itself: `e` edits, Alt+Up/Down moves the scene (the storyboard handles the arrows). */
  function onCardKey(e: KeyboardEvent<HTMLDivElement>) {
    if (e.target !== e.currentTarget || !editable || editing || e.ctrlKey || e.metaKey) return;
    const direction = !e.altKey ? 0 : e.key === "ArrowUp" && !isFirst ? -1 : e.key === "ArrowDown" && !isLast ? 1 : 0;
    if (e.key === "e" && !e.altKey) {
      e.preventDefault();
      setDraft(scene);
      setEditing(true);
    } else if (direction) {
      e.preventDefault();
      e.stopPropagation();
      onMove(direction);
    }
  }

  async function save() {
    const patch: Partial<SceneFields> = {};
    for (const { key } of fields) if (draft[key].trim() !== scene[key]) patch[key] = draft[key].trim();
    if (draft.holdMs !== scene.holdMs) patch.holdMs = draft.holdMs;
    if (Object.keys(patch).length === 0) return stopEditing();
    setSaving(true);
    const ok = await onSave(patch);
    setSaving(false);
    if (ok) stopEditing();
  }

  const fit = shape === "16:9" ? "object-cover" : "object-contain";
  return (
    <Card
      ref={cardRef}
      role="group"
      tabIndex={0}
      onKeyDown={onCardKey}
      className={cn("h-full gap-0 overflow-hidden py-0 outline-none focus-visible:ring-2 focus-visible:ring-ring", highlighted && "ring-2 ring-primary")}
      data-testid="scene-card"
      data-scene-id={scene.id}
      aria-label={`Scene ${scene.sceneNumber}`}
    >
      <div
        className={cn(
          // The frame's media is laid over the box, so a vertical clip cannot stretch it to its own shape.
          "relative overflow-hidden bg-gradient-to-br from-primary/25 via-muted to-background",
          shape === "16:9" ? "aspect-video" : "aspect-[4/3] [&>img]:bg-neutral-950 [&>video]:bg-neutral-950",
        )}
      >
        {scene.videoUrl ? (
          <video
            src={scene.videoUrl}
            poster={scene.imageUrl ?? undefined}
            controls
            muted
            playsInline
            preload="none"
            className={cn("absolute inset-0 size-full", fit)}
            aria-label={`Scene ${scene.sceneNumber} clip`}
          />
        ) : scene.imageUrl ? (
          // eslint-disable-next-line @next/next/no-img-element
          <img src={scene.imageUrl} alt={`Scene ${scene.sceneNumber} frame`} className={cn("absolute inset-0 size-full", fit)} />
        ) : scene.previewUrl ? (
          <>
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img src={scene.previewUrl} alt={`Scene ${scene.sceneNumber} frame preview`} className={cn("absolute inset-0 size-full", fit)} loading="lazy" />
            <span className="absolute bottom-2 left-2 rounded-md bg-black/60 px-2 py-0.5 text-[11px] text-white">Preview</span>
          </>
        ) : (
          <div className="flex size-full flex-col items-center justify-center gap-1 p-4 text-center">
            <span className="text-4xl font-bold text-primary/40">{scene.sceneNumber}</span>
            <span className="line-clamp-2 text-xs text-muted-foreground">{scene.description}</span>
          </div>
        )}
        <span className="absolute top-2 left-2 rounded-md bg-black/60 px-2 py-0.5 text-xs font-medium text-white">Scene {scene.sceneNumber}</span>
        <span
          className="absolute right-2 bottom-2 rounded-md bg-black/60 px-2 py-0.5 text-[11px] text-white tabular-nums"
          data-testid="scene-length"
          title={
            scene.durationMs
              ? "How long the scene runs"
              : scene.holdMs
                ? "Held at this length (or its narration's, if longer)"
                : "Estimated from the narration, plus a breath"
          }
        >
          {scene.durationMs ? seconds(scene.durationMs) : `~${seconds(scene.estimatedMs)}`}
          {scene.holdMs ? " · held" : ""}
        </span>
        {scene.isAvatar ? (
          <Badge
            variant="secondary"
            className="absolute top-2 right-2 bg-black/60 text-white"
            title="The character's photo speaking the narration, animated by its loudness (not lip-sync)"
          >
            <UserRound className="size-3" /> Talking head
          </Badge>
        ) : (
          <Badge variant="secondary" className="absolute top-2 right-2 bg-black/60 text-white" title={scene.motionPrompt}>
            <Video className="size-3" /> {moveLabels[move] ?? move}
          </Badge>
        )}
      </div>

      <CardContent className="grid flex-1 content-start gap-3 py-4">
        {editing ? (
          <div
            className="grid gap-3"
            onKeyDown={(e) => {
              if (e.key === "Escape") {
                setDraft(scene);
                stopEditing();
              } else if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) void save();
            }}
          >
            {fields.map((f) => (
              <div key={f.key} className="grid gap-1">
                <Label htmlFor={`s${scene.id}-${f.key}`}>{f.label}</Label>
                <Textarea
                  id={`s${scene.id}-${f.key}`}
                  rows={f.rows}
                  maxLength={f.max}
                  value={draft[f.key]}
                  onChange={(e) => setDraft((d) => ({ ...d, [f.key]: e.target.value }))}
                  autoFocus={f.key === "description"}
                />
              </div>
            ))}
            <div className="grid gap-1">
              <Label htmlFor={`s${scene.id}-hold`}>Length</Label>
              <NativeSelect
                id={`s${scene.id}-hold`}
                value={draft.holdMs === null ? "auto" : String(draft.holdMs)}
                onChange={(e) => setDraft((d) => ({ ...d, holdMs: e.target.value === "auto" ? null : Number(e.target.value) }))}
              >
                <option value="auto">As long as the narration, plus a breath</option>
                {HOLDS_S.map((s) => (
                  <option key={s} value={s * 1000}>
                    At least {s} s
                  </option>
                ))}
                {draft.holdMs !== null && !HOLDS_S.includes(draft.holdMs / 1000) ? (
                  <option value={draft.holdMs}>At least {seconds(draft.holdMs)}</option>
                ) : null}
              </NativeSelect>
            </div>
            <p className="text-xs text-muted-foreground">Ctrl+Enter saves, Esc cancels.</p>
          </div>
        ) : (
          <>
            <p className="font-medium leading-snug">{scene.description}</p>
            <blockquote className="border-l-2 border-primary/40 pl-3 text-sm text-muted-foreground italic" data-testid="scene-narration">
              “{scene.narrationText}”
            </blockquote>
            <details className="text-xs text-muted-foreground">
              <summary className="cursor-pointer select-none hover:text-foreground">Prompts</summary>
              <p className="mt-2">
                <span className="font-medium text-foreground">Image:</span> {scene.imagePrompt}
              </p>
              <p className="mt-1">
                <span className="font-medium text-foreground">Camera:</span> {scene.motionPrompt}
              </p>
            </details>
          </>
        )}
        {scene.providerNote ? (
          <p className="text-xs break-words text-amber-700 dark:text-amber-400" data-testid="provider-note">
            {scene.providerNote}
          </p>
        ) : null}
        {scene.errorMessage ? (
          <p className="text-sm text-destructive" role="alert">
            {scene.errorMessage}
          </p>
        ) : null}
      </CardContent>

      <CardFooter className="flex flex-wrap items-center gap-2 border-t py-3">
        {showSteps ? (
          <div className="flex flex-1 flex-wrap items-center gap-3">
            <StepIcon status={scene.imageStatus} icon={ImageIcon} label="Image" />
            <StepIcon status={scene.audioStatus} icon={AudioLines} label="Voice" />
            <StepIcon status={scene.videoStatus} icon={Video} label="Clip" />
          </div>
        ) : editable ? null : (
          // Before approval every scene is pending: the badge would say nothing, and the card's tools need the room.
          <div className="flex-1">
            <StatusBadge status={scene.status} />
          </div>
        )}
        {actions}
        {editable ? (
          editing ? (
            <div className="ml-auto flex gap-2">
              <Button size="sm" variant="ghost" onClick={() => (setDraft(scene), setEditing(false))}>
                <X className="size-4" /> Cancel
              </Button>
              <Button size="sm" onClick={() => void save()} disabled={saving}>
                {saving ? <Loader2 className="size-4 animate-spin" /> : <Check className="size-4" />} Save
              </Button>
            </div>
          ) : (
            <>
              <Button size="sm" variant="outline" onClick={() => (setDraft(scene), setEditing(true))} aria-label={`Edit scene ${scene.sceneNumber}`}>
                <Pencil className="size-4" /> Edit
              </Button>
              <SceneTools scene={scene} isFirst={isFirst} isLast={isLast} onMove={onMove} onAddAfter={onAddAfter} onRemove={onRemove} />
            </>
          )
        ) : null}
      </CardFooter>
    </Card>
  );
}

/** Moving, removing and adding after: the scene's place in the story, before approval. */
function SceneTools({
  scene,
  isFirst,
  isLast,
  onMove,
  onAddAfter,
  onRemove,
}: Pick<Parameters<typeof SceneCard>[0], "scene" | "isFirst" | "isLast" | "onMove" | "onAddAfter" | "onRemove">) {
  const [busy, setBusy] = useState<"add" | "remove" | null>(null);
  const run = (what: "add" | "remove", fn?: () => Promise<unknown>) => {
    if (!fn) return;
    setBusy(what);
    void fn().finally(() => setBusy(null));
  };
  const n = scene.sceneNumber;
  return (
    <div className="ml-auto flex items-center">
      <Button size="icon-sm" variant="ghost" aria-label={`Move scene ${n} up`} title="Move up" disabled={isFirst} onClick={() => onMove(-1)}>
        <ArrowUp className="size-4" />
      </Button>
      <Button size="icon-sm" variant="ghost" aria-label={`Move scene ${n} down`} title="Move down" disabled={isLast} onClick={() => onMove(1)}>
        <ArrowDown className="size-4" />
      </Button>
      <Button
        size="icon-sm"
        variant="ghost"
        aria-label={`Remove scene ${n}`}
        title={onRemove ? "Remove this scene" : "A story has at least 2 scenes"}
        disabled={!onRemove || busy !== null}
        onClick={() => run("remove", onRemove)}
      >
        {busy === "remove" ? <Loader2 className="size-4 animate-spin" /> : <Trash2 className="size-4" />}
      </Button>
      <Button
        size="icon-sm"
        variant="ghost"
        aria-label={`Add scene after scene ${n}`}
        title={onAddAfter ? "Add scene after this one" : "A story has at most 10 scenes"}
        disabled={!onAddAfter || busy !== null}
        onClick={() => run("add", onAddAfter)}
      >
        {busy === "add" ? <Loader2 className="size-4 animate-spin" /> : <Plus className="size-4" />}
      </Button>
    </div>
  );
}
