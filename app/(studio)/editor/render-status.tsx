"use client";

import { AlertTriangle, ExternalLink, Loader2, X } from "lucide-react";
import { RenderOutcomeBody, renderBadge, useRenderOutcome } from "@/components/studio/render-outcome";
import { StatusBadge } from "@/components/studio/status-badge";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "./api-dialogs";

/** Live progress of a render (its task), then the finished video. */
export function RenderStatus({ jobId, taskId, videoId, onDismiss }: { jobId: string; taskId: string; videoId: string; onDismiss: () => void }) {
  const outcome = useRenderOutcome(taskId, videoId);
  const { task, error, finished, video, pct } = outcome;

  return (
    <Card aria-label="Render" aria-live="polite" className="gap-3">
      <CardHeader className="flex flex-row items-center justify-between gap-2">
        <CardTitle className="flex min-w-0 items-center gap-2 text-base">
          {task ? <StatusBadge status={renderBadge[task.status] ?? task.status} /> : <Loader2 className="size-4 animate-spin" aria-hidden />}
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
        <RenderOutcomeBody
          outcome={outcome}
          progressText={task ? (task.status === "queued" ? "Waiting for a render slot…" : `Rendering… ${pct}%`) : null}
          videoClassName="max-h-[60vh] w-full rounded-md bg-black"
          actions={(video) => (
            <div className="flex flex-wrap items-center gap-2">
              <Button asChild size="sm" variant="outline">
                <a href={video.shareUrl} target="_blank" rel="noreferrer">
                  <ExternalLink aria-hidden /> Open share page
                </a>
              </Button>
              <CopyButton text={video.shareUrl} label="Copy share link" />
              <span className="text-xs text-muted-foreground">{video.videoDurationSeconds}s</span>
            </div>
          )}
        />
        <p className="text-xs text-muted-foreground">
          Job id <code className="font-mono">{jobId}</code>
        </p>
      </CardContent>
    </Card>
  );
}
