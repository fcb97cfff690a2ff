import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { findFace, type FaceLandmarks } from "./face-landmarks";

/** A rectangle in a photo's (upright) pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A near-uniform backdrop that full-body actors are cut out of. */
export interface Backdrop {
  rgb: [number, number, number];
  /** Distance (RGB, 0..441) under which a pixel is backdrop; the soft edge runs from here to `tolerance + SOFT_EDGE`. */
  tolerance: number;
  /** Where the person is: the bounding box of what is not backdrop. */
  subject: Rect;
  /** The person reaches the photo's bottom edge (a bust): the cut-out fades out there instead of ending in a line. */
  touchesBottom: boolean;
}

/** What is decided once per photo and cached beside the render's other prepared inputs. */
export interface PhotoAnalysis {
  /** The photo's content hash: stills made from it are cached by it. */
  key: string;
  /** The upright photo's size (EXIF orientation applied). */
  width: number;
  height: number;
  /** Null: the photo's border is not one colour, so it is shown whole, in a frame. */
  backdrop: Backdrop | null;
  /** The largest face and its eyes, for crops and blinks; null when none was found. */
  face: FaceLandmarks | null;
}

/** Bump when the analysis changes so old cached decisions are not reused. */
const ANALYSIS_VERSION = 1;
/** The soft edge of a keyed backdrop, in RGB distance. */
export const SOFT_EDGE = 48;
const SAMPLE_SIDE = 256;
const FACE_SIDE = 640;

/** RGB distance of pixel i (channels apart) to rgb. */
export function rgbDistance(data: Uint8Array | Buffer, i: number, rgb: readonly number[]): number {
  const dr = data[i] - rgb[0];
  const dg = data[i + 1] - rgb[1];
  const db = data[i + 2] - rgb[2];
  return Math.sqrt(dr * dr + dg * dg + db * db);
}

/**
 * Whether the photo stands on a near-uniform backdrop (a studio wall, a green screen): the top,
 * left and right borders are one colour (the bottom may be the person's shoulders). If so, the
 * colour, a tolerance from the border's own noise, and where the person is. Pure, on raw RGB.
 */
export function findBackdrop(data: Buffer, width: number, height: number): Backdrop | null {
  const band = Math.max(1, Math.round(Math.min(width, height) * 0.03));
  const border: number[] = [];
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if (y < band || x < band || x >= width - band) border.push((y * width + x) * 3);
  const median = [0, 1, 2].map((c) => {
    const v = border.map((i) => data[i + c]).sort((a, b) => a - b);
    return v[v.length >> 1];
  }) as [number, number, number];
  const dists = border.map((i) => rgbDistance(data, i, median)).sort((a, b) => a - b);
  const p90 = dists[Math.floor(dists.length * 0.9)];
  if (p90 > 30) return null;
  const tolerance = Math.max(20, p90 * 1.6);
  const background = floodFromBorder(data, width, height, median, tolerance + SOFT_EDGE / 2);
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  let count = 0;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      if (background[y * width + x]) continue;
      count++;
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
    }
  // Nothing, or nearly everything, stands out: a flat card or a busy photo, not a person on a backdrop.
  const share = count / (width * height);
  if (share < 0.04 || share > 0.9) return null;
  return { rgb: median, tolerance, subject: { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 }, touchesBottom: y1 >= height - band };
}

/**
 * The pixels of raw `channels`-deep data within `limit` of `rgb` that connect to the border: the
 * backdrop. A shirt of the backdrop's colour inside the outline stays, since it does not connect.
 */
export function floodFromBorder(data: Uint8Array | Buffer, width: number, height: number, rgb: readonly number[], limit: number, channels = 3): Uint8Array {
  const seen = new Uint8Array(width * height);
  const queue = new Int32Array(width * height);
  let head = 0;
  let tail = 0;
  const push = (p: number) => {
    if (seen[p] || rgbDistance(data, p * channels, rgb) >= limit) return;
    seen[p] = 1;
    queue[tail++] = p;
  };
  for (let x = 0; x < width; x++) {
    push(x);
    push((height - 1) * width + x);
  }
  for (let y = 0; y < height; y++) {
    push(y * width);
    push(y * width + width - 1);
  }
  while (head < tail) {
    const p = queue[head++];
    const x = p % width;
    if (x > 0) push(p - 1);
    if (x < width - 1) push(p + 1);
    if (p >= width) push(p - width);
    if (p < width * (height - 1)) push(p + width);
  }
  return seen;
}

/** The upright photo as raw RGB, at most `maxSide` on its longer side; `k` maps its pixels back to the photo's. */
async function rawRgb(photoPath: string, maxSide: number) {
  const { data, info } = await sharp(photoPath)
    .rotate()
    .resize({ width: maxSide, height: maxSide, fit: "inside", withoutEnlargement: true })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/**
 * The photo's backdrop decision and face, computed once per photo (by content) and cached as JSON
 * in `cacheDir`. An unreadable photo throws, naming the file.
 */
export async function analysePhoto(photoPath: string, cacheDir: string): Promise<PhotoAnalysis> {
  const bytes = await fs.readFile(photoPath);
  const key = createHash("sha256").update(bytes).update(`v${ANALYSIS_VERSION}`).digest("hex").slice(0, 32);
  const cached = path.join(cacheDir, `actor-photo-${key}.json`);
  try {
    return JSON.parse(await fs.readFile(cached, "utf8")) as PhotoAnalysis;
  } catch {
    // Not analysed yet.
  }
  let width: number;
  let height: number;
  try {
    ({ width, height } = (await sharp(bytes).metadata()).autoOrient);
  } catch {
    throw new Error(`the character's photo ${path.basename(photoPath)} is not an image we can read`);
  }
  const small = await rawRgb(photoPath, SAMPLE_SIDE);
  const found = findBackdrop(small.data, small.width, small.height);
  const k = width / small.width;
  const backdrop = found && {
    ...found,
    subject: {
      x: Math.floor(found.subject.x * k),
      y: Math.floor(found.subject.y * k),
      width: Math.min(width, Math.ceil(found.subject.width * k)),
      height: Math.min(height, Math.ceil(found.subject.height * k)),
    },
  };
  const face = await faceOf(photoPath, width);
  const analysis: PhotoAnalysis = { key, width, height, backdrop, face: face ?? null };
  // A detector that could not run says nothing about the photo: only a real answer is kept, so the
  // photo gets its face once detection works again (a fixed install, the next start).
  if (face !== undefined) await writeAtomic(cached, JSON.stringify(analysis));
  return analysis;
}

/** The photo's face in its pixels; null when there is none, undefined when the detector could not run. */
async function faceOf(photoPath: string, width: number): Promise<FaceLandmarks | null | undefined> {
  const img = await rawRgb(photoPath, FACE_SIDE);
  let face: FaceLandmarks | null;
  try {
    face = await findFace(img);
  } catch (err) {
    // Blinks and face-centred crops are a nicety: a photo the detector cannot take still animates.
    console.warn("[actor] face detection unavailable:", (err as Error).message);
    return undefined;
  }
  if (!face) return null;
  const k = width / img.width;
  const up = (p: { x: number; y: number }) => ({ x: Math.round(p.x * k), y: Math.round(p.y * k) });
  return {
    face: { x: Math.round(face.face.x * k), y: Math.round(face.face.y * k), width: Math.round(face.face.width * k), height: Math.round(face.face.height * k) },
    leftEye: face.leftEye.map(up),
    rightEye: face.rightEye.map(up),
  };
}

const PLACEHOLDER_VERSION = 1;

/**
 * A neutral silhouette on a flat grey backdrop, for an actor without a photo: it goes through the
 * same cut-out and framing as a photo would, so a placeholder looks like the real thing will.
 */
export async function placeholderPhoto(cacheDir: string): Promise<string> {
  const file = path.join(cacheDir, `actor-placeholder-v${PLACEHOLDER_VERSION}.png`);
  try {
    await fs.access(file);
    return file;
  } catch {
    // Not drawn yet.
  }
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="640"><rect width="480" height="640" fill="#8a8f99"/>` +
    `<ellipse cx="240" cy="230" rx="92" ry="112" fill="#5d626c"/>` +
    `<path d="M60 640 C 70 450, 170 380, 240 380 C 310 380, 410 450, 420 640 Z" fill="#5d626c"/></svg>`;
  await writeAtomic(file, await sharp(Buffer.from(svg)).png().toBuffer());
  return file;
}

/**
 * Writes a cache file whole or not at all: scene jobs in other processes may make the same file at
 * the same time, and ffmpeg must never read a half-written still.
 */
export async function writeAtomic(file: string, data: string | Buffer): Promise<void> {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await fs.writeFile(tmp, data);
  await fs.rename(tmp, file);
}
