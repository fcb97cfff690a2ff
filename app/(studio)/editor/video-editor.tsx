"use client";

import { AlertTriangle, Clapperboard, Loader2, Plus, Redo2, Save, Undo2 } from "lucide-react";
import { useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { quoteRender } from "@/lib/videos/quote";
import { renderVideoAction, saveEditorTemplateAction } from "./actions";
import { CopyButton, ExportDialog, ImportDialog } from "./api-dialogs";
import {
  type CharacterOption,
  defaultCreative,
  detectVariables,
  type EditorCreative,
  type EditorScene,
  type EditorTrack,
  creatorWords,
  locateError,
  move,
  newKey,
  newScene,
  newTrack,
  parseImport,
  referenceIds,
  toVideoCreative,
  type TrackType,
  type VoiceOption,
} from "./model";
import { FieldErrors } from "./fields";
import { RenderStatus } from "./render-status";
import { ShortcutsDialog } from "@/components/studio/shortcuts-dialog";
import { editorShortcuts, SceneList } from "./scene-list";
import { ScenePanel } from "./scene-panel";
import { ScenePreview } from "./scene-preview";
import { mediaUrlResolver, useLibrary } from "@/lib/hooks/use-library";
import { useAutosave } from "./use-autosave";
import { useHistory } from "./use-history";
import { TimelinesDialog, type TimelineSummary } from "./timelines-dialog";
import { useUndoKeys } from "./use-undo-keys";
import { SettingsPanel, VariablesPanel } from "./settings-panel";
import { TrackForm } from "./track-form";

type SideTab = "track" | "settings" | "variables";

/** How long a scene added with "Add scene" lasts until the creator changes it or a track sets it. */
const NEW_SCENE_MS = 3000;
const NO_ERRORS: Readonly<Record<string, string>> = {};

export interface SavedTimeline {
  id: string;
  name: string;
  body: { videoCreative: Record<string, unknown>; dynamicVariables: Record<string, string> };
}

/** A saved timeline (or a template to start from) as the editor's state; one that no longer reads (an older shape) opens as a new timeline. */
function opened(body: SavedTimeline["body"] | null, fallback: () => EditorCreative) {
  if (!body) return { creative: fallback(), dynamicVariables: { name: "there" } };
  try {
    return parseImport(JSON.stringify(body));
  } catch {
    return { creative: fallback(), dynamicVariables: { name: "there" } };
  }
}

export function VideoEditor({
  characters,
  voices,
  saved = null,
  startFrom = null,
  timelines = [],
}: {
  characters: CharacterOption[];
  voices: VoiceOption[];
  saved?: SavedTimeline | null;
  /** A template's body to start a new timeline from. */
  startFrom?: SavedTimeline["body"] | null;
  timelines?: TimelineSummary[];
}) {
  const [start] = useState(() => opened(saved?.body ?? startFrom, () => defaultCreative(characters, voices)));
  const history = useHistory<EditorCreative>(() => start.creative);
  const creative = history.state;
  const setCreative = history.set;
  const [values, setValues] = useState<Record<string, string>>(start.dynamicVariables);
  const autosave = useAutosave({ saved, creative, values });
  // A deletion's "Undo" toast goes once the deletion is undone another way (Ctrl+Z, the Undo button).
  const undoToast = useRef<string | number | null>(null);
  const undo = () => {
    if (undoToast.current !== null) toast.dismiss(undoToast.current);
    undoToast.current = null;
    history.undo();
  };
  useUndoKeys({ undo, redo: history.redo });
  const [sceneIndex, setSceneIndex] = useState(0);
  const [trackIndex, setTrackIndex] = useState<number | null>(0);
  const library = useLibrary();
  const resolveMedia = mediaUrlResolver(library.data);
  const [tab, setTab] = useState<SideTab>("track");
  const [renderJob, setRenderJob] = useState<{ jobId: string; taskId: string; videoId: string } | null>(null);
  const [renderError, setRenderError] = useState<string | null>(null);
  const [template, setTemplate] = useState<{ id: string; name: string } | null>(null);
  const [busy, setBusy] = useState<"render" | "template" | null>(null);

  const scene = creative.scenes[sceneIndex] ?? null;
  const track = scene && trackIndex != null ? (scene.tracks[trackIndex] ?? null) : null;
  const variableNames = useMemo(() => detectVariables(creative), [creative]);
  const videoCreative = useMemo(() => toVideoCreative(creative), [creative]);
  const dynamicVariables = useMemo(() => Object.fromEntries(variableNames.filter((n) => values[n]).map((n) => [n, values[n]])), [variableNames, values]);
  const quote = useMemo(() => quoteRender(videoCreative, dynamicVariables), [videoCreative, dynamicVariables]);
  const ctx = { characters, voices, size: creative.settings.videoSize };

  // `step`: a discrete action (add, move, delete) that undo takes back on its own.
  const updateScenes = (fn: (scenes: EditorScene[]) => EditorScene[], step = false) => setCreative((c) => ({ ...c, scenes: fn(c.scenes) }), { step });
  const updateScene = (i: number, fn: (s: EditorScene) => EditorScene, step = false) => updateScenes((ss) => ss.map((s, j) => (j === i ? fn(s) : s)), step);
  const selectScene = (i: number) => {
    setSceneIndex(i);
    setTrackIndex(creative.scenes[i]?.tracks.length ? 0 : null);
  };
  const withUndo = (message: string) => {
    const before = { creative, sceneIndex, trackIndex };
    undoToast.current = toast(message, {
      action: {
        label: "Undo",
        onClick: () => {
          setCreative(before.creative);
          setSceneIndex(before.sceneIndex);
          setTrackIndex(before.trackIndex);
        },
      },
    });
  };

  /** A new scene is empty, three seconds long: the creator adds what it should hold. */
  function addScene() {
    const n = creative.scenes.length + 1;
    updateScenes((ss) => [...ss, { ...newScene(n, []), duration: NEW_SCENE_MS }], true);
    setSceneIndex(n - 1);
    setTrackIndex(0);
  }
  function duplicateScene(i: number) {
    const src = creative.scenes[i];
    const copy: EditorScene = {
      ...structuredClone(src),
      key: newKey(),
      name: src.name ? `${src.name} (copy)` : undefined,
      tracks: src.tracks.map((t) => ({ ...structuredClone(t), key: newKey() })),
    };
    updateScenes((ss) => [...ss.slice(0, i + 1), copy, ...ss.slice(i + 1)], true);
    setSceneIndex(i + 1);
  }
  function deleteScene(i: number) {
    withUndo(`Scene ${i + 1} deleted`);
    updateScenes((ss) => ss.filter((_, j) => j !== i), true);
    const next = Math.max(0, Math.min(sceneIndex >= i ? sceneIndex - 1 : sceneIndex, creative.scenes.length - 2));
    setSceneIndex(next);
    setTrackIndex(null);
  }
  function moveScene(i: number, dir: -1 | 1) {
    updateScenes((ss) => move(ss, i, dir), true);
    if (i === sceneIndex) setSceneIndex(i + dir);
    else if (i + dir === sceneIndex) setSceneIndex(i);
  }

  function addTrack(type: TrackType) {
    if (!scene) return;
    const t = newTrack(type, ctx);
    // Two actor tracks in one scene would share the "speech" referenceId.
    if (t.referenceId && referenceIds(scene).includes(t.referenceId)) t.referenceId = `${t.referenceId}-${scene.tracks.length + 1}`;
    updateScene(sceneIndex, (s) => ({ ...s, tracks: [...s.tracks, t] }), true);
    setTrackIndex(scene.tracks.length);
    setTab("track");
  }
  function patchTrack(patch: Partial<EditorTrack>) {
    if (trackIndex == null) return;
    updateScene(sceneIndex, (s) => {
      const old = s.tracks[trackIndex];
      const next = { ...s, tracks: s.tracks.map((t, j) => (j === trackIndex ? { ...t, ...patch } : t)) };
      // Keep the scene's duration reference pointing at the renamed track.
      if ("referenceId" in patch && old.referenceId && s.intrinsicDurationTrackReference === old.referenceId) {
        next.intrinsicDurationTrackReference = patch.referenceId;
      }
      return next;
    });
  }
  function moveTrack(i: number, dir: -1 | 1) {
    updateScene(sceneIndex, (s) => ({ ...s, tracks: move(s.tracks, i, dir) }), true);
    if (i === trackIndex) setTrackIndex(i + dir);
    else if (i + dir === trackIndex) setTrackIndex(i);
  }
  function deleteTrack(i: number) {
    withUndo(`Track ${i + 1} deleted`);
    updateScene(
      sceneIndex,
      (s) => {
        const gone = s.tracks[i];
        return {
          ...s,
          tracks: s.tracks.filter((_, j) => j !== i),
          intrinsicDurationTrackReference:
            gone.referenceId && s.intrinsicDurationTrackReference === gone.referenceId ? undefined : s.intrinsicDurationTrackReference,
        };
      },
      true,
    );
    setTrackIndex(null);
  }

  async function render(draft = false) {
    setBusy("render");
    setRenderError(null);
    try {
      const res = await renderVideoAction({ videoCreative, dynamicVariables, draft });
      if (!res.ok) {
        setRenderError(res.error);
        // Show the field it names, where its message now sits.
        const at = locateError(res.error);
        if (at && creative.scenes[at.scene]) {
          setSceneIndex(at.scene);
          if (at.track != null) {
            setTrackIndex(at.track);
            setTab("track");
          }
        }
        toast.error(creatorWords(res.error, creative));
        return;
      }
      setRenderJob({ jobId: res.data.id, taskId: res.data.taskId, videoId: res.data.videoId });
      toast.success(draft ? "Draft preview started (540p, fast)" : "Render started");
    } catch {
      toast.error("Could not reach the server; please try again");
    } finally {
      setBusy(null);
    }
  }

  async function saveAsTemplate() {
    setBusy("template");
    try {
      const res = await saveEditorTemplateAction({ name: creative.settings.name || "Untitled template", videoCreative });
      if (!res.ok) return void toast.error(res.error);
      setTemplate(res.data);
      toast.success("Template saved");
    } catch {
      toast.error("Could not reach the server; please try again");
    } finally {
      setBusy(null);
    }
  }

  const errorAt = renderError ? locateError(renderError) : null;
  // The refusal's message beside the field it names, while its scene (and track) is on show.
  const onShow = errorAt?.field && errorAt.scene === sceneIndex ? errorAt : null;
  const sceneErrors = onShow && onShow.track === undefined ? { [onShow.field!]: onShow.text } : NO_ERRORS;
  const trackErrors = onShow && onShow.track !== undefined && onShow.track === trackIndex ? { [onShow.field!]: onShow.text } : NO_ERRORS;

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6 pb-8">
      <div className="flex flex-col gap-3 lg:flex-row lg:items-end lg:justify-between">
        <div className="min-w-0 space-y-1">
          <h1 className="text-2xl font-semibold tracking-tight">Video editor</h1>
          <p className="text-sm text-muted-foreground">Lay out scenes and tracks, preview the first frames, then render or send it to the API.</p>
          <p className="text-xs text-muted-foreground" role="status" aria-live="polite" data-testid="save-status">
            {autosave.status === "saving"
              ? "Saving…"
              : autosave.status === "unsaved"
                ? "Unsaved changes…"
                : autosave.status === "saved"
                  ? "All changes saved"
                  : autosave.status === "error"
                    ? `Not saved: ${autosave.error}`
                    : "Changes are saved as you work"}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button variant="outline" size="icon" onClick={undo} disabled={!history.canUndo} aria-label="Undo" title="Undo (Ctrl+Z)">
            <Undo2 aria-hidden />
          </Button>
          <Button variant="outline" size="icon" onClick={history.redo} disabled={!history.canRedo} aria-label="Redo" title="Redo (Ctrl+Shift+Z)">
            <Redo2 aria-hidden />
          </Button>
          <ShortcutsDialog groups={editorShortcuts} />
          <TimelinesDialog timelines={timelines} currentId={autosave.id} />
          <ImportDialog
            onImport={(c, vars) => {
              setCreative(c);
              setValues((v) => ({ ...v, ...vars }));
              setSceneIndex(0);
              setTrackIndex(c.scenes[0]?.tracks.length ? 0 : null);
              setRenderError(null);
            }}
          />
          <ExportDialog videoCreative={videoCreative} dynamicVariables={dynamicVariables} />
          <Button variant="outline" onClick={() => void saveAsTemplate()} disabled={busy !== null}>
            {busy === "template" ? <Loader2 className="animate-spin" aria-hidden /> : <Save aria-hidden />} Save as template
          </Button>
          <Button variant="outline" onClick={() => void render(true)} disabled={busy !== null || creative.scenes.length === 0}>
            <Clapperboard aria-hidden /> Draft preview · free
          </Button>
          <Button onClick={() => void render()} disabled={busy !== null || creative.scenes.length === 0}>
            {busy === "render" ? <Loader2 className="animate-spin" aria-hidden /> : <Clapperboard aria-hidden />} Render video
            {quote ? (
              <span className="tabular-nums opacity-80" data-testid="render-price">
                · {quote.credits} credits
              </span>
            ) : null}
          </Button>
        </div>
      </div>

      {renderError ? (
        <Alert variant="destructive" role="alert">
          <AlertTriangle aria-hidden />
          <AlertTitle>The video cannot be rendered yet</AlertTitle>
          <AlertDescription className="grid gap-2">
            <p className="break-words">{creatorWords(renderError, creative)}</p>
            {errorAt && creative.scenes[errorAt.scene] ? (
              <Button
                size="sm"
                variant="outline"
                className="w-fit"
                onClick={() => {
                  setSceneIndex(errorAt.scene);
                  setTrackIndex(errorAt.track ?? null);
                  if (errorAt.track != null) setTab("track");
                }}
              >
                Go to scene {errorAt.scene + 1}
                {errorAt.track != null ? `, track ${errorAt.track + 1}` : ""}
              </Button>
            ) : null}
          </AlertDescription>
        </Alert>
      ) : null}

      {template ? (
        <Card aria-label="Saved template" className="py-4">
          <CardContent className="grid gap-2 text-sm">
            <p>
              Template <strong>{template.name}</strong> saved. Render it with new values by POSTing{" "}
              <code className="font-mono">{"{ templateJobId, dynamicVariables }"}</code> to{" "}
              <code className="font-mono">/api/v1/video-generation-jobs/template-jobs</code>.
            </p>
            <div className="flex flex-wrap items-center gap-2">
              <span className="text-muted-foreground">Template job id</span>
              <code className="rounded bg-muted px-2 py-1 font-mono text-xs break-all" data-testid="template-id">
                {template.id}
              </code>
              <CopyButton text={template.id} label="Copy template id" />
            </div>
          </CardContent>
        </Card>
      ) : null}

      {renderJob ? <RenderStatus key={renderJob.jobId} {...renderJob} onDismiss={() => setRenderJob(null)} /> : null}

      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[13rem_minmax(0,1fr)] xl:grid-cols-[13rem_minmax(0,1fr)_20rem]">
        <SceneList
          resolveMedia={resolveMedia}
          scenes={creative.scenes}
          settings={creative.settings}
          characters={characters}
          variables={values}
          selected={sceneIndex}
          onSelect={selectScene}
          onAdd={addScene}
          onDuplicate={duplicateScene}
          onDelete={deleteScene}
          onMove={moveScene}
        />

        <div className="grid min-w-0 grid-cols-[minmax(0,1fr)] content-start gap-4">
          {scene ? (
            <>
              <ScenePreview
                scene={scene}
                settings={creative.settings}
                characters={characters}
                variables={values}
                selectedKey={track?.key}
                resolveMedia={resolveMedia}
                onSelect={(key) => {
                  setTrackIndex(scene.tracks.findIndex((t) => t.key === key));
                  setTab("track");
                }}
                onArrange={(key, patch) => updateScene(sceneIndex, (s) => ({ ...s, tracks: s.tracks.map((t) => (t.key === key ? { ...t, ...patch } : t)) }))}
              />
              <p className="-mt-2 text-center text-xs text-muted-foreground">Drag a layer to move it; drag the selected one&apos;s corner to resize it.</p>
              <FieldErrors value={sceneErrors}>
                <ScenePanel
                  key={scene.key}
                  scene={scene}
                  index={sceneIndex}
                  characters={characters}
                  selectedTrack={trackIndex}
                  onChange={(patch) => updateScene(sceneIndex, (s) => ({ ...s, ...patch }))}
                  onSelectTrack={(i) => {
                    setTrackIndex(i);
                    setTab("track");
                  }}
                  onAddTrack={addTrack}
                  onMoveTrack={moveTrack}
                  onDeleteTrack={deleteTrack}
                />
              </FieldErrors>
            </>
          ) : (
            <div className="flex flex-col items-center gap-3 rounded-xl border border-dashed px-6 py-14 text-center">
              <h2 className="text-lg font-medium">No scene selected</h2>
              <p className="max-w-sm text-sm text-muted-foreground">
                A video is a list of scenes; each scene stacks tracks: an actor, text, images, video, audio.
              </p>
              <Button onClick={addScene}>
                <Plus aria-hidden /> Add scene
              </Button>
            </div>
          )}
        </div>

        <Tabs value={tab} onValueChange={(v) => setTab(v as SideTab)} className="min-w-0 lg:col-span-2 xl:col-span-1">
          <TabsList className="w-full">
            <TabsTrigger value="track">Track</TabsTrigger>
            <TabsTrigger value="settings">Settings</TabsTrigger>
            <TabsTrigger value="variables">
              Variables{variableNames.length ? <span className="text-xs text-muted-foreground tabular-nums">({variableNames.length})</span> : null}
            </TabsTrigger>
          </TabsList>
          <TabsContent value="track" className="pt-2">
            <FieldErrors value={trackErrors}>
              <TrackForm
                key={track?.key ?? "none"}
                track={track}
                onChange={patchTrack}
                characters={characters}
                voices={voices}
                videoSize={creative.settings.videoSize}
                referenceIds={scene ? referenceIds(scene) : []}
              />
            </FieldErrors>
          </TabsContent>
          <TabsContent value="settings" className="pt-2">
            <SettingsPanel settings={creative.settings} onChange={(patch) => setCreative((c) => ({ ...c, settings: { ...c.settings, ...patch } }))} />
          </TabsContent>
          <TabsContent value="variables" className="pt-2">
            <VariablesPanel names={variableNames} values={values} onChange={(n, v) => setValues((vs) => ({ ...vs, [n]: v }))} />
          </TabsContent>
        </Tabs>
      </div>
    </div>
  );
}
