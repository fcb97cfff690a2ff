import fs from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { fileMemo } from "@/lib/media/file-memo";
import type { ImageProvider, ImageRequest, ImageResult } from "./index";
import { chooseStyle, makeRandom } from "./scene-style";
import { buildSceneSvg } from "./svg-scene";

/**
 * Offline painter: a stylised SVG illustration chosen from the prompt's keywords, rasterised
 * by sharp, with the character's photo framed on a rule-of-thirds line. Same seed + prompt,
 * same pixels.
 */
export class LocalImageProvider implements ImageProvider {
  readonly id = "local";
  readonly freePreview = true;

  async generate(req: ImageRequest, outPath: string): Promise<ImageResult> {
    const { width, height } = req;
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 16 || height < 16) {
      throw new Error(`image size must be whole pixels of at least 16, got ${width}x${height}`);
    }
    const rand = makeRandom(`${req.seed}\u0000${req.prompt}`);
    const style = chooseStyle(req.prompt, rand);
    const svg = buildSceneSvg(width, height, style, rand, req.prompt);
    let image = sharp(Buffer.from(svg)).resize(width, height);
    if (req.referencePhotoPath) {
      const portrait = await framedPortrait(req.referencePhotoPath, height, style.palette.light);
      const left = style.portraitSide === "left" ? width / 3 - portrait.width / 2 : (2 * width) / 3 - portrait.width / 2;
      const top = (2 * height) / 3 - portrait.height * 0.6;
      // The painted scene is handed over raw: a PNG in between was a third of the frame's time.
      const painted = await image.raw().toBuffer({ resolveWithObject: true });
      image = sharp(painted.data, { raw: painted.info }).composite([
        {
          input: portrait.buffer,
          left: clamp(Math.round(left), 0, width - portrait.width),
          top: clamp(Math.round(top), 0, height - portrait.height),
        },
      ]);
    }
    await fs.mkdir(path.dirname(outPath), { recursive: true });
    await image.png({ compressionLevel: 6 }).toFile(outPath);
    return { path: outPath, width, height, mime: "image/png" };
  }
}

/**
 * The photo cropped to a 4:5 card with rounded corners, a light border and a soft shadow.
 * An unreadable photo throws: painting the scene without its character would hide the fault.
 */
function framedPortrait(photoPath: string, frameHeight: number, borderColor: string): Promise<FramedPortrait> {
  // A story frames its character's photo for every scene at the same size: made once, kept for the next scenes.
  return portraits(photoPath, [frameHeight, borderColor], () => drawPortrait(photoPath, frameHeight, borderColor));
}

interface FramedPortrait {
  buffer: Buffer;
  width: number;
  height: number;
}
const portraits = fileMemo<FramedPortrait>(32);

async function drawPortrait(photoPath: string, frameHeight: number, borderColor: string): Promise<FramedPortrait> {
  const ph = Math.max(8, Math.round(frameHeight * 0.5) & ~1);
  const pw = Math.round(ph * 0.8) & ~1;
  const border = Math.max(2, Math.round(ph * 0.025));
  const pad = Math.max(4, Math.round(ph * 0.06));
  const radius = Math.round(ph * 0.06);
  const cardW = pw + border * 2;
  const cardH = ph + border * 2;
  const mask = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${pw}" height="${ph}"><rect width="${pw}" height="${ph}" rx="${Math.max(1, radius - border)}" fill="#fff"/></svg>`,
  );
  const photo = await sharp(photoPath)
    .rotate()
    .resize(pw, ph, { fit: "cover", position: "attention" })
    .ensureAlpha()
    .composite([{ input: mask, blend: "dest-in" }])
    .png()
    .toBuffer();
  const w = cardW + pad * 2;
  const h = cardH + pad * 2;
  const frame = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><defs><filter id="s" x="-20%" y="-20%" width="140%" height="140%"><feGaussianBlur stdDeviation="${pad / 2.5}"/></filter></defs>` +
      `<rect x="${pad}" y="${pad + pad / 3}" width="${cardW}" height="${cardH}" rx="${radius}" fill="#000" opacity="0.55" filter="url(#s)"/>` +
      `<rect x="${pad}" y="${pad}" width="${cardW}" height="${cardH}" rx="${radius}" fill="${borderColor}"/></svg>`,
  );
  const buffer = await sharp(frame)
    .composite([{ input: photo, left: pad + border, top: pad + border }])
    .png()
    .toBuffer();
  return { buffer, width: w, height: h };
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(Math.max(n, lo), Math.max(lo, hi));
}
