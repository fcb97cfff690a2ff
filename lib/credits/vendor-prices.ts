import { FAL_DEFAULT_VIDEO_MODEL, falImageCost, falImageModel, falVideoModel, falVideoModelName } from "@/lib/providers/fal/models";

/**
 * What the vendors themselves charge for a scene's work, in US dollars: the creator's own bill at
 * fal, OpenAI, ElevenLabs or Replicate, shown beside the credits before approval. fal's prices
 * live with its models (lib/providers/fal/models.ts, from each model's page on fal.ai) and are
 * read from there; the others are kept here. Local providers (offline: the painter, ffmpeg,
 * espeak-ng) and self-hosted ones (ComfyUI) cost $0. Pure, so the pages can use it.
 */
export const VENDOR_PRICES = {
  /**
   * OpenAI image generation per picture, medium quality (the adapter asks for none: the default
   * "auto" picks per prompt; medium is the middle of the range). gpt-image-1: $0.042 square,
   * $0.063 portrait or landscape; dall-e-3 standard: $0.04 square, $0.08 otherwise.
   * https://platform.openai.com/docs/pricing ("Image generation"), as tabled in
   * https://community.openai.com/t/what-is-the-difference-between-image-generation-and-output-of-image-tokens/1371851
   */
  openaiImage: {
    "gpt-image-1": { square: 0.042, other: 0.063 },
    "dall-e-3": { square: 0.04, other: 0.08 },
  } as Record<string, { square: number; other: number }>,
  /**
   * OpenAI speech per minute of audio. gpt-4o-mini-tts: OpenAI's own estimate of $0.015 a
   * minute ($0.60/M text in, $12/M audio tokens out:
   * https://developers.openai.com/api/docs/models/gpt-4o-mini-tts). tts-1 and tts-1-hd are billed
   * per character instead: see `openaiSpeechPerMillionChars`.
   */
  openaiSpeechPerMinute: { "gpt-4o-mini-tts": 0.015 } as Record<string, number>,
  /** tts-1 $15 and tts-1-hd $30 per million characters (https://platform.openai.com/docs/pricing, "Transcription and speech"). */
  openaiSpeechPerMillionChars: { "tts-1": 15, "tts-1-hd": 30 } as Record<string, number>,
  /**
   * ElevenLabs text to speech per 1,000 characters at API rates: Multilingual v2/v3 $0.10,
   * Flash/Turbo $0.05 (https://elevenlabs.io/pricing/api, as summarised in
   * https://developer.puter.com/tutorials/elevenlabs-api-pricing/).
   */
  elevenlabsPerThousandChars: { eleven_multilingual_v2: 0.1, eleven_v3: 0.1, eleven_flash_v2_5: 0.05, eleven_turbo_v2_5: 0.05 } as Record<string, number>,
  /**
   * Replicate bills public models per second of the hardware they run on
   * (https://replicate.com/pricing): Nvidia T4 $0.000225/s, the hardware real-esrgan-video runs
   * on; a model on other hardware costs more per second.
   */
  replicateUpscalePerSecond: 0.000225,
} as const;

/** The providers of each capability, by their ids (IMAGE_PROVIDER, MOTION_PROVIDER, SPEECH_PROVIDER) and models where they matter. */
export interface ProviderSelection {
  image: string;
  motion: string;
  speech: string;
  imageModel?: string;
  videoModel?: string;
  speechModel?: string;
}

export interface SceneUsd {
  sceneNumber: number;
  image: number;
  motion: number;
  speech: number;
  total: number;
}

export interface VendorEstimate {
  scenes: SceneUsd[];
  /** Total in dollars; null parts (a model without a price in the table) count as 0 and set `partial`. */
  totalUsd: number;
  /** Whether some vendor's price is unknown (a model the table lacks): the total is then a floor. */
  partial: boolean;
  /** Who does the work, for people: "fal/kling-2.6-pro + OpenAI speech", or "offline". */
  label: string;
}

const ELEVENLABS_DEFAULT_MODEL = "eleven_multilingual_v2";
const OPENAI_DEFAULT_IMAGE_MODEL = "gpt-image-1";
const OPENAI_DEFAULT_SPEECH_MODEL = "gpt-4o-mini-tts";

/** One picture of this frame at the image provider; null when its price is not in the table. */
export function imageUsd(sel: ProviderSelection, frame: { width: number; height: number }): number | null {
  if (sel.image === "openai") {
    const p = VENDOR_PRICES.openaiImage[sel.imageModel || OPENAI_DEFAULT_IMAGE_MODEL];
    if (!p) return null;
    const ratio = frame.width / frame.height;
    return ratio > 1.15 || ratio < 1 / 1.15 ? p.other : p.square;
  }
  if (sel.image === "fal") return falImageCost(falImageModel(sel.imageModel), frame.width, frame.height) ?? null;
  return 0;
}

/** How much a clip may be slowed to cover its scene: lib/providers/motion/fit-clip.ts's MAX_SLOWDOWN (that module runs ffmpeg; this one stays pure). */
const CLIP_MAX_SLOWDOWN = 1.5;

/** The clip fal is asked for, as lib/providers/motion/fal.ts picks it: the shortest that covers the scene once slowed, else the longest. */
export function falClipSecondsFor(durations: number[], sceneMs: number): number {
  const sorted = [...durations].sort((a, b) => a - b);
  return sorted.find((s) => s * 1000 * CLIP_MAX_SLOWDOWN >= sceneMs) ?? sorted[sorted.length - 1];
}

/** One scene's clip at the motion provider: fal bills the clip it makes (5 or 10 s for Kling), whatever the scene's length. */
export function motionUsd(sel: ProviderSelection, sceneMs: number): number | null {
  if (sel.motion !== "fal") return 0;
  const model = falVideoModel(sel.videoModel);
  return model.usdPerSecond === undefined ? null : model.usdPerSecond * falClipSecondsFor(model.durations, sceneMs);
}

/** One scene's narration at the speech provider, by its text (per character) or its length (per minute). */
export function speechUsd(sel: ProviderSelection, narration: { text: string; ms: number }): number | null {
  const chars = narration.text.length;
  if (sel.speech === "elevenlabs") {
    const rate = VENDOR_PRICES.elevenlabsPerThousandChars[sel.speechModel || ELEVENLABS_DEFAULT_MODEL];
    return rate === undefined ? null : (chars / 1000) * rate;
  }
  if (sel.speech === "openai") {
    const model = sel.speechModel || OPENAI_DEFAULT_SPEECH_MODEL;
    const perMinute = VENDOR_PRICES.openaiSpeechPerMinute[model];
    if (perMinute !== undefined) return (narration.ms / 60_000) * perMinute;
    const perMillion = VENDOR_PRICES.openaiSpeechPerMillionChars[model];
    return perMillion === undefined ? null : (chars / 1_000_000) * perMillion;
  }
  return 0;
}

/** Upscaling a finished video at Replicate, by the seconds of hardware time it takes. */
export function upscaleUsd(provider: string, gpuSeconds: number): number {
  return provider === "replicate" ? gpuSeconds * VENDOR_PRICES.replicateUpscalePerSecond : 0;
}

function providerLabel(sel: ProviderSelection): string {
  const parts: string[] = [];
  if (sel.image === "fal") parts.push(`fal/${sel.imageModel?.trim() || "flux-dev"}`);
  if (sel.image === "openai") parts.push(`OpenAI ${sel.imageModel || OPENAI_DEFAULT_IMAGE_MODEL}`);
  if (sel.motion === "fal") parts.push(`fal/${falVideoModelName(falVideoModel(sel.videoModel || FAL_DEFAULT_VIDEO_MODEL))}`);
  if (sel.speech === "openai") parts.push("OpenAI speech");
  if (sel.speech === "elevenlabs") parts.push("ElevenLabs speech");
  return parts.length ? parts.join(" + ") : "offline";
}

export interface VendorScene {
  sceneNumber: number;
  narrationText: string;
  /** The narration's estimated length. */
  narrationMs: number;
  /** The scene's estimated length (the clip fal is asked for covers it). */
  sceneMs: number;
}

const round = (usd: number) => Math.round(usd * 10_000) / 10_000;

/**
 * The vendors' own cost of generating these scenes with the given providers: a picture, a clip
 * and a narration per scene. Takes the providers as input (from env today, a workspace's
 * settings tomorrow), so either can feed it.
 */
export function estimateVendorCost(scenes: VendorScene[], sel: ProviderSelection, opts: { frame: { width: number; height: number } }): VendorEstimate {
  let partial = false;
  const known = (usd: number | null) => {
    if (usd === null) partial = true;
    return usd ?? 0;
  };
  const rows = scenes.map((s) => {
    const image = known(imageUsd(sel, opts.frame));
    const motion = known(motionUsd(sel, s.sceneMs));
    const speech = known(speechUsd(sel, { text: s.narrationText, ms: s.narrationMs }));
    return { sceneNumber: s.sceneNumber, image: round(image), motion: round(motion), speech: round(speech), total: round(image + motion + speech) };
  });
  return { scenes: rows, totalUsd: round(rows.reduce((a, r) => a + r.total, 0)), partial, label: providerLabel(sel) };
}

/** Dollars as people read an estimate: "$0.42", "$0.004", "$0". */
export function formatUsd(usd: number): string {
  if (usd === 0) return "$0";
  if (usd < 0.01) return `$${usd.toPrecision(1)}`;
  return `$${usd.toFixed(2)}`;
}
