"use client";

import { queryOptions, useQuery } from "@tanstack/react-query";
import type { VoiceView } from "@/lib/characters/voice-view";
import { fetchJson } from "./fetch-json";

export const characterVoiceKeys = {
  all: ["character-voice"] as const,
  detail: (id: number) => ["character-voice", id] as const,
};

const fetchVoice = (id: number) => fetchJson<VoiceView>(`/api/characters/${id}/voice`, "voice");

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
