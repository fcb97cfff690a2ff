"use client";

import { queryOptions, useQuery } from "@tanstack/react-query";
import type { BulkView } from "@/lib/bulk/view";
import { fetchJson } from "./fetch-json";

export const bulkBatchKeys = {
  all: ["bulk-batches"] as const,
  detail: (id: string) => ["bulk-batches", id] as const,
};

const OPEN = new Set(["queued", "running"]);

/** A bulk batch with its rows, polled until its task (the current run) has settled, or on error. */
export function bulkBatchQuery(id: string) {
  return queryOptions({
    queryKey: bulkBatchKeys.detail(id),
    queryFn: () => fetchJson<BulkView>(`/api/bulk/${encodeURIComponent(id)}`, "batch"),
    retry: false,
    refetchInterval: (q) => (q.state.status === "error" || (q.state.data && !OPEN.has(q.state.data.status)) ? false : 1500),
  });
}

export function useBulkBatch(id: string | null | undefined) {
  return useQuery({ ...bulkBatchQuery(id ?? ""), enabled: !!id });
}
