"use client";

import { ExternalLink, Loader2, RotateCcw, TriangleAlert } from "lucide-react";
import { useTransition } from "react";
import { toast } from "sonner";
import { StatusBadge } from "@/components/studio/status-badge";
import { Button } from "@/components/ui/button";
import type { TargetView } from "@/lib/calendar/types";
import { platformNames } from "@/lib/social/preflight";
import { retryTargetAction } from "./actions";

const time = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" });

/** One place the post goes: its state, attempts, last error, the link once published, and its timeline; a failed one can be retried. */
export function TargetCard({ target: t, onRetried }: { target: TargetView; onRetried: () => Promise<void> }) {
  const [pending, start] = useTransition();
  const name = t.platform === "channel" ? "Your channel" : `${platformNames[t.platform]}${t.accountHandle ? ` · ${t.accountHandle}` : ""}`;
  const retry = () =>
    start(async () => {
      const res = await retryTargetAction({ targetId: t.id });
      if (!res.ok) return void toast.error(res.error);
      toast.success(`Retrying ${name}`);
      await onRetried();
    });
  return (
    <li className="grid gap-2 rounded-lg border p-3" aria-label={name} data-status={t.status}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="min-w-0 flex-1 truncate text-sm font-medium">{name}</span>
        <StatusBadge status={t.status} />
        {t.status === "failed" ? (
          <Button size="sm" variant="outline" onClick={retry} disabled={pending}>
            {pending ? <Loader2 className="animate-spin" aria-hidden /> : <RotateCcw aria-hidden />} Retry
          </Button>
        ) : null}
      </div>
      {t.accountProblem ? (
        <p className="flex items-start gap-1 text-xs text-amber-700 dark:text-amber-300">
          <TriangleAlert className="mt-0.5 size-3 shrink-0" aria-hidden /> {t.accountProblem}
        </p>
      ) : null}
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-xs">
        <dt className="text-muted-foreground">Attempts</dt>
        <dd className="tabular-nums">{t.attempts}</dd>
        {t.lastError ? (
          <>
            <dt className="text-muted-foreground">Last error</dt>
            <dd className="break-words text-destructive">{t.lastError}</dd>
          </>
        ) : null}
        {t.externalId ? (
          <>
            <dt className="text-muted-foreground">Post id</dt>
            <dd className="truncate font-mono">{t.externalId}</dd>
          </>
        ) : null}
      </dl>
      {t.externalUrl ? (
        <a href={t.externalUrl} target="_blank" rel="noreferrer" className="flex items-center gap-1 text-sm break-all text-primary underline">
          <ExternalLink className="size-3.5 shrink-0" aria-hidden /> {t.externalUrl}
        </a>
      ) : null}
      {t.events?.length ? (
        <ol className="grid gap-1.5 border-l pl-3" aria-label={`${name} timeline`}>
          {t.events.map((e) => (
            <li
              key={e.id}
              className="relative text-xs before:absolute before:top-1.5 before:-left-[15.5px] before:size-1.5 before:rounded-full before:bg-primary"
            >
              <span className="font-medium">{e.step}</span>
              {e.detail ? <span className="text-muted-foreground"> · {e.detail}</span> : null}
              <time dateTime={e.at} className="block text-muted-foreground tabular-nums">
                {time(e.at)}
              </time>
            </li>
          ))}
        </ol>
      ) : (
        <p className="text-xs text-muted-foreground">{t.status === "pending" ? "Waits for the post's time." : "No steps yet."}</p>
      )}
    </li>
  );
}
