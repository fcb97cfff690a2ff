"use client";

import { Label } from "@/components/ui/label";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import { cn } from "@/lib/utils";
import { BackgroundPicker } from "./background-picker";
import { CharacterPicker, type StudioCharacter } from "./character-picker";
import { ADVISED_TEXT_LENGTH, MAX_TEXT_LENGTH, type AspectRatio, type StudioAction, type StudioBackground, type StudioScene } from "./model";

/** The selected scene's line, background, character and outro; errors from the server sit next to their field. */
export function SceneEditor({
  scene,
  index,
  aspectRatio,
  gallery,
  characters,
  errors,
  dispatch,
  className,
}: {
  scene: StudioScene;
  index: number;
  aspectRatio: AspectRatio;
  gallery: StudioBackground[];
  characters: StudioCharacter[];
  /** The server's refusals for this scene, by field: text, background, character, placement. */
  errors: Partial<Record<"text" | "background" | "character" | "placement", string>>;
  dispatch: (a: StudioAction) => void;
  className?: string;
}) {
  const patch = (p: Partial<Omit<StudioScene, "key">>) => dispatch({ type: "scene", key: scene.key, patch: p });
  const length = scene.text.trim().length;
  const long = length > ADVISED_TEXT_LENGTH;
  return (
    <Card className={cn("gap-4", className)} aria-labelledby="scene-editor-title">
      <CardHeader>
        <CardTitle id="scene-editor-title" className="text-base">
          <h2>Scene {index + 1}</h2>
        </CardTitle>
        <CardDescription>What your character says, in front of what, and how it ends.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        <div className="grid gap-1.5">
          <div className="flex items-baseline justify-between gap-2">
            <Label htmlFor="scene-text">Text</Label>
            <span
              id="scene-text-count"
              className={cn("text-xs tabular-nums", long ? "font-medium text-amber-600 dark:text-amber-400" : "text-muted-foreground")}
            >
              {length} / {ADVISED_TEXT_LENGTH}
            </span>
          </div>
          <Textarea
            id="scene-text"
            rows={4}
            value={scene.text}
            maxLength={MAX_TEXT_LENGTH}
            onChange={(e) => patch({ text: e.target.value })}
            placeholder="What the character says in this scene, e.g. “Three things nobody tells you about sourdough.”"
            aria-invalid={errors.text ? true : undefined}
            aria-describedby={`scene-text-count ${errors.text ? "scene-text-error" : long ? "scene-text-advice" : ""}`.trim()}
          />
          {errors.text ? (
            <p id="scene-text-error" role="alert" className="text-sm text-destructive">
              {errors.text}
            </p>
          ) : long ? (
            <p id="scene-text-advice" className="rounded-md bg-amber-500/10 px-2 py-1.5 text-xs text-amber-700 dark:text-amber-300">
              Try to keep a scene under {ADVISED_TEXT_LENGTH} characters: short lines keep the video moving. Longer text still renders; consider splitting it
              into another scene.
            </p>
          ) : null}
        </div>
        <fieldset className="grid gap-2">
          <legend className="mb-2 text-sm font-medium">Background</legend>
          <BackgroundPicker
            aspectRatio={aspectRatio}
            gallery={gallery}
            value={scene.background}
            onChange={(background) => patch({ background })}
            error={errors.background}
          />
        </fieldset>
        <fieldset className="grid gap-2">
          <legend className="mb-2 text-sm font-medium">Character</legend>
          <CharacterPicker characters={characters} value={scene.characterId} onChange={(characterId) => patch({ characterId })} error={errors.character} />
        </fieldset>
        <div className="flex items-start justify-between gap-4">
          <div className="grid gap-0.5">
            <Label htmlFor="scene-outro">Outro</Label>
            <p id="scene-outro-hint" className="text-xs text-muted-foreground">
              After the line, the character nods and bows before the scene ends.
            </p>
          </div>
          <Switch
            id="scene-outro"
            checked={scene.includeOutro}
            onCheckedChange={(includeOutro) => patch({ includeOutro })}
            aria-describedby="scene-outro-hint"
          />
        </div>
      </CardContent>
    </Card>
  );
}
