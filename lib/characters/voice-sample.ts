import { audioMimeForFormat, VOICE_SAMPLE_FORMATS } from "@/lib/media/audio-formats";
import { probe, runFfmpeg, untrustedInputArgs, type ProbeResult } from "@/lib/media/ffmpeg";
import { AppError } from "@/lib/errors";
import { VOICE_SAMPLE_MAX_BYTES, VOICE_SAMPLE_MAX_MS, VOICE_SAMPLE_MIN_MS } from "@/lib/validation/voice";

export interface VoiceSampleInfo {
  mime: string;
  durationMs: number;
}

const NOT_AUDIO = "is not an audio file we can read: use mp3, wav, m4a/aac, ogg/opus, webm or flac";
const mb = (bytes: number) => (bytes / 1048576).toFixed(1);
const clock = (ms: number) => `${Math.floor(ms / 60000)}:${String(Math.floor((ms % 60000) / 1000)).padStart(2, "0")}`;

/**
 * Checks an uploaded voice sample by its content, never by its name or claimed type: a
 * whitelisted audio container with an audio stream and no real video, decodable from end to end,
 * 3 s to 5 min long. Every problem is a 400 naming `field`.
 */
export async function inspectVoiceSample(filePath: string, sizeBytes: number, field = "audio_file"): Promise<VoiceSampleInfo> {
  const fail = (message: string) => new AppError("bad_request", `${field} ${message}`, field);
  if (sizeBytes === 0) throw fail("is empty");
  if (sizeBytes > VOICE_SAMPLE_MAX_BYTES) {
    throw fail(`is too large (${mb(sizeBytes)} MB; the limit is ${mb(VOICE_SAMPLE_MAX_BYTES)} MB)`);
  }
  let info: ProbeResult;
  try {
    info = await probe(filePath, { formats: VOICE_SAMPLE_FORMATS });
  } catch {
    throw fail(NOT_AUDIO);
  }
  const mime = audioMimeForFormat(info.formatName);
  if (!mime || !info.streams.some((s) => s.codecType === "audio")) throw fail(NOT_AUDIO);
  // Cover art is fine; a moving picture means someone sent a video.
  if (info.streams.some((s) => s.codecType === "video" && !s.attachedPicture)) throw fail("must be an audio recording, not a video");
  if (info.durationMs > VOICE_SAMPLE_MAX_MS + 1000) throw fail(`is too long (${clock(info.durationMs)}; the limit is 5 minutes)`);

  // Browsers' recordings (WebM from MediaRecorder) carry no duration, and a header can lie:
  // decoding the stream both measures it and proves it is audio all the way through.
  let decodedMs = 0;
  try {
    await runFfmpeg(
      [...untrustedInputArgs(VOICE_SAMPLE_FORMATS), "-i", filePath, "-map", "0:a:0", "-t", String(VOICE_SAMPLE_MAX_MS / 1000 + 1), "-f", "null", "-"],
      { onProgress: (ms) => (decodedMs = Math.max(decodedMs, ms)) },
    );
  } catch {
    throw fail("could not be decoded: the file is damaged or not audio");
  }
  const durationMs = decodedMs || info.durationMs;
  if (durationMs < VOICE_SAMPLE_MIN_MS) throw fail(`is too short (${(durationMs / 1000).toFixed(1)} s; record at least ${VOICE_SAMPLE_MIN_MS / 1000} s)`);
  if (durationMs > VOICE_SAMPLE_MAX_MS) throw fail(`is too long (${clock(durationMs)}; the limit is 5 minutes)`);
  return { mime, durationMs };
}
