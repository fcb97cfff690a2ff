"use client";

import { ImagePlus, Loader2, Play } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { Field } from "@/components/forms/field";
import { NativeSelect } from "@/components/forms/native-select";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { CLEAREST_VOICE, DEFAULT_VOICE, localVoices } from "@/lib/providers/speech/voices";
import { createCharacterAction, updateCharacterAction } from "./actions";
import { useAudioPreview } from "./use-audio-preview";

const MAX_MB = 8;

export interface CharacterFormValues {
  id?: number;
  name: string;
  description: string;
  persona: string;
  styleTags: string[];
  photoUrl: string | null;
  voiceId: string | null;
}

const VOICES = localVoices();

export function CharacterForm({ initial }: { initial?: CharacterFormValues }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<string | null>(initial?.photoUrl ?? null);
  const objectUrl = useRef<string | null>(null);
  useEffect(() => () => void (objectUrl.current && URL.revokeObjectURL(objectUrl.current)), []);

  function onPhoto(e: React.ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    setErrors((x) => ({ ...x, photo: "" }));
    if (!file) return;
    if (!["image/jpeg", "image/png", "image/webp"].includes(file.type)) {
      setErrors((x) => ({ ...x, photo: "photo must be a JPG, PNG or WebP image" }));
    } else if (file.size > MAX_MB * 1024 * 1024) {
      setErrors((x) => ({ ...x, photo: `photo is too large (the limit is ${MAX_MB} MB)` }));
    }
    if (objectUrl.current) URL.revokeObjectURL(objectUrl.current);
    objectUrl.current = URL.createObjectURL(file);
    setPreview(objectUrl.current);
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (errors.photo) return void toast.error(errors.photo);
    const form = new FormData(e.currentTarget);
    startTransition(async () => {
      const res = initial?.id ? await updateCharacterAction(form) : await createCharacterAction(form);
      if (!res.ok) {
        setErrors(res.fieldErrors ?? {});
        toast.error(res.error);
        return;
      }
      toast.success(initial?.id ? "Character saved" : "Character created");
      router.push(`/characters/${res.data.id}`);
      router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-6 lg:grid-cols-[280px_1fr]">
      {initial?.id ? <input type="hidden" name="id" value={initial.id} /> : null}
      <Card className="h-fit">
        <CardContent className="grid gap-3">
          <label
            htmlFor="photo"
            className="group relative flex aspect-square cursor-pointer items-center justify-center overflow-hidden rounded-lg border border-dashed bg-muted/50 hover:bg-muted"
          >
            {preview ? (
              // eslint-disable-next-line @next/next/no-img-element
              <img src={preview} alt="Photo preview" className="size-full object-cover" />
            ) : (
              <span className="flex flex-col items-center gap-2 text-sm text-muted-foreground">
                <ImagePlus className="size-8" aria-hidden />
                Add a photo
              </span>
            )}
          </label>
          <Field id="photo" label="Photo" error={errors.photo} hint={`JPG, PNG or WebP, up to ${MAX_MB} MB. Used for frames and the avatar.`}>
            <Input id="photo" name="photo" type="file" accept="image/jpeg,image/png,image/webp" onChange={onPhoto} aria-invalid={!!errors.photo} />
          </Field>
        </CardContent>
      </Card>
      <Card>
        <CardContent className="grid gap-4">
          <Field id="name" label="Name" error={errors.name}>
            <Input id="name" name="name" defaultValue={initial?.name} placeholder="Alex Chen" required maxLength={80} aria-invalid={!!errors.name} />
          </Field>
          <Field id="description" label="Description" error={errors.description} hint="Who they are, in a line: it shapes every image prompt.">
            <Input id="description" name="description" defaultValue={initial?.description} placeholder="Tech startup founder" maxLength={500} />
          </Field>
          <Field id="persona" label="Persona" error={errors.persona} hint="How they speak and think; the story writer narrates in this voice.">
            <Textarea
              id="persona"
              name="persona"
              rows={5}
              defaultValue={initial?.persona}
              placeholder="Optimistic, direct, a little self-deprecating…"
              maxLength={2000}
            />
          </Field>
          <VoicePicker initial={initial ? (initial.voiceId ?? DEFAULT_VOICE) : CLEAREST_VOICE} error={errors.voiceId} />
          <Field id="styleTags" label="Style tags" error={errors.styleTags} hint="Comma-separated, e.g. cinematic, warm light, 35mm">
            <Input id="styleTags" name="styleTags" defaultValue={initial?.styleTags.join(", ")} placeholder="cinematic, warm light" />
          </Field>
          <div className="flex justify-end gap-2">
            <Button type="button" variant="outline" onClick={() => router.back()}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? <Loader2 className="size-4 animate-spin" /> : null}
              {initial?.id ? "Save character" : "Create character"}
            </Button>
          </div>
        </CardContent>
      </Card>
    </form>
  );
}

/**
 * The catalogue voice the character narrates with until a sample of their own is cloned (the
 * clearest offline voice for a new character), with a preview of the character-to-be's line.
 */
function VoicePicker({ initial, error }: { initial: string; error?: string }) {
  const [voiceId, setVoiceId] = useState(initial);
  const preview = useAudioPreview();

  function play(form: HTMLFormElement | null) {
    const name = (form?.elements.namedItem("name") as HTMLInputElement | null)?.value ?? "";
    void preview.play(`/api/voices/preview?${new URLSearchParams({ voiceId, name })}`);
  }

  return (
    <Field id="voiceId" label="Voice" error={error} hint="Narrates their stories until you clone their own voice from a recording, on the character's page.">
      <div className="flex gap-2">
        <NativeSelect
          id="voiceId"
          name="voiceId"
          value={voiceId}
          onChange={(e) => setVoiceId(e.target.value)}
          aria-invalid={!!error}
          className="min-w-0 flex-1"
        >
          {VOICES.map((v) => (
            <option key={v.name} value={v.name}>
              {v.displayName}
            </option>
          ))}
        </NativeSelect>
        <Button
          type="button"
          variant="outline"
          onClick={(e) => play(e.currentTarget.form)}
          disabled={preview.state === "loading"}
          aria-label="Preview the voice"
        >
          {preview.state === "loading" ? <Loader2 className="size-4 animate-spin" aria-hidden /> : <Play className="size-4" aria-hidden />}
          <span className="hidden sm:inline">{preview.state === "playing" ? "Playing" : "Preview"}</span>
        </Button>
        <audio {...preview.audioProps} aria-label="Preview of the chosen voice" className="hidden" />
      </div>
    </Field>
  );
}
