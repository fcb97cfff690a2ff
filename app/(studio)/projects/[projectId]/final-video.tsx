"use client";

import { AlertTriangle, Download, Loader2, Maximize2 } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { formatDuration } from "@/lib/format";
import { useTask } from "@/lib/hooks/use-task";
import type { ProjectView } from "@/lib/projects/view";
import { SaveTemplateButton } from "./save-template-button";

/** The finished video: player, captions, downloads of the original and the upscaled cut, and the free 2x upscale. */
export function FinalVideo({ project, onUpscale }: { project: ProjectView; onUpscale: () => Promise<boolean> }) {
  const [busy, setBusy] = useState(false);
  const [showUpscaled, setShowUpscaled] = useState(false);
  const upscaled = project.upscaleStatus === "completed" ? project.upscaledVideoUrl : null;
  const src = showUpscaled && upscaled ? upscaled : project.finalVideoUrl!;

  async function upscale() {
    setBusy(true);
    await onUpscale();
    setBusy(false);
  }

  return (
    <Card className="overflow-hidden pt-0">
      <video
        key={src}
        data-testid="final-video"
        controls
        playsInline
        preload="metadata"
        poster={project.thumbnailUrl ?? undefined}
        className={project.aspectRatio === "16:9" ? "aspect-video w-full bg-black" : "mx-auto aspect-[4/3] w-full bg-black object-contain sm:aspect-video"}
        src={src}
      >
        {project.captionsUrl ? <track kind="captions" src={project.captionsUrl} srcLang="en" label="English" /> : null}
      </video>
      <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
        <CardTitle className="text-base">
          Final video · {formatDuration(project.totalDurationMs)} · {project.creditsUsed} credits used
        </CardTitle>
        <div className="flex flex-wrap gap-2">
          <SaveTemplateButton projectId={project.id} />
          <Button asChild variant="outline" size="sm">
            <a href={project.finalVideoDownloadUrl ?? project.finalVideoUrl ?? undefined} download>
              <Download className="size-4" /> Download MP4
            </a>
          </Button>
          {upscaled ? (
            <Button asChild variant="outline" size="sm">
              <a href={project.upscaledVideoDownloadUrl ?? upscaled} download data-testid="download-upscaled">
                <Download className="size-4" /> Download upscaled (2x)
              </a>
            </Button>
          ) : null}
        </div>
      </CardHeader>
      <CardContent className="grid gap-2 border-t pt-4 text-sm">
        {project.upscaleStatus === "upscaling" ? (
          <UpscaleProgress taskId={project.upscaleTaskId} />
        ) : upscaled ? (
          <label className="flex items-center gap-2" data-testid="upscale-status">
            <input type="checkbox" className="size-4 accent-primary" checked={showUpscaled} onChange={(e) => setShowUpscaled(e.target.checked)} />
            Play the upscaled version
            {project.upscaleNote ? <span className="text-xs text-muted-foreground">({project.upscaleNote})</span> : null}
          </label>
        ) : (
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="text-muted-foreground">Upscale to twice the width and height (lanczos + sharpen). Free; the original stays.</p>
            <Button size="sm" variant="secondary" onClick={() => void upscale()} disabled={busy}>
              {busy ? <Loader2 className="size-4 animate-spin" /> : <Maximize2 className="size-4" />} Upscale 2x · free
            </Button>
          </div>
        )}
        {project.upscaleStatus === "failed" ? (
          <p role="alert" className="flex items-center gap-2 text-destructive">
            <AlertTriangle className="size-4" /> {project.upscaleError ?? "Upscaling failed"}. You can try again.
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}

/** The running upscale's progress, read from its task. */
function UpscaleProgress({ taskId }: { taskId: string | null }) {
  const { data: task } = useTask(taskId);
  const progress = task?.progress ?? 0;
  return (
    <div className="grid gap-1.5" aria-live="polite" data-testid="upscale-status">
      <p className="flex items-center gap-2">
        <Loader2 className="size-4 animate-spin text-primary" /> Upscaling to twice the size… <span className="tabular-nums">{progress}%</span>
      </p>
      <Progress value={progress} aria-label="Upscale progress" className="h-1.5" />
    </div>
  );
}
