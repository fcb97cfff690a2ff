"use client";

import { AlertTriangle, ExternalLink, Loader2, X } from "lucide-react";
import { StatusBadge } from "@/components/studio/status-badge";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { useTask } from "@/lib/hooks/use-task";
import { useGeneratedVideo } from "@/lib/hooks/use-video-job";
import { CopyButton } from "./api-dialogs";

const badge: Record<string, string> = { queued: "queued", running: "generating", succeeded: "completed", failed: "failed", canceled: "failed" };

/** Live progress of a render (its task), then the finished video. */
export function RenderStatus({ jobId, taskId, videoId, onDismiss }: { jobId: string; taskId: string; videoId: string; onDismiss: () => void }) {
  const { data: task, error } = useTask(taskId);
  const finished = task?.status === "succeeded";
  const failed = task?.status === "failed" || task?.status === "canceled";
  const { data: video, error: videoError } = useGeneratedVideo(finished ? videoId : null);
  const pct = task?.progress ?? 0;

  return (
    <Card aria-label="Render" aria-live="polite" className="gap-3">
      <CardHeader className="flex flex-row items-center justify-between gap-2">
        <CardTitle className="flex min-w-0 items-center gap-2 text-base">
          {task ? <StatusBadge status={badge[task.status] ?? task.status} /> : <Loader2 className="size-4 animate-spin" aria-hidden />}
          <span className="truncate">{video?.name ?? (finished ? "Render finished" : "Rendering")}</span>
        </CardTitle>
        <Button size="icon" variant="ghost" className="size-8" aria-label="Dismiss render" onClick={onDismiss}>
          <X aria-hidden />
        </Button>
      </CardHeader>
      <CardContent className="grid gap-3">
        {error ? (
          <Alert variant="destructive">
            <AlertTriangle aria-hidden />
            <AlertTitle>Could not follow the render</AlertTitle>
            <AlertDescription>{error.message}</AlertDescription>
          </Alert>
        ) : null}
        {task && !finished && !failed ? (
          <div className="grid gap-1">
            <Progress value={pct} aria-label="Render progress" />
            <p className="text-xs text-muted-foreground tabular-nums">{task.status === "queued" ? "Waiting for a render slot…" : `Rendering… ${pct}%`}</p>
          </div>
        ) : null}
        {failed ? (
          <Alert variant="destructive" role="alert">
            <AlertTriangle aria-hidden />
            <AlertTitle>Render failed</AlertTitle>
            <AlertDescription>{task.error ?? "The render failed."} Your credits were refunded.</AlertDescription>
          </Alert>
        ) : null}
        {finished && !video && !videoError ? <p className="text-sm text-muted-foreground">Loading the video…</p> : null}
        {videoError ? <p className="text-sm text-destructive">{videoError.message}</p> : null}
        {video ? (
          <div className="grid gap-2">
            <video
              controls
              playsInline
              src={video.publicUrl}
              poster={video.thumbnailUrl ?? undefined}
              className="max-h-[60vh] w-full rounded-md bg-black"
              aria-label="Rendered video"
            />
            <div className="flex flex-wrap items-center gap-2">
              <Button asChild size="sm" variant="outline">
                <a href={video.shareUrl} target="_blank" rel="noreferrer">
                  <ExternalLink aria-hidden /> Open share page
                </a>
              </Button>
              <CopyButton text={video.shareUrl} label="Copy share link" />
              <span className="text-xs text-muted-foreground">{video.videoDurationSeconds}s</span>
            </div>
          </div>
        ) : null}
        <p className="text-xs text-muted-foreground">
          Job id <code className="font-mono">{jobId}</code>
        </p>
      </CardContent>
    </Card>
  );
}
