"use client";

import { useMemo, useReducer, useState, useTransition } from "react";
import { toast } from "sonner";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { AvatarCanvas, type Placement } from "./avatar-canvas";
import type { StudioCharacter } from "./character-picker";
import {
  creatorWords,
  draftProblems,
  initialDraft,
  sceneErrors,
  sceneProblems,
  studioReducer,
  toRenderInput,
  type SceneField,
  type StudioBackground,
} from "./model";
import { PlacementFields } from "./placement-fields";
import { RenderBar } from "./render-bar";
import { RenderPanel, type StartedRender } from "./render-panel";
import { SceneEditor } from "./scene-editor";
import { SceneStrip } from "./scene-strip";
import { characterBox, studioStage } from "@/lib/composition/recipes/studio-render";
import { PRICES, studioPrice } from "@/lib/credits/prices";
import { STUDIO_SIZES } from "@/lib/validation/studio-render";
import { renderStudioAction } from "./actions";
import { VideoSettings, type StudioClip } from "./video-settings";

/**
 * The Studio: up to five scenes of a character speaking in front of a background, placed on a
 * live canvas, priced as you go, rendered with live progress. On a phone the cards stack in the
 * order of the work (video, scenes, canvas, scene, render); on a wide screen the canvas stays in
 * view beside the scene being edited.
 */
/**
 * The renderer's own picture of the character in a box of this shape. The box's shape is the
 * frame's whatever the scale, so it is asked for at one height (the picture scales with the box)
 * and fetched once per character, photo and frame shape.
 */
function actorStillUrl(character: StudioCharacter, box: { width: number; height: number }): string {
  const height = 480;
  const width = Math.max(16, Math.round((height * box.width) / box.height));
  return `/api/characters/${character.id}/actor-still?variant=full_body&width=${width}&height=${height}&v=${character.photoVersion ?? "none"}`;
}

export function StudioBuilder({
  characters,
  gallery,
  clips,
  balance,
}: {
  characters: StudioCharacter[];
  gallery: StudioBackground[];
  clips: StudioClip[];
  balance: number;
}) {
  const [draft, dispatch] = useReducer(studioReducer, characters[0]?.id ?? null, initialDraft);
  const [serverErrors, setServerErrors] = useState<{ byScene: Map<string, Partial<Record<SceneField, string>>>; other: string[] }>({
    byScene: new Map(),
    other: [],
  });
  const [started, setStarted] = useState<StartedRender | null>(null);
  const [pending, start] = useTransition();

  const characterIds = useMemo(() => new Set(characters.map((c) => c.id)), [characters]);
  const index = Math.max(
    0,
    draft.scenes.findIndex((s) => s.key === draft.selected),
  );
  const scene = draft.scenes[index];
  const character = characters.find((c) => c.id === scene.characterId) ?? null;
  const frame = STUDIO_SIZES[draft.aspectRatio];
  const stage = studioStage({ ...frame, brainrot: draft.brainrot });
  const clip = draft.brainrot ? (clips.find((c) => c.source === draft.brainrotClip) ?? clips.find((c) => c.default) ?? null) : null;
  const input = toRenderInput(draft);
  const price = studioPrice(draft.scenes.length, { captions: draft.captions });
  const problems = draftProblems(draft, characterIds);
  const perScene = new Map(draft.scenes.map((s) => [s.key, sceneProblems(s, characterIds)]));
  const errors = serverErrors.byScene.get(scene.key) ?? {};

  const place = (p: Partial<Placement>) => dispatch({ type: "scene", key: scene.key, patch: p });

  const short = price.credits > balance;
  const barReason = problems.length ? `${problems.length} ${problems.length === 1 ? "scene" : "scenes"} to finish` : short ? "Not enough credits" : null;

  function render(opts: { reveal?: boolean } = {}) {
    const keys = draft.scenes.map((s) => s.key);
    setServerErrors({ byScene: new Map(), other: [] });
    start(async () => {
      const res = await renderStudioAction(input);
      if (!res.ok) {
        const found = sceneErrors(res.fieldErrors ?? {}, keys);
        if (!found.other.length && !found.byScene.size) found.other.push(res.error);
        setServerErrors(found);
        // Show the first scene the server refused, so its message is in view.
        const first = keys.find((k) => found.byScene.has(k));
        if (first) dispatch({ type: "select", key: first });
        return;
      }
      setStarted(res.data);
      // From the phone's bar, bring the progress into view.
      if (opts.reveal) document.getElementById("render-title")?.scrollIntoView({ behavior: "smooth", block: "start" });
      toast.success("Render started");
      for (const w of res.data.warnings) toast.info(creatorWords(w.message));
    });
  }

  return (
    <div className="flex flex-col gap-6 pb-20 lg:grid lg:pb-0 lg:grid-cols-[minmax(0,1fr)_minmax(0,22rem)] lg:items-start xl:grid-cols-[minmax(0,1fr)_minmax(0,25rem)]">
      <div className="contents lg:flex lg:min-w-0 lg:flex-col lg:gap-6">
        <VideoSettings
          draft={draft}
          clips={clips}
          onAspect={(aspectRatio) => dispatch({ type: "aspect", aspectRatio, gallery })}
          onChange={(patch) => dispatch({ type: "video", patch })}
          className="order-1"
        />
        <SceneStrip draft={draft} problems={perScene} dispatch={dispatch} className="order-2" />
        <SceneEditor
          key={scene.key}
          scene={scene}
          index={index}
          aspectRatio={draft.aspectRatio}
          gallery={gallery}
          characters={characters}
          errors={errors}
          dispatch={dispatch}
          className="order-4"
        />
        <RenderPanel
          cost={price.credits}
          breakdown={breakdownOf(price.scenes, draft.captions)}
          balance={balance}
          problems={problems}
          pending={pending}
          error={serverErrors.other.join(" ") || null}
          started={started}
          onRender={() => render()}
          onDismiss={() => setStarted(null)}
          className="order-5"
        />
      </div>
      <Card className="order-3 gap-4 lg:sticky lg:top-20" aria-labelledby="preview-title">
        <CardHeader>
          <CardTitle id="preview-title" className="text-base">
            <h2>Scene {index + 1} preview</h2>
          </CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4">
          <AvatarCanvas
            frame={frame}
            stage={stage}
            box={characterBox(stage, scene)}
            clipName={clip?.name ?? (draft.brainrot ? "default clip" : null)}
            placement={{ x: scene.x, y: scene.y, scale: scene.scale }}
            backgroundUrl={scene.background?.previewUrl ?? null}
            photoUrl={character?.photoUrl ?? null}
            stillUrl={character ? actorStillUrl(character, characterBox(stage, scene)) : null}
            characterName={character?.name ?? null}
            caption={draft.captions ? firstWords(scene.text) : null}
            onPlace={place}
          />
          <PlacementFields placement={{ x: scene.x, y: scene.y, scale: scene.scale }} onPlace={place} error={errors.placement} />
        </CardContent>
      </Card>
      <RenderBar cost={price.credits} reason={barReason} pending={pending} onRender={() => render({ reveal: true })} />
    </div>
  );
}

const breakdownOf = (scenes: number, captions: boolean) =>
  `${scenes} ${scenes === 1 ? "scene" : "scenes"} × ${(PRICES.studioSceneHundredths / 100).toFixed(1)}${
    captions ? ` + captions ${scenes} × ${(PRICES.studioCaptionedSceneHundredths / 100).toFixed(1)}` : ""
  }`;

/** A caption line of the scene as a sample: its first few words. */
const firstWords = (text: string) => text.trim().split(/\s+/).slice(0, 5).join(" ") || null;
