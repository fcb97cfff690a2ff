"use client";

import { AlertTriangle } from "lucide-react";
import type { ReactNode } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Progress } from "@/components/ui/progress";
import { useTask } from "@/lib/hooks/use-task";
import { useGeneratedVideo } from "@/lib/hooks/use-video-job";

/** A task's status as the status badge words it. */
export const renderBadge: Record<string, string> = { queued: "queued", running: "generating", succeeded: "completed", failed: "failed", canceled: "failed" };

/** A render followed live: its task, and once it succeeded, its finished video. */
export function useRenderOutcome(taskId: string, videoId: string) {
  const { data: task, error } = useTask(taskId);
  const finished = task?.status === "succeeded";
  const failed = task?.status === "failed" || task?.status === "canceled";
  const { data: video, error: videoError } = useGeneratedVideo(finished ? videoId : null);
  return { task, error, finished, failed, video, videoError, pct: task?.progress ?? 0 };
}

export type RenderOutcome = ReturnType<typeof useRenderOutcome>;

/**
 * The body every render panel shares: the progress bar (`progressText` under it; null hides it),
 * the failure with its refund, then the video and the caller's `actions` beside it.
 */
export function RenderOutcomeBody({
  outcome,
  progressText,
  videoClassName,
  actions,
}: {
  outcome: RenderOutcome;
  progressText: string | null;
  videoClassName: string;
  actions: (video: NonNullable<RenderOutcome["video"]>) => ReactNode;
}) {
  const { task, finished, failed, video, videoError, pct } = outcome;
  return (
    <>
      {progressText !== null && !finished && !failed ? (
        <div className="grid gap-1">
          <Progress value={pct} aria-label="Render progress" />
          <p className="text-xs text-muted-foreground tabular-nums">{progressText}</p>
        </div>
      ) : null}
      {failed ? (
        <Alert variant="destructive" role="alert">
          <AlertTriangle aria-hidden />
          <AlertTitle>Render failed</AlertTitle>
          <AlertDescription>{task?.error ?? "The render failed."} Your credits were refunded.</AlertDescription>
        </Alert>
      ) : null}
      {finished && !video && !videoError ? <p className="text-sm text-muted-foreground">Loading the video…</p> : null}
      {videoError ? <p className="text-sm text-destructive">{videoError.message}</p> : null}
      {video ? (
        <div className="grid gap-2">
          <video controls playsInline src={video.publicUrl} poster={video.thumbnailUrl ?? undefined} className={videoClassName} aria-label="Rendered video" />
          {actions(video)}
        </div>
      ) : null}
    </>
  );
}
