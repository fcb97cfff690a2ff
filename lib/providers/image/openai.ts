import fs from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { openAIConfig, openAIPost, type OpenAIConfig } from "../openai/client";
import { malformed } from "../vendor";
import type { ImageProvider, ImageRequest, ImageResult } from "./index";

const VENDOR = "OpenAI";

/** The sizes each model family draws; the frame is drawn at the nearest shape, then fitted to the exact size asked. */
const SIZES: Record<"gpt" | "dalle3" | "other", { square: string; landscape: string; portrait: string }> = {
  gpt: { square: "1024x1024", landscape: "1536x1024", portrait: "1024x1536" },
  dalle3: { square: "1024x1024", landscape: "1792x1024", portrait: "1024x1792" },
  other: { square: "1024x1024", landscape: "1024x1024", portrait: "1024x1024" },
};

const family = (model: string) => (/^gpt-image/i.test(model) ? "gpt" : /^dall-e-3/i.test(model) ? "dalle3" : "other");

/** The size to ask for: the model's size nearest the frame's shape. */
export function openAISize(model: string, width: number, height: number): string {
  const sizes = SIZES[family(model)];
  const ratio = width / height;
  return ratio > 1.15 ? sizes.landscape : ratio < 1 / 1.15 ? sizes.portrait : sizes.square;
}

/**
 * Paints a frame with OpenAI's images API (POST {base}/images/generations) or any server that
 * speaks it, asking for base64 (GPT image models always answer so and refuse `response_format`;
 * DALL-E and most compatible servers need it), then fits the picture to the exact frame size.
 * The character's photo is not sent: generations take a prompt only.
 */
export class OpenAIImageProvider implements ImageProvider {
  readonly id = "openai";
  /** Every frame is paid for: previews before approval are not painted by it. */
  readonly freePreview = false;

  constructor(
    private readonly model = process.env.OPENAI_IMAGE_MODEL?.trim() || "gpt-image-1",
    private readonly config: () => OpenAIConfig = openAIConfig,
  ) {}

  async generate(req: ImageRequest, outPath: string, opts: { signal?: AbortSignal } = {}): Promise<ImageResult> {
    const cfg = this.config();
    const body: Record<string, unknown> = { model: this.model, prompt: req.prompt, n: 1, size: openAISize(this.model, req.width, req.height) };
    if (family(this.model) !== "gpt") body.response_format = "b64_json";
    const what = "OpenAI image";
    const res = await openAIPost(cfg, { path: "/images/generations", body, what, signal: opts.signal, keepBytes: 64 * 1024 * 1024 });
    const b64 = (res.json as { data?: Array<{ b64_json?: unknown }> } | null)?.data?.[0]?.b64_json;
    if (typeof b64 !== "string" || !b64) throw malformed(VENDOR, what, "no data[0].b64_json");
    const picture = Buffer.from(b64, "base64");
    const meta = await sharp(picture)
      .metadata()
      .catch(() => null);
    if (!meta?.width || !meta.height) throw malformed(VENDOR, what, "data[0].b64_json is not an image");
    await fs.mkdir(path.dirname(outPath), { recursive: true });
    await sharp(picture).resize(req.width, req.height, { fit: "cover", position: "attention" }).png({ compressionLevel: 6 }).toFile(outPath);
    return { path: outPath, width: req.width, height: req.height, mime: "image/png" };
  }
}
