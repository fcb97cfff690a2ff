"use client";

import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";

const noop = () => () => {};
const canRecord = () => typeof MediaRecorder !== "undefined" && !!navigator.mediaDevices?.getUserMedia;
// Opus in WebM is what Chromium and Firefox record; Safari records AAC in MP4.
const TYPES = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/mp4", "audio/webm"];

const extFor = (type: string) => (type.includes("ogg") ? "ogg" : type.includes("mp4") ? "m4a" : "webm");

/**
 * Records the microphone with MediaRecorder. `onRecorded` gets the take as a File once the user
 * stops (or `maxMs` is reached); takes shorter than `minMs` are refused with a message instead.
 */
export function useVoiceRecorder({ minMs, maxMs, onRecorded }: { minMs: number; maxMs: number; onRecorded: (file: File) => void }) {
  // The server cannot know; assume recording works until the browser says otherwise.
  const supported = useSyncExternalStore(noop, canRecord, () => true);
  const [state, setState] = useState<"idle" | "starting" | "recording">("idle");
  const [elapsedMs, setElapsedMs] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const recorder = useRef<MediaRecorder | null>(null);
  const cleanup = useRef<() => void>(() => {});
  const latest = useRef(onRecorded);
  useEffect(() => {
    latest.current = onRecorded;
  }, [onRecorded]);

  // Leaving the page mid-take releases the microphone and discards the take.
  useEffect(() => () => cleanup.current(), []);

  const stop = useCallback(() => {
    if (recorder.current?.state === "recording") recorder.current.stop();
  }, []);

  const start = useCallback(async () => {
    setError(null);
    setState("starting");
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true } });
    } catch (e) {
      setState("idle");
      setError(
        e instanceof DOMException && e.name === "NotAllowedError"
          ? "Microphone access is blocked. Allow it in the browser's site settings, or upload a file instead."
          : "No microphone could be opened. Upload a recording instead.",
      );
      return;
    }
    const type = TYPES.find((t) => MediaRecorder.isTypeSupported(t));
    const rec = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
    const chunks: Blob[] = [];
    const startedAt = Date.now();
    let discarded = false;
    const timer = setInterval(() => {
      const ms = Date.now() - startedAt;
      setElapsedMs(ms);
      if (ms >= maxMs) stop();
    }, 200);
    const release = () => {
      clearInterval(timer);
      stream.getTracks().forEach((t) => t.stop());
    };
    cleanup.current = () => {
      discarded = true;
      if (rec.state === "recording") rec.stop();
      release();
    };
    rec.ondataavailable = (e) => {
      if (e.data.size > 0) chunks.push(e.data);
    };
    rec.onstop = () => {
      release();
      recorder.current = null;
      setState("idle");
      if (discarded) return;
      const ms = Date.now() - startedAt;
      if (ms < minMs) return setError(`That take was ${(ms / 1000).toFixed(1)} s. Record at least ${minMs / 1000} s: read a sentence or two aloud.`);
      const mime = rec.mimeType || type || "audio/webm";
      latest.current(new File(chunks, `recording.${extFor(mime)}`, { type: mime }));
    };
    recorder.current = rec;
    setElapsedMs(0);
    rec.start(250);
    setState("recording");
  }, [maxMs, minMs, stop]);

  return { supported, state, elapsedMs, error, start, stop };
}
