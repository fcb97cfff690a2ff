import { FalImageProvider } from "./fal";
import { LocalImageProvider } from "./local";
import { OpenAIImageProvider } from "./openai";
import { chosenId, chosenModel, configEnv, VENDOR_VARS, type ProviderConfig } from "@/lib/providers/choice";
import { falConfig } from "@/lib/providers/fal/client";
import type { ProviderCallOptions } from "@/lib/providers/jobs";
import { openAIConfig } from "@/lib/providers/openai/client";

/** What to paint: a prompt, an exact pixel size, and a seed that makes the result repeatable. */
export interface ImageRequest {
  prompt: string;
  width: number;
  height: number;
  seed: string;
  /** The character's photo, shown in the frame when given. */
  referencePhotoPath?: string | null;
  /** The story's image model ("flux-pro"); a provider that knows the name uses that model, others ignore it. */
  model?: string | null;
}

export interface ImageResult {
  path: string;
  width: number;
  height: number;
  mime: "image/png";
}

/** Paints one still frame for a scene and writes it as a PNG to `outPath`. */
export interface ImageProvider {
  readonly id: string;
  /** Painting costs nothing (offline): the studio may paint previews before approval. */
  readonly freePreview: boolean;
  generate(req: ImageRequest, outPath: string, opts?: ProviderCallOptions): Promise<ImageResult>;
}

const PROVIDERS: Record<string, (cfg?: ProviderConfig) => ImageProvider> = {
  local: () => new LocalImageProvider(),
  openai: (cfg) => new OpenAIImageProvider(chosenModel(cfg), () => openAIConfig(configEnv(cfg, VENDOR_VARS.openai))),
  fal: (cfg) => new FalImageProvider(chosenModel(cfg), () => falConfig(configEnv(cfg, VENDOR_VARS.fal))),
};

/**
 * The image provider chosen by env IMAGE_PROVIDER: "local" (default, the procedural painter) or
 * "openai" (OpenAI's images API or any server speaking it, at OPENAI_BASE_URL; OPENAI_IMAGE_MODEL) or
 * "fal" (a FLUX model on fal's queue; FAL_KEY, FAL_IMAGE_MODEL).
 * An unknown value throws so a typo fails loudly instead of silently using another provider.
 * `cfg`, a workspace's own choice (lib/providers/settings.ts), takes the place of the env.
 */
export function getImageProvider(cfg?: ProviderConfig): ImageProvider {
  const id = chosenId(cfg, process.env.IMAGE_PROVIDER);
  const make = PROVIDERS[id];
  if (!make) throw new Error(`Unknown IMAGE_PROVIDER "${id}". Supported values: ${Object.keys(PROVIDERS).join(", ")}.`);
  return make(cfg);
}
