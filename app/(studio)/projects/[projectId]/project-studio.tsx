"use client";

import { useQueryClient } from "@tanstack/react-query";
import { AlertTriangle } from "lucide-react";
import { useRouter } from "next/navigation";
import { useRef } from "react";
import { toast } from "sonner";
import { ShortcutsDialog } from "@/components/studio/shortcuts-dialog";
import { StatusBadge } from "@/components/studio/status-badge";
import { projectKeys, useProject } from "@/lib/hooks/use-project";
import type { ProjectView } from "@/lib/projects/view";
import { cn } from "@/lib/utils";
import { MusicPicker, type LibrarySound } from "@/components/studio/music-picker";
import { BUILTIN_MUSIC } from "@/lib/media/music-catalog";
import { approveProjectAction, regenerateSceneAction, reorderScenesAction, setMusicAction, updateSceneAction, upscaleProjectAction } from "../actions";
import { ApproveDialog } from "./approve-dialog";
import { CaptionsPanel } from "./captions-panel";
import { FinalVideo } from "./final-video";
import { RegenerateDialog, type RegenerateRequest } from "./regenerate-dialog";
import { RunProgress } from "./run-progress";
import { SceneCard, type SceneFields } from "./scene-card";
import { ProjectActions } from "./project-actions";
import { ProjectTitle } from "./project-title";
import { focusSceneCard, onStoryboardKey, projectShortcuts, useApproveKey } from "./storyboard-keys";
import { useSceneListEdits } from "./use-scene-list-edits";
import { WebhookDeliveries } from "./webhook-deliveries";

/** What a story's music is called, for the page. */
function musicName(music: string | null, sounds: LibrarySound[]): string {
  if (!music) return "No music";
  const builtin = BUILTIN_MUSIC.find((t) => music === `builtin:music/${t.id}`);
  return builtin?.name ?? sounds.find((s) => music === `media:${s.id}`)?.name ?? "A library sound";
}

export function ProjectStudio({ initial, balance, sounds }: { initial: ProjectView; balance: number; sounds: LibrarySound[] }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const { data: project = initial, error } = useProject(initial.id, initial);
  // A duplicate starts in draft: reviewed and approved like a proposal.
  const editable = project.status === "proposed" || project.status === "draft";
  const running = project.status === "generating";
  const refresh = () => queryClient.invalidateQueries({ queryKey: projectKeys.detail(project.id) });
  const sceneList = useSceneListEdits(project.id, refresh);
  const sceneCount = project.scenes.length;

  async function saveScene(sceneId: number, patch: Partial<SceneFields>, opts: { undo?: boolean } = {}) {
    const before = project.scenes.find((s) => s.id === sceneId)!;
    const res = await updateSceneAction({ projectId: project.id, sceneId, patch });
    if (!res.ok) {
      toast.error(res.error);
      return false;
    }
    await refresh();
    if (!opts.undo) {
      const previous = Object.fromEntries(Object.keys(patch).map((k) => [k, before[k as keyof SceneFields]]));
      toast.success(`Scene ${before.sceneNumber} saved`, {
        action: { label: "Undo", onClick: () => void saveScene(sceneId, previous, { undo: true }) },
      });
    }
    return true;
  }

  async function setMusic(value: string) {
    const res = await setMusicAction({ projectId: project.id, music: value || null });
    if (!res.ok) return void toast.error(res.error);
    await refresh();
    toast.success(value ? `Music: ${musicName(value, sounds)}` : "No music under this story");
  }

  async function moveScene(index: number, direction: -1 | 1) {
    const ids = project.scenes.map((s) => s.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + direction, 0, moved);
    const res = await reorderScenesAction({ projectId: project.id, sceneIds: ids });
    if (!res.ok) return void toast.error(res.error);
    await refresh();
    focusSceneCard(moved);
  }

  async function approve(retry: boolean) {
    const res = await approveProjectAction({ projectId: project.id, confirmCredits: true, retry });
    if (!res.ok) {
      toast.error(res.error);
      return false;
    }
    toast.success(`Generation started: ${res.data.credits} credits reserved`);
    await refresh();
    router.refresh();
    return true;
  }

  async function regenerate(sceneNumber: number, input: RegenerateRequest) {
    const res = await regenerateSceneAction({ projectId: project.id, sceneNumber, input });
    if (!res.ok) {
      toast.error(res.error);
      return false;
    }
    toast.success(`Regenerating scene ${sceneNumber}: ${res.data.credits} credits reserved`);
    await refresh();
    router.refresh();
    return true;
  }

  async function upscale() {
    const res = await upscaleProjectAction({ projectId: project.id });
    if (!res.ok) {
      toast.error(res.error);
      return false;
    }
    toast.success("Upscaling started");
    await refresh();
    return true;
  }

  const regenerating = project.regenerateSceneId ? project.scenes.find((s) => s.id === project.regenerateSceneId) : undefined;
  const completed = project.status === "completed";
  const approvable = editable || project.status === "failed";
  const approveBar = useRef<HTMLDivElement>(null);
  useApproveKey(approveBar, approvable);
  const reburning = project.recaptionSceneNumbers;
  const runLabel = regenerating
    ? `Regenerating scene ${regenerating.sceneNumber}`
    : reburning.length
      ? `Re-burning captions: scene${reburning.length > 1 ? "s" : ""} ${reburning.join(", ")}`
      : undefined;

  return (
    <div className={cn("grid gap-6", approvable && "pb-24 sm:pb-0")}>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <StatusBadge status={project.status} />
            <span className="text-sm text-muted-foreground" data-testid="project-estimate">
              {project.characterName ?? "No character"} · {sceneCount} scenes ·{" "}
              {project.creditsUsed > 0 ? `${project.creditsUsed} credits used` : `${project.cost.totalCredits} credits`}
            </span>
          </div>
          <ProjectTitle projectId={project.id} title={project.title} onRenamed={async () => (await refresh(), router.refresh())} />
          {project.storyIdea.trim() !== project.title ? <p className="max-w-3xl text-sm break-words text-muted-foreground">{project.storyIdea}</p> : null}
          <ProjectActions project={project} generating={running || project.upscaleStatus === "upscaling"} />
          {editable ? (
            <div className="grid max-w-md gap-1 pt-1">
              <label htmlFor="project-music" className="text-sm font-medium">
                Music
              </label>
              <MusicPicker id="project-music" value={project.music ?? ""} onChange={(v) => void setMusic(v)} sounds={sounds} />
            </div>
          ) : (
            <p className="text-sm text-muted-foreground" data-testid="project-music">
              Music: {musicName(project.music, sounds)}
            </p>
          )}
        </div>
        {/* On a phone the approve button stays at hand at the bottom; with nothing to approve there is no bar to hide the page under. */}
        {approvable ? (
          <div
            ref={approveBar}
            className="fixed inset-x-0 bottom-0 z-20 border-t bg-background/95 p-3 backdrop-blur sm:static sm:border-0 sm:bg-transparent sm:p-0"
          >
            {editable ? <ApproveDialog cost={project.cost} balance={balance} onConfirm={() => approve(false)} /> : null}
            {project.status === "failed" ? <ApproveDialog cost={project.cost} balance={balance} retry onConfirm={() => approve(true)} /> : null}
          </div>
        ) : null}
      </div>

      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error.message}
        </p>
      ) : null}

      {running ? <RunProgress taskId={project.taskId} initial={{ progress: project.progress, step: project.currentStep }} label={runLabel} /> : null}

      {project.status === "failed" ? (
        <div role="alert" className="flex items-start gap-3 rounded-lg border border-destructive/40 bg-destructive/5 p-4 text-sm">
          <AlertTriangle className="mt-0.5 size-4 shrink-0 text-destructive" />
          <div>
            <p className="font-medium text-destructive">Generation failed; your credits were refunded.</p>
            <p className="text-muted-foreground">{project.errorMessage}</p>
          </div>
        </div>
      ) : null}

      {completed && project.finalVideoUrl ? <FinalVideo project={project} onUpscale={upscale} /> : null}
      {(completed || running) && project.captions.length > 0 ? <CaptionsPanel project={project} onSaved={refresh} /> : null}

      <section aria-labelledby="storyboard">
        <div className="mb-3 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
          <h2 id="storyboard" className="text-lg font-semibold">
            Storyboard
          </h2>
          {editable ? <p className="text-sm text-muted-foreground">Review each scene; edit anything before you approve.</p> : null}
          {completed ? <p className="text-sm text-muted-foreground">Not happy with a scene? Regenerate it alone.</p> : null}
          <ShortcutsDialog groups={projectShortcuts({ editable, approvable, captions: completed && project.captions.length > 0 })} />
        </div>
        <ol className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3" onKeyDown={onStoryboardKey}>
          {project.scenes.map((scene, i) => (
            <li key={scene.id}>
              <SceneCard
                scene={scene}
                shape={project.aspectRatio}
                editable={editable}
                showSteps={project.status !== "proposed"}
                isFirst={i === 0}
                isLast={i === project.scenes.length - 1}
                onSave={(patch) => saveScene(scene.id, patch)}
                onMove={(d) => void moveScene(i, d)}
                onAddAfter={sceneCount < 10 ? () => sceneList.addAfter(scene) : undefined}
                onRemove={sceneCount > 2 ? () => sceneList.remove(scene) : undefined}
                highlighted={scene.id === regenerating?.id}
                actions={
                  completed ? (
                    <RegenerateDialog
                      scene={scene}
                      credits={project.cost.scenes.find((c) => c.sceneNumber === scene.sceneNumber)?.credits ?? 0}
                      balance={balance}
                      onConfirm={(req) => regenerate(scene.sceneNumber, req)}
                    />
                  ) : null
                }
              />
            </li>
          ))}
        </ol>
      </section>
      {project.status !== "proposed" && project.status !== "draft" ? <WebhookDeliveries projectId={project.id} /> : null}
    </div>
  );
}
