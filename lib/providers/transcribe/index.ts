import { LocalTranscriber } from "./local";
import { OpenAiTranscriber } from "./openai";
import { chosenId, chosenModel, configEnv, VENDOR_VARS, type ProviderConfig } from "@/lib/providers/choice";
import type { ProviderCallOptions } from "@/lib/providers/jobs";

/** A word and when it is spoken (ms from the start of the media). */
export interface TranscriptWord {
  text: string;
  startMs: number;
  endMs: number;
}

/** One caption-sized stretch of speech; `words` when the engine timed each word. */
export interface TranscriptSegment {
  text: string;
  startMs: number;
  endMs: number;
  words?: TranscriptWord[];
}

export interface Transcript {
  segments: TranscriptSegment[];
}

/** Turns the speech in a local audio or video file into timed caption segments. */
export interface Transcriber {
  /** "local" or "openai": recorded as how the captions were made. */
  readonly id: "local" | "openai";
  /** Whether it can hear `language` (a code such as "en" or "pt-BR"). */
  supports(language: string): boolean;
  transcribe(mediaPath: string, opts: ProviderCallOptions & { language: string }): Promise<Transcript>;
}

const PROVIDERS: Record<string, (cfg?: ProviderConfig) => Transcriber> = {
  local: () => new LocalTranscriber(),
  openai: (cfg) => OpenAiTranscriber.fromEnv(configEnv(cfg, VENDOR_VARS.transcribe), chosenModel(cfg)),
};

/**
 * The transcriber chosen by env TRANSCRIBER (or its older name TRANSCRIBE_PROVIDER): "local" (default; pocketsphinx, offline,
 * English) or "openai" (any OpenAI-compatible POST /audio/transcriptions: OpenAI's Whisper,
 * faster-whisper-server, ...). An unknown value throws so a typo fails loudly.
 */
export function getTranscriber(cfg?: ProviderConfig): Transcriber {
  const id = chosenId(cfg, process.env.TRANSCRIBER ?? process.env.TRANSCRIBE_PROVIDER);
  const make = PROVIDERS[id];
  if (!make) throw new Error(`Unknown TRANSCRIBER "${id}". Supported values: ${Object.keys(PROVIDERS).join(", ")}.`);
  return make(cfg);
}

/** The primary subtag of a language code, lower-cased: "en-US" -> "en". */
export const baseLanguage = (code: string) => code.split(/[-_]/)[0].toLowerCase();
