import { readWav } from "@/lib/media/wav";
import { openAIConfig, openAIPost, type OpenAIConfig } from "../openai/client";
import { malformed } from "../vendor";
import { speakBySentence } from "./assemble";
import type { SpeechProvider, SpeechResult, VoiceProfile } from "./index";

const VENDOR = "OpenAI";

/**
 * Speech from OpenAI's POST {base}/audio/speech or any server speaking it (Kokoro-FastAPI,
 * openedai-speech...): one call per sentence, answered as WAV, so each sentence's place in the
 * joined narration is exact (the endpoint gives no timestamps). The voice is OPENAI_SPEECH_VOICE;
 * a character's espeak settings do not apply to it.
 */
export class OpenAISpeechProvider implements SpeechProvider {
  readonly id = "openai";

  constructor(
    private readonly model = process.env.OPENAI_SPEECH_MODEL?.trim() || "gpt-4o-mini-tts",
    private readonly voice = process.env.OPENAI_SPEECH_VOICE?.trim() || "alloy",
    private readonly config: () => OpenAIConfig = openAIConfig,
  ) {}

  synthesize(text: string, _voice: VoiceProfile | null, outPath: string, opts: { signal?: AbortSignal } = {}): Promise<SpeechResult> {
    const cfg = this.config();
    const what = "OpenAI speech";
    return speakBySentence(text, outPath, async (input) => {
      const res = await openAIPost(cfg, {
        path: "/audio/speech",
        headers: { Accept: "audio/wav" },
        body: { model: this.model, input, voice: this.voice, response_format: "wav" },
        what,
        signal: opts.signal,
        keepBytes: 32 * 1024 * 1024,
      });
      try {
        const pcm = readWav(res.bytes);
        if (pcm.bitsPerSample !== 16) throw new Error(`${pcm.bitsPerSample}-bit samples`);
        return pcm;
      } catch (e) {
        throw malformed(VENDOR, what, `not a 16-bit PCM WAV: ${(e as Error).message}`);
      }
    });
  }
}
