"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { CircleAlert, CircleCheck, Info, Loader2, Wand2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Progress } from "@/components/ui/progress";
import type { PublishPlatform } from "@/db/schema/social";
import { fetchJson } from "@/lib/hooks/fetch-json";
import type { TaskView } from "@/lib/tasks/view";
import type { PreflightProblem } from "@/lib/social/posts";
import { platformNames } from "@/lib/social/preflight";
import { cn } from "@/lib/utils";
import { conformVideoAction } from "./actions";

type Check = UseQueryResult<{ problems: PreflightProblem[]; warnings: string[] }>;

/**
 * The pre-flight check's answer: each problem by platform (scheduling waits until there are
 * none), and what to do before the post's time. A video that breaks a platform's limits gets a
 * one-click copy that fits, followed live and then chosen in the form.
 */
export function PreflightPanel({ check, videoId, onVideo }: { check: Check; videoId: string | null; onVideo: (videoId: string) => void }) {
  const { data, isFetching, error } = check;
  const misfit = videoId ? [...new Set(data?.problems.filter((p) => p.field === "videoId").map((p) => p.platform))] : [];
  return (
    <section aria-label="Check" aria-busy={isFetching} className="grid gap-2 rounded-lg border p-3 text-sm">
      <p className="flex items-center gap-2 font-medium">
        Check {isFetching ? <Loader2 className="size-3.5 animate-spin text-muted-foreground" aria-label="Checking" /> : null}
      </p>
      {error ? <p className="text-destructive">{error.message}</p> : null}
      {!data && !error ? <p className="text-muted-foreground">Choose a character and where to publish.</p> : null}
      {data?.problems.length ? (
        <ul className={cn("grid gap-1.5", isFetching && "opacity-60")} aria-label="Problems">
          {data.problems.map((p, i) => (
            <li key={i} className="flex items-start gap-1.5 text-destructive">
              <CircleAlert className="mt-0.5 size-3.5 shrink-0" aria-hidden />
              <span>
                <span className="font-medium">{p.platform === "channel" ? "Your channel" : platformNames[p.platform]}:</span> {p.message}
              </span>
            </li>
          ))}
        </ul>
      ) : data ? (
        <p className={cn("flex items-center gap-1.5 text-emerald-700 dark:text-emerald-400", isFetching && "opacity-60")}>
          <CircleCheck className="size-3.5" aria-hidden /> Fits every platform chosen
        </p>
      ) : null}
      {videoId && misfit.length > 0 ? <ConformButtons videoId={videoId} platforms={misfit} onVideo={onVideo} /> : null}
      {data?.warnings.map((w) => (
        <p key={w} className={cn("flex items-start gap-1.5 text-muted-foreground", isFetching && "opacity-60")}>
          <Info className="mt-0.5 size-3.5 shrink-0" aria-hidden /> {w}
        </p>
      ))}
    </section>
  );
}

/** "Make a copy that fits TikTok": re-renders the video within the platform's limits, follows the task, then picks the copy. */
function ConformButtons({ videoId, platforms, onVideo }: { videoId: string; platforms: PublishPlatform[]; onVideo: (videoId: string) => void }) {
  const router = useRouter();
  const [running, setRunning] = useState<{ platform: PublishPlatform; progress: number } | null>(null);
  const [pending, start] = useTransition();

  const make = (platform: PublishPlatform) =>
    start(async () => {
      const res = await conformVideoAction({ videoId, platform });
      if (!res.ok) return void toast.error(res.error);
      setRunning({ platform, progress: 0 });
      try {
        for (;;) {
          const task = await fetchJson<TaskView>(`/api/tasks/${res.data.taskId}`, "task");
          setRunning({ platform, progress: task.progress });
          if (task.status === "succeeded") {
            router.refresh();
            onVideo(task.result?.videoId as string);
            toast.success(`A copy that fits ${platformNames[platform]} is ready and chosen`);
            return;
          }
          if (task.status === "failed" || task.status === "canceled") return void toast.error(task.error ?? "The copy could not be made");
          await new Promise((r) => setTimeout(r, 1000));
        }
      } finally {
        setRunning(null);
      }
    });

  if (running)
    return (
      <div className="grid gap-1.5" aria-live="polite">
        <p className="text-muted-foreground">
          Making a copy that fits {platformNames[running.platform]}… {running.progress}%
        </p>
        <Progress value={running.progress} aria-label="Copy progress" />
      </div>
    );
  return (
    <div className="flex flex-wrap gap-2">
      {platforms.map((platform) => (
        <Button key={platform} type="button" size="sm" variant="outline" disabled={pending} onClick={() => make(platform)}>
          <Wand2 aria-hidden /> Make a copy that fits {platform === "channel" ? "your channel" : platformNames[platform]}
        </Button>
      ))}
    </div>
  );
}
