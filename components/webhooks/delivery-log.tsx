"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { AlertCircle, Loader2, RotateCw } from "lucide-react";
import type { ReactNode } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { isDeliveryActive, type DeliveryView } from "@/lib/hooks/use-webhook-deliveries";
import { DeliveryTable } from "./delivery-table";

/** A polled delivery log with its loading, error and empty states. */
export function DeliveryLog({
  query,
  label,
  empty,
  showTarget = false,
}: {
  query: UseQueryResult<DeliveryView[]>;
  label: string;
  empty: ReactNode;
  showTarget?: boolean;
}) {
  if (query.isPending) {
    return (
      <div className="grid gap-2" aria-busy="true" aria-label={`Loading ${label.toLowerCase()}`}>
        <Skeleton className="h-6 w-full" />
        <Skeleton className="h-6 w-5/6" />
      </div>
    );
  }
  if (query.isError) {
    return (
      <Alert variant="destructive">
        <AlertCircle aria-hidden />
        <AlertTitle>Could not load the deliveries</AlertTitle>
        <AlertDescription className="flex flex-wrap items-center gap-2">
          <span>{query.error.message}</span>
          <Button type="button" variant="outline" size="sm" onClick={() => void query.refetch()}>
            <RotateCw aria-hidden /> Try again
          </Button>
        </AlertDescription>
      </Alert>
    );
  }
  if (!query.data.length) return <div className="rounded-lg border border-dashed px-4 py-6 text-center text-sm text-muted-foreground">{empty}</div>;
  const active = query.data.some(isDeliveryActive);
  return (
    <div className="grid gap-1">
      <DeliveryTable deliveries={query.data} label={label} showTarget={showTarget} />
      {/* Announced once, when deliveries start or stop being retried, not on every poll. */}
      <p className="flex items-center gap-1.5 text-xs text-muted-foreground" aria-live="polite">
        {active ? (
          <>
            <Loader2 className="size-3 animate-spin" aria-hidden /> Refreshing while deliveries are pending
          </>
        ) : null}
      </p>
    </div>
  );
}
