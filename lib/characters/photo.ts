import sharp from "sharp";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

const FORMATS = new Set(["jpeg", "png", "webp"]);

/**
 * Checks an uploaded photo by its content (not its name or claimed type) and re-encodes it:
 * metadata stripped, at most 1024 px on the long side, JPEG.
 */
export async function normalizePhoto(buffer: Buffer, field = "photo"): Promise<{ buffer: Buffer; width: number; height: number }> {
  const max = env().MAX_PHOTO_BYTES;
  if (buffer.length === 0) throw new AppError("bad_request", `${field} is empty`, field);
  if (buffer.length > max) {
    throw new AppError(
      "bad_request",
      `${field} is too large (${(buffer.length / 1048576).toFixed(1)} MB; the limit is ${Math.round(max / 1048576)} MB)`,
      field,
    );
  }
  let format: string | undefined;
  try {
    format = (await sharp(buffer).metadata()).format;
  } catch {
    format = undefined;
  }
  if (!format || !FORMATS.has(format)) {
    throw new AppError("bad_request", `${field} must be a JPG, PNG or WebP image`, field);
  }
  const { data, info } = await sharp(buffer)
    .rotate()
    .resize({ width: 1024, height: 1024, fit: "inside", withoutEnlargement: true })
    .jpeg({ quality: 88, mozjpeg: true })
    .toBuffer({ resolveWithObject: true });
  return { buffer: data, width: info.width, height: info.height };
}
