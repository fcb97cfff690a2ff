"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { LibraryItem } from "@/lib/library/service";
import { errorDetail, fetchJson } from "./fetch-json";

export const libraryKey = ["media-library"] as const;

/** The workspace's media library (every kind; callers filter). */
export function useLibrary() {
  return useQuery({ queryKey: libraryKey, queryFn: () => fetchJson<LibraryItem[]>("/api/media/library", "media library") });
}

/** Uploads one file into the library; resolves with the new item, or throws with the server's reason. */
export function useLibraryUpload() {
  const client = useQueryClient();
  return async (file: File): Promise<LibraryItem> => {
    const form = new FormData();
    form.set("file", file);
    const res = await fetch("/api/media/library", { method: "POST", body: form });
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) throw new Error(errorDetail(body) ?? `The upload failed (${res.status})`);
    await client.invalidateQueries({ queryKey: libraryKey });
    return body as LibraryItem;
  };
}

/** `media:<id>` as a URL the browser can show, from the library; anything else as it is. */
export function mediaUrlResolver(items: LibraryItem[] | undefined): (src: string | undefined) => string | undefined {
  const byId = new Map((items ?? []).map((i) => [i.id, i.url]));
  return (src) => (src?.startsWith("media:") ? byId.get(src.slice("media:".length)) : src);
}
