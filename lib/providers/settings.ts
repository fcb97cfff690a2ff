import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { workspaceProviders } from "@/db/schema/providers";
import { openToken, sealToken } from "@/lib/social/tokens";
import type { Capability } from "@/lib/validation/provider-settings";
import type { ProviderConfig } from "./choice";
import { getImageProvider, type ImageProvider } from "./image/index";
import { getMotionProvider, type MotionProvider } from "./motion/index";
import { getSpeechProvider, type SpeechProvider } from "./speech/index";
import { getStoryWriter, type StoryWriter } from "./story/index";
import { getTalkingHeadProvider, type TalkingHeadProvider } from "./talking-head/index";
import { getTranscriber, type Transcriber } from "./transcribe/index";
import { getUpscaleProvider, type UpscaleProvider } from "./upscale/index";
import { isProviderError } from "./vendor";

/**
 * A workspace's effective provider per capability: its own setting (Settings > Providers), else
 * the operator's environment, else "local". Keys are sealed with the social tokens' AES-256-GCM
 * (same key source); the workspace and capability are the associated data, so a sealed key
 * copied onto another row does not open.
 */

const aad = (workspaceId: string, capability: Capability) => `provider:${workspaceId}:${capability}`;

export const sealProviderKey = (key: string, workspaceId: string, capability: Capability) => sealToken(key, aad(workspaceId, capability));
export const openProviderKey = (sealed: string, workspaceId: string, capability: Capability) => openToken(sealed, aad(workspaceId, capability));

/** The provider the environment names for a capability, "local" when it names none. */
export function envProviderId(capability: Capability, env: NodeJS.ProcessEnv = process.env): string {
  const named: Record<Capability, string | undefined> = {
    story: env.STORY_WRITER,
    image: env.IMAGE_PROVIDER,
    motion: env.MOTION_PROVIDER,
    speech: env.SPEECH_PROVIDER,
    "voice-clone": env.ELEVENLABS_API_KEY?.trim() ? "elevenlabs" : undefined,
    transcription: env.TRANSCRIBER ?? env.TRANSCRIBE_PROVIDER,
    "talking-head": env.TALKING_HEAD_PROVIDER,
    upscale: env.UPSCALE_PROVIDER,
  };
  return (named[capability] ?? "").trim().toLowerCase() || "local";
}

export interface ProviderChoice {
  capability: Capability;
  /** Who decided: the workspace's settings, the operator's env, or nobody (local). */
  source: "workspace" | "env" | "default";
  id: string;
  /** Set when the workspace decided; the factories read the env otherwise. Holds the unsealed key: server only. */
  config?: ProviderConfig;
  fallbackToOffline: boolean;
}

/** The effective choice for one capability of a workspace. */
export async function providerChoice(db: DbOrTx, workspaceId: string, capability: Capability): Promise<ProviderChoice> {
  const [row] = await db
    .select()
    .from(workspaceProviders)
    .where(and(eq(workspaceProviders.workspaceId, workspaceId), eq(workspaceProviders.capability, capability)));
  if (row) {
    const apiKey = row.sealedKey ? openProviderKey(row.sealedKey, workspaceId, capability) : null;
    return {
      capability,
      source: "workspace",
      id: row.providerId,
      config: { id: row.providerId, model: row.model, baseUrl: row.baseUrl, apiKey },
      fallbackToOffline: row.fallbackToOffline,
    };
  }
  const id = envProviderId(capability);
  return { capability, source: id === "local" ? "default" : "env", id, fallbackToOffline: false };
}

type Providers = {
  story: StoryWriter;
  image: ImageProvider;
  motion: MotionProvider;
  speech: SpeechProvider;
  transcription: Transcriber;
  "talking-head": TalkingHeadProvider;
  upscale: UpscaleProvider;
};
/** Capabilities served by one provider instance (voice clone is asked for by name per character). */
export type InstanceCapability = keyof Providers;

const FACTORIES: { [C in InstanceCapability]: (cfg?: ProviderConfig) => Providers[C] } = {
  story: getStoryWriter,
  image: getImageProvider,
  motion: getMotionProvider,
  speech: getSpeechProvider,
  transcription: getTranscriber,
  "talking-head": getTalkingHeadProvider,
  upscale: getUpscaleProvider,
};

export interface ChosenProvider<C extends InstanceCapability> {
  provider: Providers[C];
  choice: ProviderChoice;
  /** The offline provider of the capability, for the fallback. */
  local(): Providers[C];
}

/** The provider instance a workspace uses for `capability`, with how it was chosen. */
export async function providerFor<C extends InstanceCapability>(db: DbOrTx, workspaceId: string, capability: C): Promise<ChosenProvider<C>> {
  const choice = await providerChoice(db, workspaceId, capability);
  const make = FACTORIES[capability] as (cfg?: ProviderConfig) => Providers[C];
  return { provider: make(choice.config), choice, local: () => make({ id: "local", model: null, baseUrl: null, apiKey: null }) };
}

/** The part of a scene each capability makes, as a scene's note names it. */
const PART_OF: Partial<Record<Capability, string>> = {
  image: "Frame",
  speech: "Narration",
  motion: "Motion",
  upscale: "Upscale",
  transcription: "Captions",
  "talking-head": "Talking head",
  "voice-clone": "Voice",
};

/** What a scene records when a part of it was made offline instead: "Frame made offline: fal failed: ...". */
export const offlineNote = (capability: Capability, providerId: string, message: string) =>
  `${PART_OF[capability] ?? capability} made offline: ${providerId} failed: ${message}`;

/** A scene's note with `text` added (notes are joined by "; "). */
export const withNote = (note: string | null, text: string) => (note ? `${note}; ${text}` : text);

/**
 * A scene's note without what it said about `capabilities` (their parts are being made again),
 * or null when nothing is left. Notes are joined by "; ", each starting with its part.
 */
export function dropOfflineNotes(note: string | null, capabilities: Capability[]): string | null {
  if (!note) return null;
  const gone = new Set(capabilities.map((c) => PART_OF[c] ?? c));
  const kept = note.split(/; (?=[A-Z][\w ]* made offline: )/).filter((n) => !gone.has(n.slice(0, n.indexOf(" made offline: "))));
  return kept.length ? kept.join("; ") : null;
}

/**
 * Runs `call` with the chosen provider; when it fails with a ProviderError and the capability
 * falls back to offline, runs it again with the local provider and reports why through `note`.
 * Any other failure (an abort, a bug), or a failure without fallback, is thrown as before.
 */
export async function withOfflineFallback<C extends InstanceCapability, T>(
  chosen: ChosenProvider<C>,
  call: (provider: Providers[C]) => Promise<T>,
  note: (text: string) => Promise<void>,
): Promise<T> {
  try {
    return await call(chosen.provider);
  } catch (e) {
    if (!isProviderError(e) || !chosen.choice.fallbackToOffline || chosen.provider.id === "local") throw e;
    await note(offlineNote(chosen.choice.capability, chosen.provider.id, e.message));
    return call(chosen.local());
  }
}
