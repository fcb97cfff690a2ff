/**
 * The containers a voice sample may come in, as ffmpeg's demuxers name them, and the MIME type
 * each is stored under: mp3, wav, m4a/mp4 (AAC, ALAC), raw AAC, Ogg (Vorbis, Opus), WebM/Matroska
 * (what browsers record), FLAC.
 */
const MIME_BY_DEMUXER: Record<string, string> = {
  mp3: "audio/mpeg",
  wav: "audio/wav",
  "mov,mp4,m4a,3gp,3g2,mj2": "audio/mp4",
  aac: "audio/aac",
  ogg: "audio/ogg",
  "matroska,webm": "audio/webm",
  flac: "audio/flac",
};

export const VOICE_SAMPLE_FORMATS: readonly string[] = [...new Set(Object.keys(MIME_BY_DEMUXER).flatMap((k) => k.split(",")))];

/** The MIME type for ffprobe's `format_name`, or null for a container we do not take. */
export function audioMimeForFormat(formatName: string): string | null {
  return MIME_BY_DEMUXER[formatName] ?? null;
}
