"use client";

import { ExternalLink, Film, X } from "lucide-react";
import Link from "next/link";
import { RenderOutcomeBody, renderBadge, useRenderOutcome } from "@/components/studio/render-outcome";
import { StatusBadge } from "@/components/studio/status-badge";
import { Button } from "@/components/ui/button";
import type { StartedRender } from "./render-panel";

/** A render's live progress (its task), then the finished video with links to it. */
export function RenderProgress({ render, onDismiss }: { render: StartedRender; onDismiss: () => void }) {
  const outcome = useRenderOutcome(render.taskId, render.videoId);
  const { task, error, finished, failed, pct } = outcome;
  return (
    <section aria-label="Render progress" aria-live="polite" className="grid gap-3 rounded-lg border p-3">
      <div className="flex items-center justify-between gap-2">
        <div className="flex min-w-0 items-center gap-2 text-sm font-medium">
          <StatusBadge status={task ? (renderBadge[task.status] ?? task.status) : "queued"} />
          <span className="truncate">{finished ? "Your video is ready" : failed ? "The render stopped" : "Rendering your video"}</span>
        </div>
        <Button size="icon" variant="ghost" className="size-7" aria-label="Dismiss render" onClick={onDismiss}>
          <X aria-hidden />
        </Button>
      </div>
      {error ? <p className="text-sm text-destructive">Could not follow the render: {error.message}</p> : null}
      <RenderOutcomeBody
        outcome={outcome}
        progressText={!task || task.status === "queued" ? "Waiting for a render slot…" : `${task.step ? `${task.step} · ` : ""}${pct}%`}
        videoClassName="max-h-[70vh] w-full rounded-md bg-black"
        actions={(video) => (
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
        )}
      />
    </section>
  );
}
