import { LocalSpeechProvider } from "./local";
import { OpenAISpeechProvider } from "./openai";
import { ElevenLabsSpeechProvider } from "./elevenlabs";
import { chosenId, chosenModel, configEnv, VENDOR_VARS, type ProviderConfig } from "@/lib/providers/choice";
import { elevenLabsConfig } from "@/lib/providers/elevenlabs/client";
import type { ProviderCallOptions } from "@/lib/providers/jobs";
import { openAIConfig } from "@/lib/providers/openai/client";

export { splitSentences } from "./sentences";

/**
 * A character's voice. The local engine reads engineVoice, pitch and rate; a voice that lives at
 * a vendor (a cloned voice) names it provider-neutrally, `{ provider: "elevenlabs", voiceId }`:
 * that vendor's speech provider speaks with it, any other engine uses its own default voice.
 */
export interface VoiceProfile {
  /** The vendor the voice lives at ("elevenlabs"); absent: a voice of the local engine. */
  provider?: string;
  /** The vendor's id of the voice. */
  voiceId?: string;
  engineVoice?: string;
  /** 0..99, espeak's scale; 50 is the engine's normal pitch. */
  pitch?: number;
  /** Words per minute. */
  rate?: number;
}

/** One spoken sentence and where it sits in the synthesized audio; captions are built from these. */
export interface SpeechSegment {
  text: string;
  startMs: number;
  endMs: number;
}

export interface SpeechResult {
  path: string;
  durationMs: number;
  segments: SpeechSegment[];
}

/** Speaks `text` in `voice` (null: the engine's default) and writes one audio file to `outPath`. */
export interface SpeechProvider {
  readonly id: string;
  synthesize(text: string, voice: VoiceProfile | null, outPath: string, opts?: ProviderCallOptions): Promise<SpeechResult>;
}

const PROVIDERS: Record<string, (cfg?: ProviderConfig) => SpeechProvider> = {
  local: () => new LocalSpeechProvider(),
  openai: (cfg) => new OpenAISpeechProvider(chosenModel(cfg), undefined, () => openAIConfig(configEnv(cfg, VENDOR_VARS.openai))),
  elevenlabs: (cfg) => new ElevenLabsSpeechProvider(chosenModel(cfg), undefined, () => elevenLabsConfig(configEnv(cfg, VENDOR_VARS.elevenlabs))),
};

/**
 * The speech provider chosen by env SPEECH_PROVIDER: "local" (default, espeak-ng), "openai"
 * (OpenAI's speech API or any server speaking it, at OPENAI_BASE_URL) or "elevenlabs"
 * (ElevenLabs, ELEVENLABS_API_KEY; speaks a character's cloned ElevenLabs voice).
 * An unknown value throws so a typo fails loudly.
 */
export function getSpeechProvider(cfg?: ProviderConfig): SpeechProvider {
  const id = chosenId(cfg, process.env.SPEECH_PROVIDER);
  const make = PROVIDERS[id];
  if (!make) throw new Error(`Unknown SPEECH_PROVIDER "${id}". Supported values: ${Object.keys(PROVIDERS).join(", ")}.`);
  return make(cfg);
}
