"use client";

import { queryOptions, useQuery } from "@tanstack/react-query";
import type { ProjectView } from "@/lib/projects/view";
import { fetchJson } from "./fetch-json";

export const projectKeys = {
  all: ["projects"] as const,
  detail: (id: number) => ["projects", id] as const,
};

/** Whether the page should keep polling: a run, or an upscale, is under way. */
export const isProjectBusy = (p: Pick<ProjectView, "status" | "upscaleStatus">) =>
  p.status === "generating" || p.status === "creating" || p.upscaleStatus === "upscaling";

const fetchProject = (id: number) => fetchJson<ProjectView>(`/api/projects/${id}`, "project");

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
