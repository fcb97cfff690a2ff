import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/utils";

const styles: Record<string, string> = {
  draft: "bg-muted text-muted-foreground",
  creating: "bg-sky-500/15 text-sky-700 dark:text-sky-300",
  proposed: "bg-amber-500/15 text-amber-700 dark:text-amber-300",
  pending: "bg-muted text-muted-foreground",
  queued: "bg-muted text-muted-foreground",
  generating: "bg-violet-500/15 text-violet-700 dark:text-violet-300",
  running: "bg-violet-500/15 text-violet-700 dark:text-violet-300",
  completed: "bg-emerald-500/15 text-emerald-700 dark:text-emerald-300",
  failed: "bg-red-500/15 text-red-700 dark:text-red-300",
  // webhook deliveries
  delivering: "bg-violet-500/15 text-violet-700 dark:text-violet-300",
  retrying: "bg-amber-500/15 text-amber-700 dark:text-amber-300",
  succeeded: "bg-emerald-500/15 text-emerald-700 dark:text-emerald-300",
  // posts and their targets
  scheduled: "bg-blue-500/15 text-blue-700 dark:text-blue-300",
  uploading: "bg-violet-500/15 text-violet-700 dark:text-violet-300",
  processing: "bg-violet-500/15 text-violet-700 dark:text-violet-300",
  publishing: "bg-violet-500/15 text-violet-700 dark:text-violet-300",
  unconfirmed: "bg-amber-500/15 text-amber-700 dark:text-amber-300",
  published: "bg-emerald-500/15 text-emerald-700 dark:text-emerald-300",
};

const labels: Record<string, string> = { proposed: "Ready for review" };

/** `label` overrides the text for statuses that read differently in context (a voice "Ready"). */
export function StatusBadge({ status, label, className }: { status: string; label?: string; className?: string }) {
  return (
    <Badge variant="secondary" className={cn("border-transparent", !label && "capitalize", styles[status], className)} data-status={status}>
      {label ?? labels[status] ?? status}
    </Badge>
  );
}
