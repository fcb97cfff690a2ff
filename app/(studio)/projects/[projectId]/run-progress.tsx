"use client";

import { Loader2 } from "lucide-react";
import { Card, CardContent } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { useTask } from "@/lib/hooks/use-task";

const stepLabels: Record<string, string> = {
  queued: "Waiting for a worker",
  generating_scenes: "Starting scenes",
  generating_images: "Painting frames",
  generating_narration: "Recording narration",
  generating_scene_videos: "Animating camera moves",
  stitching: "Stitching the final video",
  completed: "Done",
  failed: "Failed",
};

/** The live progress of a project's run, read from its task. */
export function RunProgress({ taskId, initial, label }: { taskId: string | null; initial: { progress: number; step: string | null }; label?: string }) {
  const { data: task } = useTask(taskId);
  const progress = task?.progress ?? initial.progress;
  const step = task?.step ?? initial.step;
  return (
    <Card aria-live="polite">
      <CardContent className="grid gap-2">
        <div className="flex items-center justify-between text-sm">
          <span className="flex items-center gap-2 font-medium">
            <Loader2 className="size-4 animate-spin text-primary" />
            {label ? `${label} · ` : ""}
            {stepLabels[step ?? ""] ?? "Working"}
          </span>
          <span className="tabular-nums" data-testid="project-progress">
            {progress}%
          </span>
        </div>
        <Progress value={progress} aria-label="Generation progress" />
        <p className="text-xs text-muted-foreground">You can leave this page: generation continues on the server.</p>
      </CardContent>
    </Card>
  );
}
