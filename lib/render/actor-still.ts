import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import sharp, { type OverlayOptions } from "sharp";
import type { ACTOR_VARIANTS } from "@/lib/composition/timeline";
import { floodFromBorder, rgbDistance, SOFT_EDGE, writeAtomic, type PhotoAnalysis, type Rect } from "./actor-photo";
import { eyelidsSvg, eyesBox } from "./actor-eyes";

export type ActorVariant = (typeof ACTOR_VARIANTS)[number];

/** One actor layer's picture, made once and then only overlaid: cut out or framed, at the size it is drawn. */
export interface ActorStill {
  /** RGBA PNG. */
  path: string;
  width: number;
  height: number;
  /** Whether the backdrop was keyed out (full body on a near-uniform backdrop). */
  keyed: boolean;
  /** The closed-eyes patch laid over the still at (x, y) while blinking; null: no face to blink with. */
  blink: { path: string; x: number; y: number } | null;
}

/** Bump when stills change look so cached ones are not reused. */
const STILL_VERSION = 5;
/** Photos are decoded at most this large: a still is never drawn bigger than the frame. */
const DECODE_SIDE = 2048;

/** Where the photo's crop lands on the still's canvas. */
interface Placement {
  crop: Rect;
  drawn: Rect;
}

const even = (n: number) => Math.max(2, 2 * Math.round(n / 2));

/** The canvas of a variant in a box: a bubble is the box's largest centred square. */
export function stillSize(variant: ActorVariant, box: { width: number; height: number }) {
  if (variant === "bubble") {
    const side = even(Math.min(box.width, box.height));
    return { width: side, height: side };
  }
  return { width: even(box.width), height: even(box.height) };
}

/** Room around the picture for its shadow. */
const marginOf = (w: number, h: number) => Math.max(1, Math.round(Math.min(w, h) * 0.04));

/** The biggest rect of aspect `aspect` (w/h) around (cx, cy) of at most `maxW` wide that fits in the photo. */
function cropAround(a: PhotoAnalysis, cx: number, top: number, maxW: number, aspect: number): Rect {
  // Never wider than the photo, nor taller: width / aspect <= height.
  const width = Math.min(maxW, a.width, a.height * aspect);
  const height = width / aspect;
  const x = Math.min(Math.max(0, cx - width / 2), a.width - width);
  const y = Math.min(Math.max(0, top), a.height - height);
  return { x: Math.round(x), y: Math.round(y), width: Math.max(1, Math.round(width)), height: Math.max(1, Math.round(height)) };
}

/** Fits `crop` inside (w, h) keeping its aspect, bottom-centred at `bottom`. */
function containBottom(crop: Rect, x: number, w: number, h: number, bottom: number): Rect {
  const k = Math.min(w / crop.width, h / crop.height);
  const width = Math.max(1, Math.round(crop.width * k));
  const height = Math.max(1, Math.round(crop.height * k));
  return { x: Math.round(x + (w - width) / 2), y: bottom - height, width, height };
}

/**
 * Which part of the photo is drawn where. Full body: the person cut out of the backdrop (their
 * bounding box), else the whole photo (a wide one trimmed at the sides around its face); both
 * standing on the box's bottom. Bubble: a square around
 * the face (else the photo's top, where a face usually is). Shoulder: a bust around the face, else
 * the top of the photo, filling a rounded box.
 */
export function placeActor(variant: ActorVariant, a: PhotoAnalysis, canvas: { width: number; height: number }): Placement {
  const { width: cw, height: ch } = canvas;
  const m = marginOf(cw, ch);
  const face = a.face?.face;
  if (variant === "full_body") {
    if (a.backdrop) {
      const s = a.backdrop.subject;
      const pad = Math.round(Math.max(s.width, s.height) * 0.03);
      const x = Math.max(0, s.x - pad);
      const y = Math.max(0, s.y - pad);
      const bottom = a.backdrop.touchesBottom ? a.height : Math.min(a.height, s.y + s.height + pad);
      const crop = { x, y, width: Math.min(a.width, s.x + s.width + pad) - x, height: bottom - y };
      return { crop, drawn: containBottom(crop, m, cw - 2 * m, ch - m, a.backdrop.touchesBottom ? ch : ch - Math.round(m / 2)) };
    }
    // A landscape photo in a portrait box would be a small card: with a face to centre on, its sides
    // are trimmed (full height kept) down to the box's shape, or to two and a half faces if wider.
    const boxAspect = (cw - 2 * m) / (ch - 2 * m);
    const wide = face && a.width / a.height > boxAspect * 1.15;
    const width = wide ? Math.min(a.width, Math.round(Math.max(a.height * boxAspect, face.width * 2.5))) : a.width;
    const crop = wide ? cropAround(a, face.x + face.width / 2, 0, width, width / a.height) : { x: 0, y: 0, width: a.width, height: a.height };
    return { crop, drawn: containBottom(crop, m, cw - 2 * m, ch - 2 * m, ch - m) };
  }
  const drawn = { x: m, y: m, width: cw - 2 * m, height: ch - 2 * m };
  const aspect = drawn.width / drawn.height;
  if (variant === "bubble") {
    const crop = face
      ? cropAround(a, face.x + face.width / 2, face.y + face.height * 0.5 - face.height * 1.25, face.height * 2.5, 1)
      : cropAround(a, a.width / 2, 0, Math.min(a.width, a.height), 1);
    return { crop, drawn };
  }
  const crop = face
    ? cropAround(a, face.x + face.width / 2, face.y - face.height * 0.45, Math.max(face.width * 1.8, face.height * 2.6 * aspect), aspect)
    : cropAround(a, a.width / 2, 0, Math.min(a.width, a.height * 0.6 * aspect), aspect);
  return { crop, drawn };
}

/** Makes the picture of one actor layer (cached in `cacheDir` by photo, face, variant and size); see ActorStill. */
export async function renderActorStill(opts: {
  photoPath: string;
  analysis: PhotoAnalysis;
  variant: ActorVariant;
  box: { width: number; height: number };
  cacheDir: string;
}): Promise<ActorStill> {
  const { analysis: a, variant } = opts;
  const canvas = stillSize(variant, opts.box);
  const key = createHash("sha256")
    .update(JSON.stringify({ v: STILL_VERSION, photo: a.key, face: a.face, variant, canvas }))
    .digest("hex")
    .slice(0, 32);
  const base = path.join(opts.cacheDir, `actor-still-${key}`);
  try {
    return JSON.parse(await fs.readFile(`${base}.json`, "utf8")) as ActorStill;
  } catch {
    // Not made yet.
  }
  const place = placeActor(variant, a, canvas);
  const layer = await photoLayer(opts.photoPath, a, variant, place);
  const still: ActorStill = { path: `${base}.png`, ...canvas, keyed: variant === "full_body" && !!a.backdrop, blink: null };
  const open = await compose(layer, variant, place, canvas, still.keyed);
  await writeAtomic(still.path, open);

  const lids = a.face ? eyelidsSvg(a.face, place, layer) : null;
  const eyes = a.face && lids ? eyesBox(a.face, place, canvas) : null;
  if (lids && eyes) {
    const closedLayer = await sharp(layer.data, { raw: { width: place.drawn.width, height: place.drawn.height, channels: 4 } })
      .composite([{ input: Buffer.from(lids), blend: "atop" }])
      .raw()
      .toBuffer();
    const closed = await compose({ ...layer, data: closedLayer }, variant, place, canvas, still.keyed);
    const patch = `${base}-blink.png`;
    await writeAtomic(patch, await sharp(closed).extract({ left: eyes.x, top: eyes.y, width: eyes.width, height: eyes.height }).png().toBuffer());
    still.blink = { path: patch, x: eyes.x, y: eyes.y };
  }
  // The description last: once it exists, so do the pictures it names.
  await writeAtomic(`${base}.json`, JSON.stringify(still));
  return still;
}

/** The crop of the photo at its drawn size as raw RGBA, keyed or masked to its shape. */
async function photoLayer(photoPath: string, a: PhotoAnalysis, variant: ActorVariant, { crop, drawn }: Placement) {
  const upright = await sharp(photoPath)
    .rotate()
    .resize({ width: DECODE_SIDE, height: DECODE_SIDE, fit: "inside", withoutEnlargement: true })
    .toBuffer({ resolveWithObject: true });
  const k = upright.info.width / a.width;
  const left = Math.min(upright.info.width - 1, Math.round(crop.x * k));
  const top = Math.min(upright.info.height - 1, Math.round(crop.y * k));
  const region = {
    left,
    top,
    width: Math.max(1, Math.min(upright.info.width - left, Math.round(crop.width * k))),
    height: Math.max(1, Math.min(upright.info.height - top, Math.round(crop.height * k))),
  };
  let data = await sharp(upright.data).extract(region).resize(drawn.width, drawn.height, { fit: "fill" }).ensureAlpha().raw().toBuffer();
  if (variant === "full_body" && a.backdrop) keyOut(data, drawn.width, drawn.height, a.backdrop);
  else {
    const w = drawn.width;
    const h = drawn.height;
    const shape =
      variant === "bubble"
        ? `<circle cx="${w / 2}" cy="${h / 2}" r="${Math.min(w, h) / 2}" fill="#fff"/>`
        : `<rect width="${w}" height="${h}" rx="${cornerRadius(w, h, variant)}" fill="#fff"/>`;
    data = await sharp(data, { raw: { width: w, height: h, channels: 4 } })
      .composite([{ input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${shape}</svg>`), blend: "dest-in" }])
      .raw()
      .toBuffer();
  }
  return { data, width: drawn.width, height: drawn.height };
}

const cornerRadius = (w: number, h: number, variant: ActorVariant) => Math.round(Math.min(w, h) * (variant === "shoulder" ? 0.08 : 0.045));

/**
 * Keys the backdrop out of raw RGBA in place: backdrop pixels connected to the border become
 * transparent with a soft edge, the backdrop's colour is taken back out of the edge's pixels (so no
 * green or grey halo), and a bust's bottom fades out instead of ending in a hard line.
 */
export function keyOut(data: Buffer, width: number, height: number, backdrop: NonNullable<PhotoAnalysis["backdrop"]>) {
  const { rgb, tolerance } = backdrop;
  const outside = floodFromBorder(data, width, height, rgb, tolerance + SOFT_EDGE, 4);
  const alpha = new Float32Array(width * height);
  for (let p = 0; p < width * height; p++) {
    if (!outside[p]) {
      alpha[p] = 1;
      continue;
    }
    const t = Math.min(1, Math.max(0, (rgbDistance(data, p * 4, rgb) - tolerance) / SOFT_EDGE));
    alpha[p] = t * t * (3 - 2 * t);
  }
  // One pass of a 3x3 box blur: the outline is anti-aliased rather than stair-stepped.
  const fade = backdrop.touchesBottom ? Math.max(1, Math.round(height * 0.08)) : 0;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let sum = 0;
      let n = 0;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const yy = y + dy;
          const xx = x + dx;
          if (yy < 0 || yy >= height || xx < 0 || xx >= width) continue;
          sum += alpha[yy * width + xx];
          n++;
        }
      const a = sum / n;
      const i = (y * width + x) * 4;
      if (a > 0.05 && a < 1) for (let c = 0; c < 3; c++) data[i + c] = Math.max(0, Math.min(255, Math.round((data[i + c] - (1 - a) * rgb[c]) / a)));
      const faded = fade && y >= height - fade ? a * ((height - y) / fade) : a;
      data[i + 3] = Math.round(faded * data[i + 3]);
    }
}

/** The layer on its canvas: a soft shadow under it, and for framed shapes a thin light edge. */
async function compose(
  layer: { data: Buffer; width: number; height: number },
  variant: ActorVariant,
  { drawn }: Placement,
  canvas: { width: number; height: number },
  keyed: boolean,
): Promise<Buffer> {
  const { width: w, height: h } = layer;
  const m = marginOf(canvas.width, canvas.height);
  // The shadow is the picture's own outline, darkened, blurred and dropped a little: drawn on the whole canvas, so it is clipped there.
  const shadow = Buffer.alloc(canvas.width * canvas.height * 4);
  const dx = drawn.x + Math.round(m * (keyed ? 0.25 : 0));
  const dy = drawn.y + Math.round(m * 0.35);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const cx = x + dx;
      const cy = y + dy;
      if (cx >= canvas.width || cy >= canvas.height) continue;
      shadow[(cy * canvas.width + cx) * 4 + 3] = Math.round(layer.data[(y * w + x) * 4 + 3] * (keyed ? 0.35 : 0.45));
    }
  const shadowPng = await sharp(shadow, { raw: { ...canvas, channels: 4 } })
    .blur(Math.max(0.5, m * 0.45))
    .png()
    .toBuffer();
  const layerPng = await sharp(layer.data, { raw: { width: w, height: h, channels: 4 } })
    .png()
    .toBuffer();
  const parts: OverlayOptions[] = [
    { input: shadowPng, left: 0, top: 0 },
    { input: layerPng, left: drawn.x, top: drawn.y },
  ];
  if (!keyed) {
    const stroke = Math.max(1, Math.round(Math.min(w, h) * (variant === "bubble" ? 0.025 : 0.008)));
    const s = stroke / 2;
    const edge =
      variant === "bubble"
        ? `<circle cx="${w / 2}" cy="${h / 2}" r="${Math.min(w, h) / 2 - s}" fill="none" stroke="#fff" stroke-opacity="0.9" stroke-width="${stroke}"/>`
        : `<rect x="${s}" y="${s}" width="${w - stroke}" height="${h - stroke}" rx="${cornerRadius(w, h, variant) - s}" fill="none" stroke="#fff" stroke-opacity="0.35" stroke-width="${stroke}"/>`;
    parts.push({ input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${edge}</svg>`), left: drawn.x, top: drawn.y });
  }
  return sharp({ create: { ...canvas, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite(parts)
    .png()
    .toBuffer();
}
