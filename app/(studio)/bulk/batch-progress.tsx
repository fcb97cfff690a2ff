"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Clock, Download, Loader2, RotateCcw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useTransition } from "react";
import { toast } from "sonner";
import { StatusBadge } from "@/components/studio/status-badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { bulkBatchKeys, useBulkBatch } from "@/lib/hooks/use-bulk-batch";
import { useTask } from "@/lib/hooks/use-task";
import type { BulkRowViewJson } from "@/lib/bulk/view";
import { retryBulkAction } from "./actions";

const OPEN = new Set(["queued", "running"]);
const statusLabel = (status: string, partial: boolean) =>
  partial ? "Partial" : status === "succeeded" ? "Done" : status === "running" ? "Rendering" : undefined;

/** One reel: playing once done, else its state and progress. */
function ReelCard({ row }: { row: BulkRowViewJson }) {
  const name = `Reel ${row.row}`;
  return (
    <li className="grid content-start gap-2 rounded-lg border p-2" data-status={row.status} aria-label={`Row ${row.row}`}>
      {row.videoUrl ? (
        <video
          controls
          playsInline
          preload="none"
          poster={row.thumbnailUrl ?? undefined}
          src={row.videoUrl}
          className="aspect-[9/16] w-full rounded-md bg-black"
          aria-label={name}
        />
      ) : (
        <div className="flex aspect-[9/16] w-full flex-col items-center justify-center gap-3 rounded-md bg-muted p-3 text-center">
          {row.status === "queued" ? <Clock className="size-6 text-muted-foreground" aria-hidden /> : null}
          {row.status === "running" ? <Loader2 className="size-6 animate-spin text-muted-foreground" aria-hidden /> : null}
          {row.status === "running" ? <Progress value={row.progress} className="h-1.5 w-4/5" aria-label={`${name} progress`} /> : null}
          {row.error ? <p className="line-clamp-6 text-xs break-words text-destructive">{row.error}</p> : null}
        </div>
      )}
      <div className="flex items-center justify-between gap-1">
        <span className="text-xs font-medium tabular-nums">#{row.row}</span>
        <StatusBadge
          status={row.status === "canceled" ? "failed" : row.status}
          label={row.status === "succeeded" ? "Done" : row.status === "running" ? `${row.progress}%` : row.status === "canceled" ? "Failed" : undefined}
        />
      </div>
      <p className="line-clamp-2 text-xs break-words text-muted-foreground" title={row.script}>
        {row.script}
      </p>
      {row.videoUrl ? (
        <Button asChild variant="outline" size="sm">
          <a href={`${row.videoUrl}?download`} download aria-label={`Download reel ${row.row}`}>
            <Download className="size-4" aria-hidden /> Download
          </a>
        </Button>
      ) : null}
    </li>
  );
}

/** A batch's live progress: the batch's task (useTask) for the whole, the batch's rows for the grid. */
export function BatchProgress({ batchId }: { batchId: string }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const { data: batch, error } = useBulkBatch(batchId);
  const { data: task } = useTask(batch?.taskId);
  const [pending, start] = useTransition();
  // When the run settles: read the rows once more, and refresh the page's batch list and balance.
  const settled = !!task && !OPEN.has(task.status);
  useEffect(() => {
    if (!settled) return;
    void queryClient.invalidateQueries({ queryKey: bulkBatchKeys.detail(batchId) });
    router.refresh();
  }, [settled, batchId, queryClient, router]);

  if (error)
    return (
      <p role="alert" className="text-sm text-destructive">
        {error.message}
      </p>
    );
  if (!batch) return <Loader2 className="size-5 animate-spin text-muted-foreground" aria-label="Loading the batch" />;
  const status = task?.status ?? batch.status;
  const progress = task?.progress ?? batch.progress;
  const done = batch.rows.filter((r) => r.status === "succeeded").length;
  const failed = batch.rows.filter((r) => r.status === "failed" || r.status === "canceled").length;
  const partial = !OPEN.has(status) && failed > 0 && done > 0;

  function retry() {
    start(async () => {
      const res = await retryBulkAction({ batchId });
      if (!res.ok) return void toast.error(res.error);
      toast.success(`${res.data.rows} ${res.data.rows === 1 ? "reel" : "reels"} queued again`);
      await queryClient.invalidateQueries({ queryKey: bulkBatchKeys.detail(batchId) });
    });
  }

  return (
    <Card aria-label="Batch progress">
      <CardHeader className="gap-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <CardTitle className="flex items-center gap-2">
            {batch.characterName} · {batch.totalRows} {batch.totalRows === 1 ? "reel" : "reels"}
            <StatusBadge status={partial ? "retrying" : status} label={statusLabel(status, partial)} />
          </CardTitle>
          <div className="flex flex-wrap gap-2">
            {!OPEN.has(status) && failed > 0 ? (
              <Button variant="outline" size="sm" onClick={retry} disabled={pending}>
                {pending ? <Loader2 className="size-4 animate-spin" aria-hidden /> : <RotateCcw className="size-4" aria-hidden />}
                Retry {failed} failed
              </Button>
            ) : null}
            {done > 0 ? (
              <Button asChild size="sm">
                <a href={`/api/bulk/${batchId}/zip`} download>
                  <Download className="size-4" aria-hidden /> Download all ({done})
                </a>
              </Button>
            ) : null}
          </div>
        </div>
        <CardDescription aria-live="polite">
          {done} done{failed ? `, ${failed} failed` : ""} of {batch.totalRows} · {batch.platform} · {batch.quality === "draft" ? "draft 304×540" : "1080×1920"}
        </CardDescription>
        <Progress value={progress} aria-label="Batch progress" />
      </CardHeader>
      <CardContent>
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-4" aria-label="Reels">
          {batch.rows.map((r) => (
            <ReelCard key={r.row} row={r} />
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
