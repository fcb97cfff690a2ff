"use client";

import { AlertTriangle, ExternalLink, Film, X } from "lucide-react";
import Link from "next/link";
import { StatusBadge } from "@/components/studio/status-badge";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Progress } from "@/components/ui/progress";
import { useTask } from "@/lib/hooks/use-task";
import { useGeneratedVideo } from "@/lib/hooks/use-video-job";
import type { StartedRender } from "./render-panel";

const badge: Record<string, string> = { queued: "queued", running: "generating", succeeded: "completed", failed: "failed", canceled: "failed" };

/** A render's live progress (its task), then the finished video with links to it. */
export function RenderProgress({ render, onDismiss }: { render: StartedRender; onDismiss: () => void }) {
  const { data: task, error } = useTask(render.taskId);
  const finished = task?.status === "succeeded";
  const failed = task?.status === "failed" || task?.status === "canceled";
  const { data: video, error: videoError } = useGeneratedVideo(finished ? render.videoId : null);
  const pct = task?.progress ?? 0;
  return (
    <section aria-label="Render progress" aria-live="polite" className="grid gap-3 rounded-lg border p-3">
      <div className="flex items-center justify-between gap-2">
        <div className="flex min-w-0 items-center gap-2 text-sm font-medium">
          <StatusBadge status={task ? (badge[task.status] ?? task.status) : "queued"} />
          <span className="truncate">{finished ? "Your video is ready" : failed ? "The render stopped" : "Rendering your video"}</span>
        </div>
        <Button size="icon" variant="ghost" className="size-7" aria-label="Dismiss render" onClick={onDismiss}>
          <X aria-hidden />
        </Button>
      </div>
      {error ? <p className="text-sm text-destructive">Could not follow the render: {error.message}</p> : null}
      {!finished && !failed ? (
        <div className="grid gap-1">
          <Progress value={pct} aria-label="Render progress" />
          <p className="text-xs text-muted-foreground tabular-nums">
            {!task || task.status === "queued" ? "Waiting for a render slot…" : `${task.step ? `${task.step} · ` : ""}${pct}%`}
          </p>
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
            className="max-h-[70vh] w-full rounded-md bg-black"
            aria-label="Rendered video"
          />
          <div className="flex flex-wrap gap-2">
            <Button asChild size="sm" variant="outline">
              <Link href={`/videos#video-${render.videoId}`}>
                <Film aria-hidden /> See it in Videos
              </Link>
            </Button>
            <Button asChild size="sm" variant="outline">
              <a href={video.shareUrl} target="_blank" rel="noreferrer">
                <ExternalLink aria-hidden /> Share page
              </a>
            </Button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
