"use client";

import { queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson } from "./fetch-json";

/** GET /api/v1/video-generation-jobs/{id} (lib/api/colossyan/mappers.ts `jobOut`). */
export interface VideoJobView {
  id: string;
  videoId: string | null;
  status: "in_queue" | "rendering" | "finished" | "failed";
  progress: number;
  maximumProgress: number;
  name: string;
  errorMessage: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** GET /api/v1/generated-videos/{videoId} (lib/api/colossyan/mappers.ts `generatedVideoOut`). */
export interface GeneratedVideoView {
  id: string;
  jobId: string;
  /** The video file, public for whoever has the link. */
  publicUrl: string;
  /** The share page that plays it. */
  shareUrl: string;
  thumbnailUrl: string | null;
  name: string;
  createdAt: string;
  videoSizeBytes: number;
  videoDurationSeconds: number;
}

export const videoJobKeys = {
  all: ["video-jobs"] as const,
  detail: (id: string) => ["video-jobs", id] as const,
  video: (videoId: string) => ["generated-videos", videoId] as const,
};

const TERMINAL = new Set(["finished", "failed"]);

/** Polls a render job and stops once it finished or failed, or on error. */
export function videoJobQuery(id: string) {
  return queryOptions({
    queryKey: videoJobKeys.detail(id),
    queryFn: () => fetchJson<VideoJobView>(`/api/v1/video-generation-jobs/${encodeURIComponent(id)}`, "render job"),
    retry: false,
    refetchInterval: (q) => (q.state.status === "error" ? false : q.state.data && TERMINAL.has(q.state.data.status) ? false : 1500),
  });
}

export function generatedVideoQuery(videoId: string) {
  return queryOptions({
    queryKey: videoJobKeys.video(videoId),
    queryFn: () => fetchJson<GeneratedVideoView>(`/api/v1/generated-videos/${encodeURIComponent(videoId)}`, "video"),
    retry: false,
    staleTime: Infinity,
  });
}

export function useVideoJob(id: string | null) {
  return useQuery({ ...videoJobQuery(id ?? ""), enabled: !!id });
}

/** The finished video's details; waits until the job reports a videoId. */
export function useGeneratedVideo(videoId: string | null | undefined) {
  return useQuery({ ...generatedVideoQuery(videoId ?? ""), enabled: !!videoId });
}
