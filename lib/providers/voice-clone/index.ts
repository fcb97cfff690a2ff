import { configEnv, VENDOR_VARS, type ProviderConfig } from "@/lib/providers/choice";
import { elevenLabsConfig } from "@/lib/providers/elevenlabs/client";
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
const VENDORS: Partial<Record<VoiceCloneProviderId, { configured(cfg?: ProviderConfig): boolean; make(cfg?: ProviderConfig): VoiceCloneProvider }>> = {
  elevenlabs: {
    configured: (cfg) => ElevenLabsVoiceCloneProvider.configured(configEnv(cfg, VENDOR_VARS.elevenlabs)),
    make: (cfg) => new ElevenLabsVoiceCloneProvider(() => elevenLabsConfig(configEnv(cfg, VENDOR_VARS.elevenlabs))),
  },
};

/** A workspace's configuration applies only to the vendor it names. */
const forVendor = (id: VoiceCloneProviderId, cfg?: ProviderConfig) => (cfg?.id === id ? cfg : undefined);

/** Which provider serves a request for `requested`: the vendor when configured (by the workspace's `cfg` or the env), else local. */
export function resolveVoiceCloneProvider(requested: VoiceCloneProviderId, cfg?: ProviderConfig): { id: VoiceCloneProviderId; fallback: boolean } {
  if (requested !== "local" && VENDORS[requested]?.configured(forVendor(requested, cfg))) return { id: requested, fallback: false };
  return { id: "local", fallback: requested !== "local" };
}

export function getVoiceCloneProvider(id: VoiceCloneProviderId, cfg?: ProviderConfig): VoiceCloneProvider {
  const vendor = id === "local" ? undefined : VENDORS[id];
  const own = forVendor(id, cfg);
  return vendor?.configured(own) ? vendor.make(own) : new LocalVoiceCloneProvider();
}
