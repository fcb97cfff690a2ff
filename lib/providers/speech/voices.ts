import type { VoiceProfile } from "./index";

export interface VoiceInfo {
  /** The speakerId to use in actor tracks. */
  name: string;
  displayName: string;
  languages: string[];
  genders: string[];
  profile: VoiceProfile;
}

// espeak-ng voices with its female/male variants: a small catalog that reads well in English
// and covers a few common languages. The engine has many more; these are the ones we vouch for.
const BASE: Array<[string, string, string]> = [
  ["en-us", "English (US)", "en-US"],
  ["en-gb", "English (UK)", "en-GB"],
  ["en-gb-scotland", "English (Scotland)", "en-GB"],
  ["en-029", "English (Caribbean)", "en"],
  ["es", "Spanish", "es-ES"],
  ["fr-fr", "French", "fr-FR"],
  ["de", "German", "de-DE"],
  ["it", "Italian", "it-IT"],
  ["pt-br", "Portuguese (Brazil)", "pt-BR"],
  ["nl", "Dutch", "nl-NL"],
];
const VARIANTS: Array<[string, string, string, number]> = [
  ["", "Narrator", "male", 50],
  ["+f3", "Ava", "female", 55],
  ["+m3", "Leo", "male", 40],
  ["+f4", "Mia", "female", 62],
];

/** Festival's HTS voices (lib/providers/speech/local.ts): clearer than espeak-ng's, English only. */
const CLEAR: VoiceInfo[] = [
  { name: "local-en-us-slt", displayName: "Sarah · English (US), clearest", languages: ["en-US"], genders: ["female"], profile: { engineVoice: "slt-hts" } },
];

/** The voices the offline speech engines offer, in the assets/voices dialect's terms: the clearest first. */
export function localVoices(): VoiceInfo[] {
  return [...CLEAR, ...espeakVoices()];
}

function espeakVoices(): VoiceInfo[] {
  return BASE.flatMap(([code, language, locale]) =>
    VARIANTS.map(([suffix, persona, gender, pitch]) => ({
      name: `local-${code}${suffix.replace("+", "-")}`,
      displayName: `${persona} · ${language}`,
      languages: [locale],
      genders: [gender],
      profile: { engineVoice: `${code}${suffix}`, pitch },
    })),
  );
}

export const DEFAULT_VOICE = "local-en-us";
/** Festival's HTS voice: what a new character is offered first (the default narrator stays espeak-ng's, which speaks every language listed). */
export const CLEAREST_VOICE = "local-en-us-slt";

/**
 * The profile behind a speakerId. Ids from other systems ("en-GB-RyanNeural") map to our voice
 * for their locale, so existing scripts keep working; null when nothing fits.
 */
export function voiceBySpeakerId(speakerId: string): VoiceProfile | null {
  const voices = localVoices();
  const exact = voices.find((v) => v.name === speakerId);
  if (exact) return exact.profile;
  const locale = /^([a-z]{2,3})(?:[-_]([A-Za-z]{2}))?/.exec(speakerId);
  if (!locale) return null;
  const wanted = [locale[2] ? `${locale[1]}-${locale[2]}`.toLowerCase() : null, locale[1].toLowerCase()].filter(Boolean);
  const female = /female|-f\b|(jenny|aria|sonia|libby|emma|ava|karen|anna|maria|julia)/i.test(speakerId);
  for (const code of wanted) {
    const match = voices.find((v) => v.profile.engineVoice === `${code}${female ? "+f3" : ""}`) ?? voices.find((v) => v.profile.engineVoice === code);
    if (match) return match.profile;
  }
  return null;
}
