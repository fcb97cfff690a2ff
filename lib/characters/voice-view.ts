import type { VoiceSettings, VoiceStatus } from "@/db/schema/characters";
import type { VoiceProfile } from "@/lib/providers/speech/index";
import { voiceBySpeakerId } from "@/lib/providers/speech/voices";
import { settingHz } from "@/lib/providers/voice-clone/profile";

type VoiceColumns = { voice: VoiceSettings | null; voiceStatus: VoiceStatus };

/**
 * The voice narration speaks with: the cloned profile once it is ready, otherwise null (the
 * engine's default narrator). A profile left over from an earlier sample is never used while a
 * new one is processing or after it failed.
 */
export function narrationVoice(c: VoiceColumns | null | undefined): VoiceProfile | null {
  if (!c?.voice || c.voiceStatus !== "ready") return null;
  const { provider, voiceId, engineVoice, pitch, rate } = c.voice;
  // A vendor's voice is named by its id there; the local profile by espeak's settings.
  return provider && voiceId ? { provider, voiceId } : { engineVoice, pitch, rate };
}

/**
 * The voice a character speaks with: the cloned voice once it is ready, else the catalogue voice
 * chosen for it (`voiceId`), else null (the engine's default narrator).
 */
export function characterVoice(c: (VoiceColumns & { voiceId?: string | null }) | null | undefined): VoiceProfile | null {
  return narrationVoice(c) ?? (c?.voiceId ? voiceBySpeakerId(c.voiceId) : null);
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
