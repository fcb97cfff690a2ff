import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { callScope, type ProviderCallOptions } from "../jobs";
import { falConfig, runFalJob, FAL_VENDOR, type FalConfig } from "../fal/client";
import { FAL_ASPECT_RATIOS, FAL_IMAGE_MODELS, falImageCost, falImageModel, isFalModelName } from "../fal/models";
import { isKeptFile, keepVendorFile, keptPath, releaseKept, type KeptFile } from "../vendor-file";
import { malformed } from "../vendor";
import type { ImageProvider, ImageRequest, ImageResult } from "./index";

const WHAT = "fal image";

/** The size to ask for: the frame's shape, its long side at most 1440 px, both sides multiples of 16 (as FLUX draws them). */
export function falImageSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, 1440 / Math.max(width, height));
  const r16 = (n: number) => Math.max(256, Math.round((n * scale) / 16) * 16);
  return { width: r16(width), height: r16(height) };
}

/** The listed aspect ratio nearest the frame's. */
export function falAspectRatio(width: number, height: number): string {
  const want = Math.log(width / height);
  const ratio = (r: string) => {
    const [a, b] = r.split(":").map(Number);
    return Math.log(a / b);
  };
  return FAL_ASPECT_RATIOS.reduce((best, r) => (Math.abs(ratio(r) - want) < Math.abs(ratio(best) - want) ? r : best));
}

/** fal's seeds are integers: the request's seed string, hashed into one. */
export const falSeed = (seed: string) => createHash("sha256").update(seed).digest().readUInt32BE(0) % 2_147_483_647;

/** fal's image inputs (Kling's start image among them) refuse a picture under 300 px on a side. */
const MIN_INPUT_SIDE = 300;
const MAX_INPUT_SIDE = 1536;

/**
 * A picture as a data URI fal accepts in place of a URL: a JPEG at most 1536 px on its long side
 * and, enlarged when smaller, at least 300 px on its short side (a small draft frame included).
 */
export async function photoDataUri(file: string): Promise<string> {
  const meta = await sharp(file).metadata();
  // EXIF orientations 5-8 turn the picture on its side.
  const turned = (meta.orientation ?? 1) >= 5;
  const w = (turned ? meta.height : meta.width) ?? MIN_INPUT_SIDE;
  const h = (turned ? meta.width : meta.height) ?? MIN_INPUT_SIDE;
  const scale = Math.min(MAX_INPUT_SIDE / Math.max(w, h), Math.max(1, MIN_INPUT_SIDE / Math.min(w, h)));
  const jpeg = await sharp(file)
    .rotate()
    .resize(Math.max(1, Math.round(w * scale)), Math.max(1, Math.round(h * scale)), { fit: "fill" })
    .jpeg({ quality: 90 })
    .toBuffer();
  return `data:image/jpeg;base64,${jpeg.toString("base64")}`;
}

const digest = (s: string) => `sha256:${createHash("sha256").update(s).digest("hex")}`;

/**
 * Paints a frame with a FLUX model on fal's queue (IMAGE_PROVIDER=fal; FAL_KEY, FAL_IMAGE_MODEL: a
 * fal model id or a story's model name, see ../fal/models.ts). The picture fal answers is
 * downloaded the moment the request completes and kept in our storage (fal's URLs expire), then
 * fitted to the exact frame size. The character's photo goes to models that take a reference
 * (FLUX Kontext, as `image_url`, a data URI); the default FLUX.1 [dev] takes none, so it is not sent.
 */
export class FalImageProvider implements ImageProvider {
  readonly id = "fal";
  readonly freePreview = false;

  constructor(
    private readonly model = process.env.FAL_IMAGE_MODEL,
    private readonly config: () => FalConfig = falConfig,
  ) {}

  async generate(req: ImageRequest, outPath: string, opts: ProviderCallOptions = {}): Promise<ImageResult> {
    const cfg = this.config();
    const scope = callScope(opts);
    // The story's model when fal runs it (the Twin Actor API's "flux-pro"); else the operator's choice.
    const spec = falImageModel(isFalModelName(req.model, FAL_IMAGE_MODELS) ? req.model : this.model);
    const photo = spec.reference && req.referencePhotoPath ? await photoDataUri(req.referencePhotoPath) : null;
    const model = spec.reference && !photo ? (spec.withoutReference ?? spec.id) : spec.id;
    const input: Record<string, unknown> = {
      prompt: req.prompt,
      seed: falSeed(req.seed),
      num_images: 1,
      output_format: "png",
      ...(spec.size === "image_size" ? { image_size: falImageSize(req.width, req.height) } : { aspect_ratio: falAspectRatio(req.width, req.height) }),
      ...(photo && spec.reference ? { [spec.reference]: photo } : {}),
    };
    const request = photo && spec.reference ? { ...input, [spec.reference]: digest(photo) } : input;
    const result = await runFalJob(
      scope,
      {
        model,
        input,
        request,
        what: WHAT,
        onProgress: opts.onProgress,
        cost: (output) => {
          const img = (output as { images?: Array<{ width?: unknown; height?: unknown }> } | null)?.images?.[0];
          return typeof img?.width === "number" && typeof img.height === "number" ? falImageCost(spec, img.width, img.height) : undefined;
        },
        complete: async (output) => {
          const url = (output as { images?: Array<{ url?: unknown }> } | null)?.images?.[0]?.url;
          if (typeof url !== "string" || !url) throw malformed(FAL_VENDOR, WHAT, "no images[0].url");
          return keepVendorFile(scope, url, {
            vendor: FAL_VENDOR,
            what: WHAT,
            ext: "png",
            maxBytes: 64 * 1024 * 1024,
            allowedTypes: ["image/*"],
            timeoutMs: cfg.timeoutMs,
            signal: scope.signal,
            check: async (file) => {
              const meta = await sharp(file)
                .metadata()
                .catch(() => null);
              if (!meta?.width || !meta.height) throw malformed(FAL_VENDOR, WHAT, "images[0].url is not an image");
            },
          });
        },
      },
      cfg,
    );
    if (!isKeptFile(result)) throw malformed(FAL_VENDOR, WHAT, "the recorded result names no kept file");
    return fitFrame(result, req, outPath);
  }
}

async function fitFrame(kept: KeptFile, req: ImageRequest, outPath: string): Promise<ImageResult> {
  try {
    const file = await keptPath(kept);
    await fs.mkdir(path.dirname(outPath), { recursive: true });
    await sharp(file).resize(req.width, req.height, { fit: "cover", position: "attention" }).png({ compressionLevel: 6 }).toFile(outPath);
    return { path: outPath, width: req.width, height: req.height, mime: "image/png" };
  } finally {
    await releaseKept(kept);
  }
}
