"use client";

import { Loader2, Sparkles } from "lucide-react";
import type { AspectRatio } from "@/db/schema/projects";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Field } from "@/components/forms/field";
import { NativeSelect } from "@/components/forms/native-select";
import { MusicPicker, type LibrarySound } from "@/components/studio/music-picker";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Textarea } from "@/components/ui/textarea";
import { formText } from "@/lib/validation/form-data";
import { createStoryAction } from "../actions";

const examples = [
  "A startup founder's journey from a cramped garage to launch day on a big stage",
  "A day in the life of a street chef who feeds the night shift in a neon-lit city",
  "How a shy teenager learns to surf at dawn and conquers her first real wave",
];

/** Vertical first: most story videos go to reels. */
const SHAPES: Array<{ value: AspectRatio; label: string; box: string }> = [
  { value: "9:16", label: "vertical, for reels and stories", box: "w-3" },
  { value: "16:9", label: "landscape, for YouTube and the web", box: "w-9" },
  { value: "1:1", label: "square, for feeds", box: "w-5" },
];

export function NewStoryForm({
  characters,
  defaultCharacterId,
  sounds,
}: {
  characters: { id: number; name: string }[];
  defaultCharacterId?: number;
  sounds: LibrarySound[];
}) {
  const router = useRouter();
  const [music, setMusic] = useState("builtin:music/calm");
  const [pending, start] = useTransition();
  const [idea, setIdea] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    start(async () => {
      const res = await createStoryAction({
        characterId: Number(form.get("characterId")),
        storyIdea: formText(form, "storyIdea"),
        numScenes: Number(form.get("numScenes")),
        useAvatarFirstScene: form.get("useAvatarFirstScene") === "on",
        useAvatarLastScene: form.get("useAvatarLastScene") === "on",
        aspectRatio: formText(form, "aspectRatio") as AspectRatio,
        music: music || null,
      });
      if (!res.ok) {
        setErrors(res.fieldErrors ?? {});
        toast.error(res.error);
        return;
      }
      toast.success("Scenes proposed: review them before you approve");
      router.push(`/projects/${res.data.id}`);
    });
  }

  const len = idea.trim().length;
  return (
    <Card>
      <CardContent>
        <form onSubmit={onSubmit} noValidate className="grid gap-5">
          <Field id="characterId" label="Character" error={errors.characterId}>
            <NativeSelect id="characterId" name="characterId" defaultValue={defaultCharacterId ?? characters[0]?.id}>
              {characters.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <Field
            id="storyIdea"
            label="Story idea"
            error={errors.storyIdea}
            hint={
              <span className={len > 1000 || (len > 0 && len < 10) ? "text-destructive" : undefined}>
                {len}/1000 characters (at least 10). Name a journey, a place, a turning point.
              </span>
            }
          >
            <Textarea
              id="storyIdea"
              name="storyIdea"
              rows={5}
              value={idea}
              onChange={(e) => setIdea(e.target.value)}
              placeholder={examples[0]}
              aria-invalid={!!errors.storyIdea}
              onKeyDown={(e) => {
                if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) e.currentTarget.form?.requestSubmit();
              }}
            />
          </Field>
          <div className="flex flex-wrap gap-2">
            {examples.map((ex) => (
              <Button key={ex} type="button" variant="outline" size="sm" className="h-auto max-w-full whitespace-normal text-left" onClick={() => setIdea(ex)}>
                {ex}
              </Button>
            ))}
          </div>
          <Field id="numScenes" label="Scenes" error={errors.numScenes} hint="Each scene lasts as long as its narration, plus a breath: about 10 seconds.">
            <NativeSelect id="numScenes" name="numScenes" defaultValue={5} className="w-32">
              {Array.from({ length: 9 }, (_, i) => i + 2).map((n) => (
                <option key={n} value={n}>
                  {n} scenes
                </option>
              ))}
            </NativeSelect>
          </Field>
          <fieldset className="grid gap-2">
            <legend className="mb-1 text-sm font-medium">Shape</legend>
            <div className="flex flex-wrap gap-2">
              {SHAPES.map((s) => (
                <label
                  key={s.value}
                  className="flex cursor-pointer items-center gap-2 rounded-lg border px-3 py-2 text-sm has-[:checked]:border-primary has-[:checked]:bg-primary/5 has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50"
                >
                  <input type="radio" name="aspectRatio" value={s.value} defaultChecked={s.value === "9:16"} className="sr-only" />
                  <span aria-hidden className={`inline-block h-5 rounded-sm border-2 border-current ${s.box}`} />
                  <span>
                    <span className="font-medium">{s.value}</span> <span className="text-muted-foreground">{s.label}</span>
                  </span>
                </label>
              ))}
            </div>
            {errors.aspectRatio ? <p className="text-sm text-destructive">{errors.aspectRatio}</p> : null}
          </fieldset>
          <Field id="music" label="Music" error={errors.music} hint="Laid under the whole video, quieter while the narrator speaks.">
            <MusicPicker id="music" value={music} onChange={setMusic} sounds={sounds} />
          </Field>
          <fieldset className="grid gap-2">
            <legend className="mb-1 text-sm font-medium">Talking head</legend>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="useAvatarFirstScene" className="size-4 accent-primary" /> Open with the character speaking to camera
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="useAvatarLastScene" className="size-4 accent-primary" /> Close with the character speaking to camera
            </label>
            <p className="text-xs text-muted-foreground">
              The character&apos;s photo over the scene&apos;s frame, moving with the narration&apos;s loudness. Not lip-sync.
            </p>
          </fieldset>
          <div className="flex items-center justify-end gap-3">
            <span className="hidden text-xs text-muted-foreground sm:inline">Ctrl+Enter to submit</span>
            <Button type="submit" disabled={pending}>
              {pending ? <Loader2 className="size-4 animate-spin" /> : <Sparkles className="size-4" />}
              {pending ? "Writing scenes…" : "Propose scenes"}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
