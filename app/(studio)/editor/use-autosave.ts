"use client";

import { useEffect, useRef, useState } from "react";
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
  const lastSaved = useRef(body);
  // What was last saved, as state too: the status says "unsaved" the moment the body differs.
  const [savedBody, setSavedBody] = useState(body);
  const idRef = useRef(id);

  useEffect(() => {
    if (body === lastSaved.current) return;
    const timer = setTimeout(() => {
      setStatus("saving");
      const parsed = JSON.parse(body) as { videoCreative: Record<string, unknown>; dynamicVariables: Record<string, string> };
      const name = creative.settings.name.trim() || "Untitled video";
      void saveTimelineAction({ id: idRef.current ?? undefined, name, body: parsed }).then((res) => {
        if (!res.ok) {
          setStatus("error");
          setError(res.error);
          return;
        }
        lastSaved.current = body;
        setSavedBody(body);
        setStatus("saved");
        setError(null);
        if (!idRef.current) {
          idRef.current = res.data.id;
          setId(res.data.id);
          // The address names the timeline now, so a reload reopens it; no navigation, so nothing re-mounts while the creator works.
          window.history.replaceState(null, "", `/editor?timeline=${res.data.id}`);
        }
      });
    }, DELAY_MS);
    return () => clearTimeout(timer);
  }, [body, creative.settings.name]);

  // Leaving with a change not saved yet asks first (the handler reads the latest body when the page unloads).
  const latest = useRef(body);
  useEffect(() => {
    latest.current = body;
  }, [body]);
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (latest.current !== lastSaved.current) e.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, []);

  const dirty = body !== savedBody;
  return { id, status: dirty ? (status === "error" ? "error" : status === "saving" ? "saving" : "unsaved") : status === null ? "idle" : "saved", error };
}
