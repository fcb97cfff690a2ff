"use client";

import { queryOptions, useQuery } from "@tanstack/react-query";
import type { ProjectView } from "@/lib/projects/view";

export const projectKeys = {
  all: ["projects"] as const,
  detail: (id: number) => ["projects", id] as const,
};

/** Whether the page should keep polling: a run, or an upscale, is under way. */
export const isProjectBusy = (p: Pick<ProjectView, "status" | "upscaleStatus">) =>
  p.status === "generating" || p.status === "creating" || p.upscaleStatus === "upscaling";

async function fetchProject(id: number): Promise<ProjectView> {
  const res = await fetch(`/api/projects/${id}`, { cache: "no-store" });
  if (!res.ok) throw new Error((await res.json().catch(() => null))?.detail ?? `Could not load the project (${res.status})`);
  return res.json();
}

/** Polls while the project is being worked on (or upscaled) and stops at any resting state or on error. */
export function projectQuery(id: number, initial?: ProjectView) {
  return queryOptions({
    queryKey: projectKeys.detail(id),
    queryFn: () => fetchProject(id),
    initialData: initial,
    retry: false,
    refetchInterval: (q) => (q.state.status === "error" ? false : q.state.data && isProjectBusy(q.state.data) ? 1500 : false),
  });
}

export function useProject(id: number, initial?: ProjectView) {
  return useQuery(projectQuery(id, initial));
}
