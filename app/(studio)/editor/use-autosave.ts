"use client";

import { useEffect, useState } from "react";
import { saveTimelineAction } from "./actions";
import { type EditorCreative, toVideoCreative } from "./model";

const DELAY_MS = 800;

/**
 * Saves the timeline as the creator works: a moment after the last change, the editor's job body
 * is saved (the first save creates the timeline and puts its id in the address, so a reload
 * reopens it). An untouched new timeline is not saved.
 */
export function useAutosave({ saved, creative, values }: { saved: { id: string } | null; creative: EditorCreative; values: Record<string, string> }) {
  const [id, setId] = useState<string | null>(saved?.id ?? null);
  const [status, setStatus] = useState<"saving" | "saved" | "error" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const body = JSON.stringify({ videoCreative: toVideoCreative(creative), dynamicVariables: values });
  // What was last saved: the status says "unsaved" the moment the body differs from it.
  const [savedBody, setSavedBody] = useState(body);
  const dirty = body !== savedBody;
  const name = creative.settings.name.trim() || "Untitled video";

  useEffect(() => {
    if (!dirty) return;
    const timer = setTimeout(() => {
      setStatus("saving");
      void saveTimelineAction({ id: id ?? undefined, name, body: JSON.parse(body) as Parameters<typeof saveTimelineAction>[0]["body"] }).then((res) => {
        if (!res.ok) {
          setStatus("error");
          setError(res.error);
          return;
        }
        setSavedBody(body);
        setStatus("saved");
        setError(null);
        if (!id) {
          setId(res.data.id);
          // The address names the timeline now, so a reload reopens it; no navigation, so nothing re-mounts while the creator works.
          window.history.replaceState(null, "", `/editor?timeline=${res.data.id}`);
        }
      });
    }, DELAY_MS);
    return () => clearTimeout(timer);
  }, [dirty, body, id, name]);

  // Leaving with a change not saved yet asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  return { id, status: dirty ? (status === "error" ? "error" : status === "saving" ? "saving" : "unsaved") : status === null ? "idle" : "saved", error };
}
