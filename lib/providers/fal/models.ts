/**
 * The model names stories carry (`image_model` / `video_model`, as the Twin Actor API documents
 * them: "flux-pro", "kling-2.6-pro") and the fal model ids they stand for, with what each id's
 * input schema takes (from its page on fal.ai, "API" tab). A name not in the table is taken as a
 * fal model id as it is, so an operator can name any model fal hosts.
 */

export interface FalImageModel {
  id: string;
  /** How the frame's shape is asked: `image_size: { width, height }` or an `aspect_ratio` from a list. */
  size: "image_size" | "aspect_ratio";
  /** The field the character's photo goes in, for a model that takes a reference image. */
  reference?: "image_url";
  /** For a reference model: the model to use when there is no photo (its reference is required). */
  withoutReference?: string;
  /** fal's published price, for the cost recorded with each call: per megapixel (rounded up) or per image. */
  usd?: { perMegapixel: number } | { perImage: number };
}

export const FAL_IMAGE_MODELS: Record<string, FalImageModel> = {
  // FLUX.1 [dev] / [schnell] / [pro] 1.1 text-to-image: prompt, image_size, seed, num_images, output_format.
  // They take no reference image: a story's character photo is not sent to them.
  "flux-dev": { id: "fal-ai/flux/dev", size: "image_size", usd: { perMegapixel: 0.025 } },
  "flux-schnell": { id: "fal-ai/flux/schnell", size: "image_size", usd: { perMegapixel: 0.003 } },
  "flux-pro": { id: "fal-ai/flux-pro/v1.1", size: "image_size" },
  "flux-pro-1.1": { id: "fal-ai/flux-pro/v1.1", size: "image_size" },
  "flux-pro-ultra": { id: "fal-ai/flux-pro/v1.1-ultra", size: "aspect_ratio" },
  // FLUX.1 Kontext [pro]: edits a reference image (image_url, required) by the prompt; aspect_ratio from a list.
  "flux-kontext": {
    id: "fal-ai/flux-pro/kontext",
    size: "aspect_ratio",
    reference: "image_url",
    withoutReference: "fal-ai/flux-pro/kontext/text-to-image",
    usd: { perImage: 0.04 },
  },
  "flux-kontext-max": {
    id: "fal-ai/flux-pro/kontext/max",
    size: "aspect_ratio",
    reference: "image_url",
    withoutReference: "fal-ai/flux-pro/kontext/max/text-to-image",
    usd: { perImage: 0.08 },
  },
};

export const FAL_DEFAULT_IMAGE_MODEL = "fal-ai/flux/dev";

/** The aspect ratios FLUX Kontext and FLUX 1.1 Ultra take. */
export const FAL_ASPECT_RATIOS = ["21:9", "16:9", "4:3", "3:2", "1:1", "2:3", "3:4", "9:16", "9:21"];

export interface FalVideoModel {
  id: string;
  /** The still's field: Kling 2.6 and later take `start_image_url`, earlier ones `image_url`. */
  image: "image_url" | "start_image_url";
  /** The clip lengths the model makes, in seconds (sent as strings). */
  durations: number[];
  /** Kling 2.6 makes sound unless told not to; the story's narration is its own, so it is turned off (half the price). */
  audioFlag?: boolean;
  /** fal's published price per second of clip (without sound), for the cost recorded with each call. */
  usdPerSecond?: number;
}

const kling = (path: string, image: FalVideoModel["image"], extra: Partial<FalVideoModel> = {}): FalVideoModel => ({
  id: `fal-ai/kling-video/${path}/image-to-video`,
  image,
  durations: [5, 10],
  ...extra,
});

export const FAL_VIDEO_MODELS: Record<string, FalVideoModel> = {
  "kling-2.6-pro": kling("v2.6/pro", "start_image_url", { audioFlag: true, usdPerSecond: 0.07 }),
  "kling-2.5-turbo-pro": kling("v2.5-turbo/pro", "image_url"),
  "kling-2.1-master": kling("v2.1/master", "image_url"),
  "kling-2.1-pro": kling("v2.1/pro", "image_url", { usdPerSecond: 0.098 }),
  "kling-2.1-standard": kling("v2.1/standard", "image_url"),
  "kling-1.6-pro": kling("v1.6/pro", "image_url"),
};

export const FAL_DEFAULT_VIDEO_MODEL = "kling-2.6-pro";

/** What fal charges for one picture of this size, where its price is known. */
export function falImageCost(model: FalImageModel, width: number, height: number): number | undefined {
  if (!model.usd) return undefined;
  return "perImage" in model.usd ? model.usd.perImage : Math.ceil((width * height) / 1_000_000) * model.usd.perMegapixel;
}

/** Whether a story's model name is one fal runs: listed here, or a fal model id ("fal-ai/..."). */
export const isFalModelName = (name: string | null | undefined, table: Record<string, { id: string }>): name is string =>
  !!name && (name.trim().toLowerCase() in table || /^fal-ai\/[\w.-]+\/[\w./-]+$/i.test(name.trim()));

/** A story's model name or a fal id, as the image model to call. */
export function falImageModel(name: string | undefined): FalImageModel {
  const key = (name?.trim() || FAL_DEFAULT_IMAGE_MODEL).toLowerCase();
  return FAL_IMAGE_MODELS[key] ?? Object.values(FAL_IMAGE_MODELS).find((m) => m.id === key) ?? { id: name!.trim(), size: "image_size" };
}

/** The short name a video model is shown by ("kling-2.6-pro"), or its id without fal's namespace. */
export const falVideoModelName = (model: FalVideoModel) =>
  Object.entries(FAL_VIDEO_MODELS).find(([, m]) => m.id === model.id)?.[0] ?? model.id.replace(/^fal-ai\//, "");

/** A story's model name or a fal id, as the image-to-video model to call. */
export function falVideoModel(name: string | undefined): FalVideoModel {
  const key = (name?.trim() || FAL_DEFAULT_VIDEO_MODEL).toLowerCase();
  const known = FAL_VIDEO_MODELS[key] ?? Object.values(FAL_VIDEO_MODELS).find((m) => m.id === key);
  if (known) return known;
  const id = name!.trim();
  // An unlisted Kling id: v2.6 and later name the still start_image_url.
  const v = /kling-video\/v(\d+)(?:\.(\d+))?/.exec(id);
  const late = v ? Number(v[1]) > 2 || (Number(v[1]) === 2 && Number(v[2] ?? 0) >= 6) : false;
  return { id, image: late ? "start_image_url" : "image_url", durations: [5, 10] };
}

/**
 * A lip-sync model: a photo and an audio file in, a video of the photo speaking the audio out
 * (`{ video: File }`), as long as the audio.
 */
export interface FalLipSyncModel {
  id: string;
  /** The output resolutions the model takes as `resolution` (short side in pixels), with fal's price per second of each where known; absent: none is sent. */
  resolutions?: Array<{ name: string; shortSide: number; usdPerSecond?: number }>;
}

export const FAL_LIPSYNC_MODELS: Record<string, FalLipSyncModel> = {
  // VEED Fabric 1.0: image_url, audio_url (mp3, ogg, wav, m4a, aac) and resolution ("480p" | "720p"), all required.
  "fabric-1.0": {
    id: "veed/fabric-1.0",
    resolutions: [
      { name: "480p", shortSide: 480, usdPerSecond: 0.08 },
      { name: "720p", shortSide: 720, usdPerSecond: 0.15 },
    ],
  },
  // The same model's faster variant: the same input, a higher price.
  "fabric-1.0-fast": {
    id: "veed/fabric-1.0/fast",
    resolutions: [
      { name: "480p", shortSide: 480 },
      { name: "720p", shortSide: 720 },
    ],
  },
};

export const FAL_DEFAULT_LIPSYNC_MODEL = "fabric-1.0";

/** A short name from the table or a fal model id, as the lip-sync model to call; an unlisted id is sent image_url and audio_url only. */
export function falLipSyncModel(name: string | undefined): FalLipSyncModel {
  const key = (name?.trim() || FAL_DEFAULT_LIPSYNC_MODEL).toLowerCase();
  return FAL_LIPSYNC_MODELS[key] ?? Object.values(FAL_LIPSYNC_MODELS).find((m) => m.id === key) ?? { id: name!.trim() };
}

/** The smallest resolution the model makes that covers the frame's short side, else its largest. */
export function falLipSyncResolution(model: FalLipSyncModel, width: number, height: number) {
  const sorted = [...(model.resolutions ?? [])].sort((a, b) => a.shortSide - b.shortSide);
  return sorted.find((r) => r.shortSide >= Math.min(width, height)) ?? sorted[sorted.length - 1];
}
