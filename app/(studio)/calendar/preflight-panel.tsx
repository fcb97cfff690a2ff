"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { CircleAlert, CircleCheck, Info, Loader2 } from "lucide-react";
import type { PreflightProblem } from "@/lib/social/posts";
import { platformNames } from "@/lib/social/preflight";
import { cn } from "@/lib/utils";

type Check = UseQueryResult<{ problems: PreflightProblem[]; warnings: string[] }>;

/** The pre-flight check's answer: each problem by platform (scheduling waits until there are none), and what to do before the post's time. */
export function PreflightPanel({ check }: { check: Check }) {
  const { data, isFetching, error } = check;
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
      {data?.warnings.map((w) => (
        <p key={w} className={cn("flex items-start gap-1.5 text-muted-foreground", isFetching && "opacity-60")}>
          <Info className="mt-0.5 size-3.5 shrink-0" aria-hidden /> {w}
        </p>
      ))}
    </section>
  );
}
