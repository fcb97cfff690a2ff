"use client";

import { useRouter } from "next/navigation";
import { useMemo, useReducer, useState, useTransition } from "react";
import { toast } from "sonner";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { AvatarCanvas, type Placement } from "./avatar-canvas";
import type { StudioCharacter } from "./character-picker";
import { draftProblems, initialDraft, sceneErrors, sceneProblems, studioReducer, toRenderPayload, type SceneField, type StudioBackground } from "./model";
import { PlacementFields } from "./placement-fields";
import { RenderPanel, type StartedRender } from "./render-panel";
import { SceneEditor } from "./scene-editor";
import { SceneStrip } from "./scene-strip";
import { avatarBoxOf, frameOf, priceOf } from "./studio-bridge";
import { VideoSettings } from "./video-settings";
import { renderStudioAction } from "./actions";

/**
 * The Studio: up to five scenes of a character speaking in front of a background, placed on a
 * live canvas, priced as you go, rendered with live progress. On a phone the cards stack in the
 * order of the work (scenes, canvas, scene, video, render); on a wide screen the canvas and
 * Render stay in view beside the scene being edited.
 */
export function StudioBuilder({ characters, gallery, balance }: { characters: StudioCharacter[]; gallery: StudioBackground[]; balance: number }) {
  const router = useRouter();
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
  const frame = frameOf(draft.aspectRatio);
  const payload = toRenderPayload(draft);
  const { credits: cost, breakdown } = priceOf(payload);
  const problems = draftProblems(draft, characterIds);
  const perScene = new Map(draft.scenes.map((s) => [s.key, sceneProblems(s, characterIds)]));
  const errors = serverErrors.byScene.get(scene.key) ?? {};

  const place = (p: Partial<Placement>) => dispatch({ type: "scene", key: scene.key, patch: p });

  function render() {
    const keys = draft.scenes.map((s) => s.key);
    setServerErrors({ byScene: new Map(), other: [] });
    start(async () => {
      const res = await renderStudioAction(payload);
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
      toast.success("Render started");
      // The header's balance shows the credits the render took.
      router.refresh();
    });
  }

  return (
    <div className="flex flex-col gap-6 lg:grid lg:grid-cols-[minmax(0,1fr)_minmax(0,24rem)] lg:items-start xl:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]">
      <div className="contents lg:flex lg:min-w-0 lg:flex-col lg:gap-6">
        <SceneStrip draft={draft} problems={perScene} dispatch={dispatch} className="order-1" />
        <SceneEditor
          key={scene.key}
          scene={scene}
          index={index}
          aspectRatio={draft.aspectRatio}
          gallery={gallery}
          characters={characters}
          errors={errors}
          dispatch={dispatch}
          className="order-3"
        />
      </div>
      <div className="contents lg:sticky lg:top-20 lg:flex lg:min-w-0 lg:flex-col lg:gap-6">
        <Card className="order-2 gap-4" aria-labelledby="preview-title">
          <CardHeader>
            <CardTitle id="preview-title" className="text-base">
              Scene {index + 1} preview
            </CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4">
            <AvatarCanvas
              frame={frame}
              box={avatarBoxOf(scene, frame)}
              placement={{ x: scene.x, y: scene.y, scale: scene.scale }}
              backgroundUrl={scene.background?.previewUrl ?? null}
              photoUrl={character?.photoUrl ?? null}
              characterName={character?.name ?? null}
              caption={draft.withCaption ? firstWords(scene.text) : null}
              onPlace={place}
            />
            <PlacementFields placement={{ x: scene.x, y: scene.y, scale: scene.scale }} onPlace={place} error={errors.placement} />
          </CardContent>
        </Card>
        <VideoSettings
          draft={draft}
          onAspect={(aspectRatio) => dispatch({ type: "aspect", aspectRatio, gallery })}
          onChange={(patch) => dispatch({ type: "video", patch })}
          className="order-4"
        />
        <RenderPanel
          cost={cost}
          breakdown={breakdown}
          balance={balance}
          problems={problems}
          pending={pending}
          error={serverErrors.other.join(" ") || null}
          started={started}
          onRender={render}
          onDismiss={() => setStarted(null)}
          className="order-5"
        />
      </div>
    </div>
  );
}

const firstWords = (text: string) => text.trim().split(/\s+/).slice(0, 6).join(" ") || null;
