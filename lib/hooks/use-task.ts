"use client";

import { queryOptions, useQuery } from "@tanstack/react-query";
import type { TaskStatus } from "@/db/schema/jobs";
import type { TaskView } from "@/lib/tasks/view";
import { fetchJson } from "./fetch-json";

export const taskKeys = {
  all: ["tasks"] as const,
  detail: (id: string) => ["tasks", id] as const,
};

const TERMINAL: ReadonlySet<TaskStatus> = new Set(["succeeded", "failed", "canceled"]);
export const isTaskDone = (t: Pick<TaskView, "status"> | undefined) => !!t && TERMINAL.has(t.status);

/** Polls one task every second and stops once it has succeeded, failed or been canceled, or on error. */
export function taskQuery(id: string) {
  return queryOptions({
    queryKey: taskKeys.detail(id),
    queryFn: () => fetchJson<TaskView>(`/api/tasks/${encodeURIComponent(id)}`, "task"),
    retry: false,
    refetchInterval: (q) => (q.state.status === "error" || isTaskDone(q.state.data) ? false : 1000),
  });
}

/** The live state of a long-running task (a story run, a render, an upscale, a voice clone). */
export function useTask(id: string | null | undefined) {
  return useQuery({ ...taskQuery(id ?? ""), enabled: !!id });
}
