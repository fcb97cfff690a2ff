"use client";

import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { finalTargetStatuses } from "@/db/schema/social";
import type { PostView } from "@/lib/calendar/types";
import { fetchJson } from "./fetch-json";

export interface PostRange {
  from: string;
  to: string;
  platform?: string;
  status?: string;
  characterId?: string;
}

export const postKeys = {
  all: ["posts"] as const,
  range: (r: PostRange) => ["posts", "range", r] as const,
  detail: (id: string) => ["posts", "detail", id] as const,
};

const moving = (p: PostView) => p.status === "publishing" || (p.status !== "scheduled" && p.targets.some((t) => !finalTargetStatuses.includes(t.status)));

/** The posts of the calendar's visible range: read again every 2 s while one is publishing, else every 30 s (a due post starts on its own). */
export function postsQuery(r: PostRange) {
  const qs = new URLSearchParams(Object.entries(r).filter((e): e is [string, string] => !!e[1]));
  return queryOptions({
    queryKey: postKeys.range(r),
    queryFn: () => fetchJson<PostView[]>(`/api/posts?${qs}`, "posts"),
    retry: false,
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.status === "error" ? false : q.state.data?.some(moving) ? 2000 : 30_000),
  });
}

export function usePosts(r: PostRange | null) {
  return useQuery({ ...postsQuery(r ?? { from: "", to: "" }), enabled: !!r });
}

/** One post with its targets' timelines, polled every 1.5 s while a target is still on its way. */
export function postQuery(id: string) {
  return queryOptions({
    queryKey: postKeys.detail(id),
    queryFn: () => fetchJson<PostView>(`/api/posts/${encodeURIComponent(id)}`, "post"),
    retry: false,
    refetchInterval: (q) => (q.state.status === "error" || !q.state.data || !moving(q.state.data) ? false : 1500),
  });
}

export function usePost(id: string | null) {
  return useQuery({ ...postQuery(id ?? ""), enabled: !!id });
}
