import type { VendorCallScope } from "@/lib/providers/jobs";
import type { VoiceProfile } from "@/lib/providers/speech/index";
import type { VoiceCloneProviderId } from "@/lib/validation/voice";
import { ElevenLabsVoiceCloneProvider } from "./elevenlabs";
import { LocalVoiceCloneProvider } from "./local";
import type { VoiceMeasurements } from "./profile";

export { VoiceSampleError } from "./profile";
export type { VoiceMeasurements } from "./profile";

export interface VoiceCloneRequest {
  /** A local audio file in any format ffmpeg decodes (already validated on upload). */
  samplePath: string;
  /** Scratch space the caller creates and removes. */
  workDir: string;
  signal?: AbortSignal;
  /** What the voice is called at a vendor that lists voices by name: the character's name. */
  name?: string;
  /** Where a vendor's clone is recorded, so a retried job does not make the voice twice. */
  scope?: VendorCallScope;
}

export interface VoiceCloneResult {
  /** The profile narration uses from now on. */
  profile: VoiceProfile;
  /** What was heard in the sample, when the provider measures it. */
  measured?: VoiceMeasurements;
}

/**
 * Turns a voice sample into a VoiceProfile for our speech engines. A sample without usable speech
 * rejects with VoiceSampleError (not worth retrying); anything else may be transient.
 */
export interface VoiceCloneProvider {
  readonly id: VoiceCloneProviderId;
  clone(req: VoiceCloneRequest): Promise<VoiceCloneResult>;
}

/**
 * Vendor adapters by id, each usable once configured: "elevenlabs" with ELEVENLABS_API_KEY set
 * (its voice is spoken by SPEECH_PROVIDER=elevenlabs). A request for a vendor that is not
 * configured is served by the local profiler, and the response says so.
 */
const VENDORS: Partial<Record<VoiceCloneProviderId, { configured(): boolean; make(): VoiceCloneProvider }>> = {
  elevenlabs: { configured: () => ElevenLabsVoiceCloneProvider.configured(), make: () => new ElevenLabsVoiceCloneProvider() },
};

/** Which provider serves a request for `requested`: the vendor when configured, else local. */
export function resolveVoiceCloneProvider(requested: VoiceCloneProviderId): { id: VoiceCloneProviderId; fallback: boolean } {
  if (requested !== "local" && VENDORS[requested]?.configured()) return { id: requested, fallback: false };
  return { id: "local", fallback: requested !== "local" };
}

export function getVoiceCloneProvider(id: VoiceCloneProviderId): VoiceCloneProvider {
  const vendor = id === "local" ? undefined : VENDORS[id];
  return vendor?.configured() ? vendor.make() : new LocalVoiceCloneProvider();
}
