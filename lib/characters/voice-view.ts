import type { VoiceSettings, VoiceStatus } from "@/db/schema/characters";
import type { VoiceProfile } from "@/lib/providers/speech/index";
import { settingHz } from "@/lib/providers/voice-clone/profile";

type VoiceColumns = { voice: VoiceSettings | null; voiceStatus: VoiceStatus };

/**
 * The voice narration speaks with: the cloned profile once it is ready, otherwise null (the
 * engine's default narrator). A profile left over from an earlier sample is never used while a
 * new one is processing or after it failed.
 */
export function narrationVoice(c: VoiceColumns | null | undefined): VoiceProfile | null {
  if (!c?.voice || c.voiceStatus !== "ready") return null;
  const { engineVoice, pitch, rate } = c.voice;
  return { engineVoice, pitch, rate };
}

/** What the studio shows about a character's voice (GET /api/characters/{id}/voice). */
export interface VoiceView {
  characterId: number;
  status: VoiceStatus;
  provider: string | null;
  error: string | null;
  profile: { engineVoice: string | null; pitch: number | null; pitchHz: number | null; rate: number | null } | null;
  measured: VoiceSettings["measured"] | null;
}

export function toVoiceView(c: VoiceColumns & { id: number; voiceProvider: string | null; voiceError: string | null }): VoiceView {
  const voice = narrationVoice(c);
  return {
    characterId: c.id,
    status: c.voiceStatus,
    provider: c.voiceProvider,
    error: c.voiceStatus === "failed" ? (c.voiceError ?? "Voice cloning failed") : null,
    profile: voice
      ? {
          engineVoice: voice.engineVoice ?? null,
          pitch: voice.pitch ?? null,
          pitchHz: voice.pitch !== undefined && voice.engineVoice ? settingHz(voice.engineVoice, voice.pitch) : null,
          rate: voice.rate ?? null,
        }
      : null,
    measured: c.voiceStatus === "ready" ? (c.voice?.measured ?? null) : null,
  };
}

export const TERMINAL_VOICE_STATUSES: ReadonlySet<VoiceStatus> = new Set(["none", "ready", "failed"]);
