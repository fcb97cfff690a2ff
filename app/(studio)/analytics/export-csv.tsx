"use client";

import { Download, Loader2 } from "lucide-react";
import { useEffect, useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import type { PublishPlatform } from "@/db/schema/social";
import { isTaskDone, useTask } from "@/lib/hooks/use-task";
import type { DayRange } from "@/lib/social/analytics-report";
import { exportAnalyticsAction } from "./actions";

/** Runs the export task for what the page shows and downloads the CSV when it is written. */
export function ExportCsv({ range, platform }: { range: DayRange; platform: PublishPlatform | null }) {
  const [taskId, setTaskId] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const { data: task } = useTask(taskId);
  const busy = pending || (!!taskId && !isTaskDone(task));

  // Once per finished export: download the file, or say why there is none.
  const status = task && isTaskDone(task) ? task.status : null;
  const url = typeof task?.result?.downloadUrl === "string" ? task.result.downloadUrl : null;
  const error = task?.error ?? null;
  const handled = useRef<string | null>(null);
  useEffect(() => {
    if (!status || handled.current === taskId) return;
    handled.current = taskId;
    if (status !== "succeeded" || !url) return void toast.error(error ?? "The export failed");
    const a = document.createElement("a");
    a.href = url;
    a.download = "";
    a.click();
  }, [status, url, error, taskId]);

  const run = () =>
    start(async () => {
      const res = await exportAnalyticsAction({ range, platform: platform ?? undefined });
      if (!res.ok) return void toast.error(res.error);
      setTaskId(res.data.taskId);
    });

  return (
    <Button onClick={run} disabled={busy} variant="outline">
      {busy ? <Loader2 className="size-4 animate-spin" aria-hidden /> : <Download className="size-4" aria-hidden />}
      Export CSV
    </Button>
  );
}
