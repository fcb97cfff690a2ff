import { z } from "zod";
import { serialIdSchema } from "./ids";

/** Who can clone a voice: "local" (offline, espeak-ng profile) and the seed's "elevenlabs". */
export const voiceCloneProviderIds = ["local", "elevenlabs"] as const;
export type VoiceCloneProviderId = (typeof voiceCloneProviderIds)[number];

/** What a voice sample may be: checked by probing the file, never by its name or claimed type. */
export const VOICE_SAMPLE_MAX_BYTES = 20 * 1024 * 1024;
export const VOICE_SAMPLE_MIN_MS = 3_000;
export const VOICE_SAMPLE_MAX_MS = 5 * 60_000;
/** File types the upload control offers; the server decides by content. */
export const VOICE_SAMPLE_ACCEPT = "audio/*,.mp3,.wav,.m4a,.aac,.ogg,.opus,.webm,.flac";

/** A retry of a failed clone from the studio (the stored sample is analysed again). */
export const retryVoiceCloneInput = z.object({ characterId: serialIdSchema("Choose a character") });
