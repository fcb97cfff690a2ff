"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Progress } from "@/components/ui/progress";
import { isTaskDone, useTask } from "@/lib/hooks/use-task";
import { generateCaptionsAction } from "./actions";

/** Starts captioning the video and follows its task; the page shows the editor once it is done. */
export function GenerateCaptions({ videoId, taskId: initial }: { videoId: string; taskId: string | null }) {
  const router = useRouter();
  const [taskId, setTaskId] = useState(initial);
  const [pending, start] = useTransition();
  const task = useTask(taskId);
  const done = isTaskDone(task.data);
  useEffect(() => {
    if (done) router.refresh();
  }, [done, router]);
  if (taskId && !done)
    return (
      <div className="w-64 space-y-1 text-sm">
        <Progress value={task.data?.progress ?? 0} aria-label="Captioning progress" />
        <p className="text-muted-foreground">{task.data?.step ?? "queued"}…</p>
      </div>
    );
  return (
    <Button
      disabled={pending}
      onClick={() =>
        start(async () => {
          const r = await generateCaptionsAction({ videoId });
          if (r.ok) setTaskId(r.data.taskId);
          else toast.error(r.error);
        })
      }
    >
      Generate captions
    </Button>
  );
}
