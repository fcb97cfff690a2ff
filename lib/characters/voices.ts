import { AppError } from "@/lib/errors";
import { localVoices, voiceBySpeakerId } from "@/lib/providers/speech/voices";

/**
 * A character's catalogue voice must exist: an id of the speech engine's catalogue, or an id of
 * another system ("en-US-Neural2-A") that maps to the voice of its locale. Otherwise a 400 that
 * names the id and lists the catalogue, rather than a character that silently speaks with the
 * default narrator.
 */
export function checkCatalogueVoice(voiceId: string | null | undefined, field = "voiceId"): void {
  if (!voiceId || voiceBySpeakerId(voiceId)) return;
  const names = localVoices().map((v) => v.name);
  throw new AppError(
    "bad_request",
    `there is no voice "${voiceId}"; available: ${names.join(", ")} (or a locale id such as en-US-Neural2-A, which speaks with the voice of its locale)`,
    field,
  );
}
