"use client";

import { useRef, useState } from "react";
import { toast } from "sonner";

/**
 * A voice preview in an <audio> element: `play(src)` loads and plays it, `state` follows it
 * (loading, playing, idle again when it ends, pauses or fails), and the element is marked
 * `data-played` once sound comes out. Spread `audioProps` on the element.
 */
export function useAudioPreview() {
  const ref = useRef<HTMLAudioElement>(null);
  const [state, setState] = useState<"idle" | "loading" | "playing">("idle");

  async function play(src: string) {
    const el = ref.current;
    if (!el) return;
    delete el.dataset.played;
    el.src = src;
    setState("loading");
    try {
      await el.play();
    } catch {
      setState("idle");
      // A failed load already reported itself through onError; this is a refusal to play.
      if (!el.error) toast.error("The preview could not be played; try again in a moment.");
    }
  }

  const audioProps = {
    ref,
    onPlaying: (e: React.SyntheticEvent<HTMLAudioElement>) => {
      e.currentTarget.dataset.played = "true";
      setState("playing");
    },
    onEnded: () => setState("idle"),
    onPause: () => setState("idle"),
    onError: () => {
      setState("idle");
      toast.error("The preview could not be loaded; try again in a moment.");
    },
  };
  return { state, play, audioProps };
}
