"use client";

import { ArrowDown, ArrowUp, Captions, Image as ImageIcon, Music, Plus, Trash2, Type, UserRound, Video } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { cn } from "@/lib/utils";
import { NumberField, SelectField, TextField } from "./fields";
import { type CharacterOption, type EditorScene, type EditorTrack, referenceIds, TRACK_LABELS, TRACK_TYPES, TRANSITIONS, type TrackType } from "./model";
import { IconButton } from "./scene-list";

export const TRACK_ICONS: Record<TrackType, typeof Video> = {
  actor: UserRound,
  text: Type,
  image: ImageIcon,
  video: Video,
  audio: Music,
  captions: Captions,
};

/** A media reference as a creator reads it: a library file says so, a URL shows itself. */
const mediaWords = (src: string | undefined, none: string) => (!src ? none : src.startsWith("media:") ? "a file from your library" : src);

function trackSummary(t: EditorTrack, characters: CharacterOption[]): string {
  switch (t.type) {
    case "actor":
      return `${characters.find((c) => c.id === t.actor)?.name ?? (t.actor || "No actor")}: ${t.text || t.audioUrl || "no script"}`;
    case "text":
      return t.text || "Empty text";
    case "image":
      return mediaWords(t.imageUrl, "No image chosen");
    case "video":
      return mediaWords(t.videoUrl, "No video chosen");
    case "audio":
      return mediaWords(t.audioUrl, "No sound chosen");
    case "captions":
      return t.sourceTrackReference ? `Captions of “${t.sourceTrackReference}”` : "Captions";
  }
}

export function ScenePanel({
  scene,
  index,
  characters,
  selectedTrack,
  onChange,
  onSelectTrack,
  onAddTrack,
  onMoveTrack,
  onDeleteTrack,
}: {
  scene: EditorScene;
  index: number;
  characters: CharacterOption[];
  selectedTrack: number | null;
  onChange: (patch: Partial<EditorScene>) => void;
  onSelectTrack: (i: number) => void;
  onAddTrack: (type: TrackType) => void;
  onMoveTrack: (i: number, dir: -1 | 1) => void;
  onDeleteTrack: (i: number) => void;
}) {
  const refs = referenceIds(scene);
  const transition = scene.transition ?? { type: "none" as const, duration: 0 };
  // One way to set the length at a time: the renderer refuses a duration and a track to follow together.
  const lengthMode = scene.intrinsicDurationTrackReference ? `track:${scene.intrinsicDurationTrackReference}` : scene.duration ? "fixed" : "auto";

  return (
    <section aria-label={`Scene ${index + 1}`} className="grid grid-cols-[minmax(0,1fr)] gap-4">
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label="Scene name" value={scene.name} onChange={(v) => onChange({ name: v || undefined })} placeholder={`Scene ${index + 1}`} />
        <SelectField
          label="Scene length"
          name="intrinsicDurationTrackReference"
          value={lengthMode}
          onChange={(v) => {
            if (v === "fixed") onChange({ intrinsicDurationTrackReference: undefined, duration: scene.duration ?? 3000 });
            else if (v?.startsWith("track:")) onChange({ intrinsicDurationTrackReference: v.slice("track:".length), duration: undefined });
            else onChange({ intrinsicDurationTrackReference: undefined, duration: undefined });
          }}
          options={[
            { value: "auto", label: "As long as its tracks" },
            { value: "fixed", label: "A set length" },
            ...refs.map((r) => ({ value: `track:${r}`, label: `As long as the track “${r}”` })),
          ]}
          hint={refs.length ? undefined : "Give a track a Reference ID to let the scene follow it."}
        />
        {lengthMode === "fixed" ? (
          <NumberField
            label="Scene duration (ms)"
            name="duration"
            value={scene.duration}
            onChange={(v) => onChange({ duration: v })}
            min={1}
            placeholder="3000"
            hint={scene.duration ? `${(scene.duration / 1000).toFixed(1)} seconds` : "How long the scene lasts, in milliseconds."}
          />
        ) : null}
        <div className="grid grid-cols-2 items-end gap-3">
          <SelectField
            label="Transition"
            name="transition"
            value={transition.type}
            onChange={(v) => onChange({ transition: { type: v ?? "none", duration: v && v !== "none" ? transition.duration || 500 : 0 } })}
            options={TRANSITIONS.map((t) => ({ value: t, label: t === "none" ? "None" : t }))}
          />
          <NumberField
            label="Transition duration (ms)"
            value={transition.type === "none" ? undefined : transition.duration}
            onChange={(v) => onChange({ transition: { type: transition.type, duration: v ?? 0 } })}
            min={0}
          />
        </div>
      </div>

      <div className="grid grid-cols-[minmax(0,1fr)] gap-2">
        <div className="flex items-center justify-between gap-2">
          <h3 className="text-sm font-semibold">
            Tracks <span className="font-normal text-muted-foreground">({scene.tracks.length})</span>
          </h3>
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button size="sm" variant="outline">
                <Plus aria-hidden /> Add track
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="end">
              {TRACK_TYPES.map((type) => {
                const Icon = TRACK_ICONS[type];
                return (
                  <DropdownMenuItem key={type} onSelect={() => onAddTrack(type)}>
                    <Icon aria-hidden /> {TRACK_LABELS[type]}
                  </DropdownMenuItem>
                );
              })}
            </DropdownMenuContent>
          </DropdownMenu>
        </div>
        {scene.tracks.length === 0 ? (
          <p className="rounded-lg border border-dashed px-3 py-6 text-center text-sm text-muted-foreground">
            This scene has no tracks. Add an actor, text, image or video.
          </p>
        ) : (
          <ol className="grid grid-cols-[minmax(0,1fr)] gap-1.5" aria-label="Tracks, bottom layer first">
            {scene.tracks.map((t, i) => {
              const Icon = TRACK_ICONS[t.type];
              const active = i === selectedTrack;
              return (
                <li key={t.key} className={cn("flex items-center gap-1 rounded-md border bg-card pr-1", active && "border-primary ring-1 ring-primary")}>
                  <button
                    type="button"
                    onClick={() => onSelectTrack(i)}
                    aria-current={active ? "true" : undefined}
                    aria-label={`Select track ${i + 1}: ${TRACK_LABELS[t.type]}`}
                    className="flex min-w-0 flex-1 items-center gap-2 rounded-md px-2 py-2 text-left text-sm outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
                  >
                    <Icon className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                    <span className="font-medium">{TRACK_LABELS[t.type]}</span>
                    {t.referenceId ? <Badge variant="secondary">{t.referenceId}</Badge> : null}
                    <span className="truncate text-muted-foreground">{trackSummary(t, characters)}</span>
                  </button>
                  <IconButton label={`Move track ${i + 1} up`} disabled={i === 0} onClick={() => onMoveTrack(i, -1)} icon={ArrowUp} />
                  <IconButton label={`Move track ${i + 1} down`} disabled={i === scene.tracks.length - 1} onClick={() => onMoveTrack(i, 1)} icon={ArrowDown} />
                  <IconButton label={`Delete track ${i + 1}`} onClick={() => onDeleteTrack(i)} icon={Trash2} destructive />
                </li>
              );
            })}
          </ol>
        )}
      </div>
    </section>
  );
}
