"use client";

import { Download, Loader2 } from "lucide-react";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Progress } from "@/components/ui/progress";
import { formatBytes, formatDate } from "@/lib/format";
import { isTaskDone, useTask } from "@/lib/hooks/use-task";
import type { TaskView } from "@/lib/tasks/view";
import { startAccountExportAction } from "./actions";

/**
 * "Export all my data": starts the export task, shows its progress, then offers the zip.
 * `initialExpired`: the page found the last export's link past its time.
 */
export function AccountExport({ initialTask, initialExpired }: { initialTask: TaskView | null; initialExpired: boolean }) {
  const [taskId, setTaskId] = useState<string | null>(initialTask?.id ?? null);
  const [pending, start] = useTransition();
  const { data } = useTask(taskId);
  const task = data ?? (initialTask?.id === taskId ? initialTask : undefined);
  const busy = pending || (!!taskId && !isTaskDone(task));

  const run = () =>
    start(async () => {
      const res = await startAccountExportAction({});
      if (!res.ok) return void toast.error(res.error);
      setTaskId(res.data.taskId);
    });

  return (
    <div className="grid gap-3">
      <div>
        <Button onClick={run} disabled={busy} variant="outline" className="w-full sm:w-fit">
          {busy ? <Loader2 className="size-4 animate-spin" aria-hidden /> : <Download className="size-4" aria-hidden />}
          Export all my data
        </Button>
      </div>
      {task ? <ExportState task={task} expired={initialExpired && task.id === initialTask?.id} /> : null}
    </div>
  );
}

function ExportState({ task, expired }: { task: TaskView; expired: boolean }) {
  if (!isTaskDone(task)) {
    return (
      <div className="grid gap-1.5 sm:max-w-md" aria-live="polite" data-testid="export-status">
        <p className="text-sm">
          Preparing your export: {task.step === "queued" ? "waiting to start" : task.step}… <span className="tabular-nums">{task.progress}%</span>
        </p>
        <Progress value={task.progress} aria-label="Export progress" className="h-1.5" />
      </div>
    );
  }
  if (task.status !== "succeeded") {
    return (
      <p role="alert" className="text-sm text-destructive">
        {task.error ?? "The export failed"}. Try again.
      </p>
    );
  }
  const url = typeof task.result?.downloadUrl === "string" ? task.result.downloadUrl : null;
  const expiresAt = typeof task.result?.expiresAt === "string" ? task.result.expiresAt : null;
  const size = typeof task.result?.sizeBytes === "number" ? task.result.sizeBytes : null;
  if (!url || expired) {
    return <p className="text-sm text-muted-foreground">Your last export&apos;s link has expired: export again for a new one.</p>;
  }
  return (
    <p className="text-sm" data-testid="export-status">
      <a href={url} download className="font-medium text-primary underline-offset-4 hover:underline">
        Download your data (zip{size !== null ? `, ${formatBytes(size)}` : ""})
      </a>
      {expiresAt ? (
        <span className="text-muted-foreground">
          {" "}
          · the link works until{" "}
          <time dateTime={expiresAt} suppressHydrationWarning>
            {formatDate(expiresAt)}
          </time>
        </span>
      ) : null}
    </p>
  );
}
