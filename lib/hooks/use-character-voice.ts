"use client";

import { queryOptions, useQuery } from "@tanstack/react-query";
import type { VoiceView } from "@/lib/characters/voice-view";

export const characterVoiceKeys = {
  all: ["character-voice"] as const,
  detail: (id: number) => ["character-voice", id] as const,
};

async function fetchVoice(id: number): Promise<VoiceView> {
  const res = await fetch(`/api/characters/${id}/voice`, { cache: "no-store" });
  if (!res.ok) throw new Error((await res.json().catch(() => null))?.detail ?? `Could not load the voice (${res.status})`);
  return res.json();
}

/** Polls while a sample is being analysed and stops at none / ready / failed, or on error. */
export function characterVoiceQuery(id: number, initial?: VoiceView) {
  return queryOptions({
    queryKey: characterVoiceKeys.detail(id),
    queryFn: () => fetchVoice(id),
    initialData: initial,
    retry: false,
    refetchInterval: (q) => (q.state.status === "error" ? false : q.state.data?.status === "processing" ? 1500 : false),
  });
}

export function useCharacterVoice(id: number, initial?: VoiceView) {
  return useQuery(characterVoiceQuery(id, initial));
}
