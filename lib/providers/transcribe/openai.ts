import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { KnownFailure } from "@/lib/errors";
import { runFfmpeg } from "@/lib/media/ffmpeg";
import { asCallerAbort, malformed, retrying, vendorRequest, vendorSlot } from "../vendor";
import { groupWords } from "./group";
import { baseLanguage, type Transcriber, type Transcript, type TranscriptSegment, type TranscriptWord } from "./index";

export interface OpenAiTranscriberConfig {
  /** Up to and including the API version: https://api.openai.com/v1, or a self-hosted server's /v1. */
  baseUrl: string;
  apiKey?: string;
  model: string;
  timeoutMs?: number;
}

const WHAT = "OpenAI transcription";

/** OpenAI's upload limit for /audio/transcriptions. */
export const OPENAI_MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

/** verbose_json as OpenAI documents it (and faster-whisper-server answers it); only what we read. */
interface VerboseJson {
  text?: string;
  language?: string;
  duration?: number;
  segments?: Array<{ start?: number; end?: number; text?: string }>;
  words?: Array<{ word?: string; start?: number; end?: number }>;
}

/**
 * Any OpenAI-compatible speech-to-text server: POST {base}/audio/transcriptions as
 * multipart/form-data (file, model, response_format=verbose_json, timestamp_granularities[] =
 * word and segment, language), answered with the text, segments and words in seconds. OpenAI's
 * Whisper and self-hosted faster-whisper servers speak it. The request goes through
 * lib/net/outbound like every request the server makes.
 */
export class OpenAiTranscriber implements Transcriber {
  readonly id = "openai" as const;

  constructor(private readonly config: OpenAiTranscriberConfig) {}

  /**
   * The server at TRANSCRIBE_OPENAI_BASE_URL, else OPENAI_BASE_URL (the one OpenAI-compatible
   * server of the other capabilities), else OpenAI's; the key TRANSCRIBE_OPENAI_API_KEY, else
   * OPENAI_API_KEY; the model OPENAI_TRANSCRIBE_MODEL (or TRANSCRIBE_OPENAI_MODEL), else whisper-1.
   */
  static fromEnv(e: NodeJS.ProcessEnv = process.env, model?: string): OpenAiTranscriber {
    return new OpenAiTranscriber({
      baseUrl: e.TRANSCRIBE_OPENAI_BASE_URL?.trim() || e.OPENAI_BASE_URL?.trim() || "https://api.openai.com/v1",
      apiKey: e.TRANSCRIBE_OPENAI_API_KEY?.trim() || e.OPENAI_API_KEY?.trim() || undefined,
      model: model || e.OPENAI_TRANSCRIBE_MODEL?.trim() || e.TRANSCRIBE_OPENAI_MODEL?.trim() || "whisper-1",
      timeoutMs: Number(e.OPENAI_TIMEOUT_MS) > 0 ? Number(e.OPENAI_TIMEOUT_MS) : undefined,
    });
  }

  supports(): boolean {
    return true;
  }

  async transcribe(mediaPath: string, opts: { language: string; signal?: AbortSignal }): Promise<Transcript> {
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), "cinetwin-whisper-"));
    try {
      // 16 kHz mono FLAC: lossless for speech and small enough for the 25 MB limit up to about an hour.
      const audio = path.join(tmp, "audio.flac");
      await runFfmpeg(["-y", "-i", mediaPath, "-vn", "-ac", "1", "-ar", "16000", "-c:a", "flac", audio], { signal: opts.signal });
      const bytes = await fs.readFile(audio);
      if (bytes.length > OPENAI_MAX_UPLOAD_BYTES) throw new KnownFailure("the audio is too long for the transcription service (25 MB)", false);
      const form = new FormData();
      form.append("model", this.config.model);
      form.append("response_format", "verbose_json");
      form.append("timestamp_granularities[]", "word");
      form.append("timestamp_granularities[]", "segment");
      form.append("language", baseLanguage(opts.language));
      form.append("file", new Blob([bytes], { type: "audio/flac" }), "audio.flac");
      // Typed like every vendor call: a refusal is final in the server's words, a 429 or 5xx is tried again here.
      const res = await retrying(
        () =>
          vendorSlot("openai", () =>
            vendorRequest({
              vendor: "OpenAI",
              what: WHAT,
              method: "POST",
              url: `${this.config.baseUrl.replace(/\/+$/, "")}/audio/transcriptions`,
              token: this.config.apiKey,
              body: form,
              keepBytes: 8 * 1024 * 1024,
              timeoutMs: this.config.timeoutMs ?? 300_000,
              signal: opts.signal,
            }),
          ),
        { kinds: ["rate_limited", "retryable"], signal: opts.signal },
      ).catch((e: unknown) => {
        throw asCallerAbort(e, opts.signal);
      });
      const json = res.json as VerboseJson | null;
      if (!json || typeof json !== "object") throw malformed("OpenAI", WHAT, "not JSON");
      return { segments: segmentsOf(json) };
    } finally {
      await fs.rm(tmp, { recursive: true, force: true });
    }
  }
}

const ms = (s: unknown) => (typeof s === "number" && Number.isFinite(s) ? Math.max(0, Math.round(s * 1000)) : null);

/**
 * Caption segments from verbose_json: the server's segments with the words that fall inside each
 * (Whisper's segments run to 30 s, so a long one is regrouped from its words to a readable length);
 * without segments, the words grouped. Pure.
 */
export function segmentsOf(json: VerboseJson): TranscriptSegment[] {
  const words: TranscriptWord[] = (json.words ?? []).flatMap((w) => {
    const startMs = ms(w.start);
    const endMs = ms(w.end);
    const text = (w.word ?? "").trim();
    return text && startMs !== null && endMs !== null && endMs >= startMs ? [{ text, startMs, endMs }] : [];
  });
  const segments = (json.segments ?? []).flatMap((s) => {
    const startMs = ms(s.start);
    const endMs = ms(s.end);
    const text = (s.text ?? "").trim();
    return text && startMs !== null && endMs !== null && endMs > startMs ? [{ text, startMs, endMs }] : [];
  });
  if (!segments.length) return groupWords(words);
  return segments.flatMap((seg) => {
    const inside = words.filter((w) => w.startMs >= seg.startMs - 50 && w.startMs < seg.endMs);
    if (inside.length && seg.text.length > 84) return groupWords(inside);
    return [{ ...seg, ...(inside.length ? { words: inside } : {}) }];
  });
}
