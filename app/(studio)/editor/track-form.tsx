"use client";

import { MousePointerClick } from "lucide-react";
import { Separator } from "@/components/ui/separator";
import { MediaField } from "./media-field";
import { CheckboxField, ColorField, NumberField, SelectField, TextAreaField, TextField } from "./fields";
import { type CharacterOption, type EditorTrack, TRACK_LABELS, type VoiceOption } from "./model";

const VARIANT_OPTIONS = [
  { value: "full_body", label: "Full body" },
  { value: "bubble", label: "Bubble (circle)" },
  { value: "shoulder", label: "Shoulder (head and shoulders)" },
] as const;
const ALIGN_OPTIONS = [
  { value: "left", label: "Left" },
  { value: "center", label: "Centre" },
  { value: "right", label: "Right" },
] as const;
const FIT_OPTIONS = [
  { value: "cover", label: "Cover (crop to fill)" },
  { value: "contain", label: "Contain (letterbox)" },
  { value: "fill", label: "Fill (stretch)" },
] as const;
const CAPTION_POSITIONS = [
  { value: "bottom", label: "Bottom" },
  { value: "center", label: "Centre" },
  { value: "top", label: "Top" },
] as const;

const VARIABLE_HINT = (
  <>
    Write <code className="font-mono">{"{name}"}</code> to insert a template variable; its value is set under Variables.
  </>
);

export function TrackForm({
  track,
  onChange,
  characters,
  voices,
  videoSize,
  referenceIds,
}: {
  track: EditorTrack | null;
  onChange: (patch: Partial<EditorTrack>) => void;
  characters: CharacterOption[];
  voices: VoiceOption[];
  videoSize: { width: number; height: number };
  referenceIds: string[];
}) {
  if (!track) {
    return (
      <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed px-4 py-10 text-center text-sm text-muted-foreground">
        <MousePointerClick className="size-6" aria-hidden />
        Select a track in the scene to edit it.
      </div>
    );
  }
  const t = track;
  const setPos = (k: "x" | "y", v: number | undefined) => {
    const next = { x: t.position?.x, y: t.position?.y, [k]: v };
    onChange({ position: next.x === undefined && next.y === undefined ? undefined : { x: next.x ?? 0, y: next.y ?? 0 } });
  };
  const setSize = (k: "width" | "height", v: number | undefined) => {
    const next = { width: t.size?.width, height: t.size?.height, [k]: v };
    onChange({
      size:
        next.width === undefined && next.height === undefined ? undefined : { width: next.width ?? videoSize.width, height: next.height ?? videoSize.height },
    });
  };

  return (
    <form className="grid gap-4" aria-label={`${TRACK_LABELS[t.type]} track`} onSubmit={(e) => e.preventDefault()}>
      <h3 className="text-sm font-semibold">{TRACK_LABELS[t.type]} track</h3>

      {t.type === "actor" ? (
        <>
          <SelectField
            label="Actor"
            name="actor"
            value={t.actor || undefined}
            onChange={(v) => onChange({ actor: v ?? "" })}
            options={characters.map((c) => ({ value: c.id, label: c.name }))}
            hint={characters.length ? undefined : "No characters yet: create one under Characters."}
          />
          <SelectField label="Variant" value={t.variant} onChange={(v) => onChange({ variant: v })} options={VARIANT_OPTIONS} />
          <TextAreaField label="Script" name="text" value={t.text} onChange={(v) => onChange({ text: v })} hint={VARIABLE_HINT} />
          <SelectField
            label="Voice (speakerId)"
            name="speakerId"
            value={t.speakerId}
            onChange={(v) => onChange({ speakerId: v })}
            options={voices.map((v) => ({ value: v.name, label: v.displayName }))}
            emptyLabel="The character's own voice"
          />
          <MediaField
            kind="audio"
            label="Audio (instead of a script)"
            name="audioUrl"
            value={t.audioUrl}
            onChange={(v) => onChange({ audioUrl: v })}
            placeholder="https://…/speech.mp3 or from the library"
          />
        </>
      ) : null}

      {t.type === "image" ? (
        <>
          <MediaField
            kind="image"
            label="Image"
            name="imageUrl"
            value={t.imageUrl}
            onChange={(v) => onChange({ imageUrl: v })}
            placeholder="https://…/image.jpg or from the library"
          />
          <SelectField label="Fit" value={t.fit} onChange={(v) => onChange({ fit: v })} options={FIT_OPTIONS} emptyLabel="Default" />
        </>
      ) : null}

      {t.type === "video" ? (
        <>
          <MediaField
            kind="video"
            label="Video"
            name="videoUrl"
            value={t.videoUrl}
            onChange={(v) => onChange({ videoUrl: v })}
            placeholder="https://…/clip.mp4 or from the library"
          />
          <NumberField label="Volume (0–1)" value={t.volume} onChange={(v) => onChange({ volume: v })} min={0} max={1} step={0.05} />
          <CheckboxField label="Loop" checked={!!t.loop} onChange={(v) => onChange({ loop: v || undefined })} />
        </>
      ) : null}

      {t.type === "audio" ? (
        <>
          <MediaField
            kind="audio"
            label="Audio"
            name="audioUrl"
            value={t.audioUrl}
            onChange={(v) => onChange({ audioUrl: v })}
            placeholder="https://…/music.mp3 or from the library"
          />
          <NumberField label="Volume (0–1)" value={t.volume} onChange={(v) => onChange({ volume: v })} min={0} max={1} step={0.05} />
        </>
      ) : null}

      {t.type === "text" ? (
        <>
          <TextAreaField label="Text" name="text" value={t.text} onChange={(v) => onChange({ text: v })} hint={VARIABLE_HINT} rows={3} />
          <div className="grid grid-cols-2 gap-3">
            <NumberField label="Font size (px)" name="fontSize" value={t.fontSize} onChange={(v) => onChange({ fontSize: v })} min={8} max={400} />
            <SelectField label="Alignment" value={t.alignment} onChange={(v) => onChange({ alignment: v })} options={ALIGN_OPTIONS} />
          </div>
          <ColorField label="Text colour" value={t.color} onChange={(v) => onChange({ color: v || undefined })} fallback="#ffffff" />
        </>
      ) : null}

      {t.type === "captions" ? (
        <>
          <SelectField
            label="Caption source track"
            name="sourceTrackReference"
            value={t.sourceTrackReference}
            onChange={(v) => onChange({ sourceTrackReference: v })}
            options={referenceIds.map((r) => ({ value: r, label: r }))}
            emptyLabel="None"
            hint="The referenceId of an actor or audio track whose speech is captioned."
          />
          <div className="grid grid-cols-2 gap-3">
            <NumberField
              label="Caption font size (px)"
              value={t.style?.fontSize}
              onChange={(v) => onChange({ style: { ...t.style, fontSize: v } })}
              min={8}
              max={300}
            />
            <SelectField
              label="Caption position"
              value={t.style?.position}
              onChange={(v) => onChange({ style: { ...t.style, position: v } })}
              options={CAPTION_POSITIONS}
            />
          </div>
          <ColorField
            label="Caption colour"
            value={t.style?.color}
            onChange={(v) => onChange({ style: { ...t.style, color: v || undefined } })}
            fallback="#ffffff"
          />
        </>
      ) : null}

      <Separator />
      <fieldset className="grid gap-3">
        <legend className="mb-2 text-sm font-semibold">Layout</legend>
        <div className="grid grid-cols-2 gap-3">
          <NumberField
            label="X (px)"
            name="position"
            value={t.position?.x}
            onChange={(v) => setPos("x", v)}
            placeholder={t.type === "text" ? "centred" : "0"}
          />
          <NumberField label="Y (px)" value={t.position?.y} onChange={(v) => setPos("y", v)} placeholder={t.type === "text" ? "centred" : "0"} />
          <NumberField
            label="Width (px)"
            name="size"
            value={t.size?.width}
            onChange={(v) => setSize("width", v)}
            min={2}
            placeholder={String(videoSize.width)}
          />
          <NumberField label="Height (px)" value={t.size?.height} onChange={(v) => setSize("height", v)} min={2} placeholder={String(videoSize.height)} />
        </div>
        <NumberField label="Rotation (degrees)" name="rotation" value={t.rotation} onChange={(v) => onChange({ rotation: v })} min={-360} max={360} />
      </fieldset>
      <fieldset className="grid gap-3">
        <legend className="mb-2 text-sm font-semibold">Timing</legend>
        <TextField
          label="Reference ID"
          name="referenceId"
          value={t.referenceId}
          onChange={(v) => onChange({ referenceId: v || undefined })}
          hint="Lets the scene take this track's length, or captions follow it."
        />
        <div className="grid grid-cols-3 items-end gap-3">
          <NumberField label="Track duration (ms)" name="duration" value={t.duration} onChange={(v) => onChange({ duration: v })} min={1} />
          <NumberField label="Start gap (ms)" name="startTimeGap" value={t.startTimeGap} onChange={(v) => onChange({ startTimeGap: v })} min={0} />
          <NumberField label="End gap (ms)" name="endTimeGap" value={t.endTimeGap} onChange={(v) => onChange({ endTimeGap: v })} min={0} />
        </div>
      </fieldset>
    </form>
  );
}
