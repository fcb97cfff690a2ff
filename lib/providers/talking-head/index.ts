import { chosenId, chosenModel, configEnv, VENDOR_VARS, type ProviderConfig } from "@/lib/providers/choice";
import { falConfig } from "@/lib/providers/fal/client";
import type { ProviderCallOptions } from "@/lib/providers/jobs";
import type { VoiceProfile } from "@/lib/providers/speech/index";
import { FalTalkingHeadProvider } from "./fal";
import { heyGenConfig, HeyGenTalkingHeadProvider } from "./heygen";
import { LocalTalkingHeadProvider } from "./local";

/** A character speaking, as one clip: who appears, what they say, and the clip's size. */
export interface TalkingHeadRequest {
  /** The character's photo (a local PNG or JPEG); a vendor animates it. */
  photoPath?: string | null;
  /** An avatar the vendor already has (HeyGen's avatar_id); preferred over the photo where the vendor knows it. */
  avatarId?: string | null;
  /** Narration already spoken (a local audio file): the clip lip-syncs to it. */
  audioPath?: string | null;
  /** Else the text to speak, in `voice` (the provider's default voice when it is not one of its own). */
  text?: string | null;
  voice?: VoiceProfile | null;
  width: number;
  height: number;
  /** Where the MP4 is written. */
  outPath: string;
  /** Scratch space the caller creates and removes. */
  workDir: string;
}

export interface TalkingHeadResult {
  path: string;
  durationMs: number;
}

/**
 * A photo (or a vendor's avatar) and speech in, an MP4 of the character speaking out. The local
 * provider animates the photo by the speech's loudness (honestly: not lip-sync); vendors lip-sync.
 */
export interface TalkingHeadProvider {
  readonly id: string;
  render(req: TalkingHeadRequest, opts?: ProviderCallOptions): Promise<TalkingHeadResult>;
}

const PROVIDERS: Record<string, (cfg?: ProviderConfig) => TalkingHeadProvider> = {
  local: () => new LocalTalkingHeadProvider(),
  heygen: (cfg) => new HeyGenTalkingHeadProvider(() => heyGenConfig(configEnv(cfg, VENDOR_VARS.heygen))),
  fal: (cfg) => new FalTalkingHeadProvider(chosenModel(cfg), () => falConfig(configEnv(cfg, VENDOR_VARS.fal))),
};

/**
 * The talking-head provider chosen by env TALKING_HEAD_PROVIDER: "local" (default, the in-house
 * animated photo), "heygen" (HeyGen's v2 video API, HEYGEN_API_KEY) or "fal" (a lip-sync model on
 * fal's queue, FAL_KEY, FAL_LIPSYNC_MODEL). An unknown value throws so a typo fails loudly.
 */
export function getTalkingHeadProvider(cfg?: ProviderConfig): TalkingHeadProvider {
  const id = chosenId(cfg, process.env.TALKING_HEAD_PROVIDER);
  const make = PROVIDERS[id];
  if (!make) throw new Error(`Unknown TALKING_HEAD_PROVIDER "${id}". Supported values: ${Object.keys(PROVIDERS).join(", ")}.`);
  return make(cfg);
}
