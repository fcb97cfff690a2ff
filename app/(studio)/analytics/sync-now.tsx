"use client";

import { Loader2, RefreshCw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Progress } from "@/components/ui/progress";
import { isTaskDone, useTask } from "@/lib/hooks/use-task";
import { syncAnalyticsAction } from "./actions";

const ago = (iso: string) => {
  const min = Math.round((Date.now() - Date.parse(iso)) / 60_000);
  if (min < 1) return "just now";
  if (min < 60) return `${min} min ago`;
  const h = Math.round(min / 60);
  return h < 48 ? `${h} h ago` : `${Math.round(h / 24)} days ago`;
};

/** "Sync now" with the sync's live progress; a sync already running when the page opened is followed too. */
export function SyncNow({ openTaskId, lastSyncedAt }: { openTaskId: string | null; lastSyncedAt: string | null }) {
  const router = useRouter();
  const [taskId, setTaskId] = useState(openTaskId);
  const [pending, start] = useTransition();
  const { data: task } = useTask(taskId);
  const running = !!taskId && !isTaskDone(task);

  // Once per finished sync: say so, and read the page's numbers again.
  const status = task && isTaskDone(task) ? task.status : null;
  const error = task?.error ?? null;
  const handled = useRef<string | null>(null);
  useEffect(() => {
    // Navigating (a filter, a post) re-renders with the same finished task: said once.
    if (!status || handled.current === taskId) return;
    handled.current = taskId;
    if (status === "succeeded") toast.success("Analytics synced");
    else toast.error(error ?? "The sync failed");
    router.refresh();
  }, [status, error, router, taskId]);

  const sync = () =>
    start(async () => {
      const res = await syncAnalyticsAction({});
      if (!res.ok) return void toast.error(res.error);
      setTaskId(res.data.taskId);
    });

  return (
    <div className="flex min-w-0 flex-col items-stretch gap-1.5 sm:items-end">
      <Button onClick={sync} disabled={pending || running} variant="outline">
        {running || pending ? <Loader2 className="size-4 animate-spin" aria-hidden /> : <RefreshCw className="size-4" aria-hidden />}
        {running ? "Syncing…" : "Sync now"}
      </Button>
      <div role="status" aria-live="polite" className="text-xs text-muted-foreground sm:text-right">
        {running ? (
          <span className="flex items-center gap-2">
            <Progress value={task?.progress ?? 0} className="h-1.5 w-24" aria-label="Sync progress" />
            <span className="truncate">
              {task?.progress ?? 0}% · {task?.step ?? "queued"}
            </span>
          </span>
        ) : lastSyncedAt ? (
          `Synced ${ago(lastSyncedAt)}`
        ) : (
          "Not synced yet"
        )}
      </div>
    </div>
  );
}
