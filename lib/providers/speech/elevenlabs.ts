import fs from "node:fs/promises";
import path from "node:path";
import { levelSpeech } from "@/lib/media/loudness";
import { pcmDurationMs, writeWav, type Pcm } from "@/lib/media/wav";
import { storage } from "@/lib/storage/local";
import { ELEVENLABS, elevenLabsConfig, elevenLabsRequest, type ElevenLabsConfig } from "../elevenlabs/client";
import { callScope, runVendorCall, type ProviderCallOptions } from "../jobs";
import { malformed } from "../vendor";
import type { SpeechProvider, SpeechResult, SpeechSegment, VoiceProfile } from "./index";
import { splitSentences } from "./sentences";

/** Raw 16-bit mono PCM at 24 kHz: every plan has it, and it becomes a WAV without a decoder. */
const OUTPUT_FORMAT = "pcm_24000";
const SAMPLE_RATE = 24_000;
/** One request's text at most; the models take 10,000 characters (multilingual v2) or more. */
const CHUNK_CHARS = 4_500;
/** A stock voice of ElevenLabs' library ("George"), for characters without a voice of their own there. */
export const ELEVENLABS_DEFAULT_VOICE = "JBFqnCBsd6RMkjVDRZzb";
const WHAT = "ElevenLabs speech";

interface Alignment {
  characters: string[];
  character_start_times_seconds: number[];
  character_end_times_seconds: number[];
}

/** What a finished call keeps in its provider_jobs record: our copy of the audio, not the audio. */
type Spoken = { storageKey: string | null; durationMs: number; segments: SpeechSegment[] };

/**
 * Speech from ElevenLabs' POST /v1/text-to-speech/{voice_id}/with-timestamps: the narration in
 * one call (a very long one in a few), answered as PCM with each character's start and end, so
 * each sentence's caption timing is the vendor's own. A character's cloned ElevenLabs voice
 * (`{ provider: "elevenlabs", voiceId }`) speaks; any other voice is ELEVENLABS_VOICE_ID.
 * Under a scope the call is recorded and its audio stored, so a retry never pays twice.
 */
export class ElevenLabsSpeechProvider implements SpeechProvider {
  readonly id = "elevenlabs";

  constructor(
    private readonly model = process.env.ELEVENLABS_MODEL?.trim() || "eleven_multilingual_v2",
    private readonly voice = process.env.ELEVENLABS_VOICE_ID?.trim() || ELEVENLABS_DEFAULT_VOICE,
    private readonly config: () => ElevenLabsConfig = elevenLabsConfig,
    private readonly chunkChars = CHUNK_CHARS,
  ) {}

  voiceOf(profile: VoiceProfile | null): string {
    return profile?.provider === "elevenlabs" && profile.voiceId ? profile.voiceId : this.voice;
  }

  async synthesize(text: string, profile: VoiceProfile | null, outPath: string, opts: ProviderCallOptions = {}): Promise<SpeechResult> {
    const sentences = splitSentences(text);
    if (sentences.length === 0) throw new Error("there is no text to speak");
    const voiceId = this.voiceOf(profile);
    const scope = callScope(opts);
    const workspaceId = "db" in scope ? scope.workspaceId : null;
    await fs.mkdir(path.dirname(outPath), { recursive: true });
    let fresh = false;
    const spoken = await runVendorCall<Spoken>(scope, {
      vendor: ELEVENLABS,
      model: this.model,
      request: { voice_id: voiceId, text: sentences, output_format: OUTPUT_FORMAT },
      call: async () => {
        const { pcm, segments } = await this.speak(sentences, voiceId, scope.signal);
        await fs.writeFile(outPath, writeWav(levelSpeech(pcm)));
        fresh = true;
        // The audio is megabytes: the record keeps a stored copy's key, not base64.
        const storageKey = workspaceId ? await storage().put(workspaceId, "wav", { path: outPath }) : null;
        return { result: { storageKey, durationMs: Math.round(pcmDurationMs(pcm)), segments } };
      },
    });
    if (!fresh) {
      if (!spoken.storageKey) throw new Error("the recorded ElevenLabs speech has no stored audio");
      await fs.copyFile(await storage().localPath(spoken.storageKey), outPath);
    }
    return { path: outPath, durationMs: spoken.durationMs, segments: spoken.segments };
  }

  /** Speaks the sentences chunk by chunk and joins the audio; each sentence placed by the alignment. */
  private async speak(sentences: string[], voiceId: string, signal: AbortSignal | undefined): Promise<{ pcm: Pcm; segments: SpeechSegment[] }> {
    const cfg = this.config();
    const parts: Buffer[] = [];
    const segments: SpeechSegment[] = [];
    let offsetMs = 0;
    for (const chunk of chunks(sentences, this.chunkChars)) {
      const res = await elevenLabsRequest(cfg, {
        method: "POST",
        path: `/v1/text-to-speech/${encodeURIComponent(voiceId)}/with-timestamps?output_format=${OUTPUT_FORMAT}`,
        body: { text: chunk.join(" "), model_id: this.model },
        what: WHAT,
        signal,
        keepBytes: 64 * 1024 * 1024,
      });
      const { audio, alignment } = answerOf(res.json);
      const durationMs = (audio.length / 2 / SAMPLE_RATE) * 1000;
      for (const s of sentenceTimes(chunk, alignment))
        segments.push({ text: s.text, startMs: Math.round(offsetMs + s.startMs), endMs: Math.round(offsetMs + Math.min(durationMs, s.endMs)) });
      parts.push(audio);
      offsetMs += durationMs;
    }
    return { pcm: { sampleRate: SAMPLE_RATE, channels: 1, bitsPerSample: 16, data: Buffer.concat(parts) }, segments };
  }
}

/** Sentences grouped into requests of at most `max` characters (a longer sentence goes alone). */
function chunks(sentences: string[], max: number): string[][] {
  const out: string[][] = [];
  let size = 0;
  for (const s of sentences) {
    if (out.length === 0 || size + s.length + 1 > max) {
      out.push([]);
      size = 0;
    }
    out[out.length - 1].push(s);
    size += s.length + 1;
  }
  return out;
}

function answerOf(json: unknown): { audio: Buffer; alignment: Alignment } {
  const j = json as { audio_base64?: unknown; alignment?: Partial<Alignment> | null } | null;
  if (typeof j?.audio_base64 !== "string" || !j.audio_base64) throw malformed(ELEVENLABS, WHAT, "no audio_base64");
  const audio = Buffer.from(j.audio_base64, "base64");
  if (audio.length === 0 || audio.length % 2 !== 0) throw malformed(ELEVENLABS, WHAT, "audio_base64 is not 16-bit PCM");
  const a = j.alignment;
  const ok =
    Array.isArray(a?.characters) &&
    Array.isArray(a.character_start_times_seconds) &&
    Array.isArray(a.character_end_times_seconds) &&
    a.characters.length === a.character_start_times_seconds.length &&
    a.characters.length === a.character_end_times_seconds.length &&
    [...a.character_start_times_seconds, ...a.character_end_times_seconds].every((t) => typeof t === "number" && Number.isFinite(t));
  if (!ok) throw malformed(ELEVENLABS, WHAT, "no character alignment");
  return { audio, alignment: a as Alignment };
}

/**
 * Where each sentence is heard, from the character alignment (pure): sentences and alignment are
 * matched on their non-space characters in order (splitting only trimmed and folded spaces), so a
 * sentence runs from its first character's start to its last character's end.
 */
export function sentenceTimes(sentences: string[], alignment: Alignment): SpeechSegment[] {
  const spoken: Array<{ start: number; end: number }> = [];
  alignment.characters.forEach((c, i) => {
    for (const ch of c) if (!/\s/.test(ch)) spoken.push({ start: alignment.character_start_times_seconds[i], end: alignment.character_end_times_seconds[i] });
  });
  const letters = (s: string) => [...s.replace(/\s+/g, "")].length;
  const wanted = sentences.reduce((n, s) => n + letters(s), 0);
  if (wanted !== spoken.length) throw malformed(ELEVENLABS, WHAT, `the alignment has ${spoken.length} characters for ${wanted}`);
  let at = 0;
  return sentences.map((text) => {
    const n = letters(text);
    const first = spoken[at];
    const last = spoken[at + n - 1];
    at += n;
    return { text, startMs: first.start * 1000, endMs: Math.max(first.start, last.end) * 1000 };
  });
}
