import { History } from "lucide-react";
import Link from "next/link";
import { StatusBadge } from "@/components/studio/status-badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { formatDate } from "@/lib/format";
import { cn } from "@/lib/utils";

export interface BatchSummary {
  id: string;
  characterName: string;
  totalRows: number;
  createdAt: string;
  status: string;
  partial: boolean;
  progress: number;
}

/** The words the batch grid uses for the same states. */
const LABELS: Record<string, string> = { succeeded: "Done", running: "Rendering" };

/** The workspace's past batches, newest first; the selected one is open beside it. */
export function BatchList({ batches, selected }: { batches: BatchSummary[]; selected: string | null }) {
  return (
    <Card className="h-fit gap-3">
      <CardHeader>
        <CardTitle className="flex items-center gap-2 text-base">
          <History className="size-4" aria-hidden /> Past batches
        </CardTitle>
      </CardHeader>
      <CardContent>
        {batches.length === 0 ? (
          <p className="text-sm text-muted-foreground">No batches yet. The ones you submit are listed here.</p>
        ) : (
          <ul className="grid gap-2" aria-label="Past batches">
            {batches.map((b) => (
              <li key={b.id}>
                <Link
                  href={`/bulk?batch=${b.id}`}
                  aria-current={b.id === selected ? "page" : undefined}
                  className={cn(
                    "grid gap-1.5 rounded-md border px-3 py-2 text-sm outline-none hover:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50",
                    b.id === selected && "border-primary bg-accent",
                  )}
                >
                  <span className="flex items-center justify-between gap-2">
                    <span className="truncate font-medium">
                      {b.characterName} · {b.totalRows} {b.totalRows === 1 ? "reel" : "reels"}
                    </span>
                    <StatusBadge status={b.partial ? "retrying" : b.status} label={b.partial ? "Partial" : (LABELS[b.status] ?? undefined)} />
                  </span>
                  {b.status === "queued" || b.status === "running" ? <Progress value={b.progress} className="h-1" aria-label="Batch progress" /> : null}
                  <span className="text-xs text-muted-foreground">{formatDate(new Date(b.createdAt))}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
