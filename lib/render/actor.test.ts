import { createRequire } from "node:module";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileStorySceneTimeline } from "@/lib/composition/recipes/story-project";
import type { TimelineInput } from "@/lib/composition/timeline";
import { probe, runFfmpeg } from "@/lib/media/ffmpeg";
import { LocalImageProvider } from "@/lib/providers/image/local";
import { lavfiAudio } from "@/lib/test/audio";
import { analysePhoto } from "./actor-photo";
import { BLINK_MS, blinkTimes, OUTRO_MS } from "./actor-motion";
import { renderActorStill } from "./actor-still";
import { renderTimeline } from "./render-timeline";

const W = 360;
const H = 640;
const SCENE_BG = [32, 80, 192] as const;
const BACKDROP = [48, 160, 80] as const;
const ORANGE = [224, 112, 32] as const;
const YELLOW = [240, 208, 32] as const;
const PURPLE = [128, 32, 192] as const;
const SHIRT = [192, 48, 80] as const;
const MAGENTA = [208, 32, 176] as const;
const TEAL = [32, 160, 160] as const;

let dir: string;
const photos: Record<string, string> = {};
const assets: Record<string, string> = {};
/** Frames are written here as PNGs for a person to look at (AVATAR_FRAMES=/some/dir). */
const framesDir = process.env.AVATAR_FRAMES;

const hex = (c: readonly number[]) => `#${c.map((v) => v.toString(16).padStart(2, "0")).join("")}`;
const svgPng = (file: string, w: number, h: number, body: string) =>
  sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${body}</svg>`))
    .png()
    .toFile(file);
/** A person: a skin-coloured head over a shirt of `shirt`, standing at the photo's bottom. */
const person = (w: number, h: number, shirt: readonly number[]) =>
  `<circle cx="${w / 2}" cy="${h * 0.28}" r="${w * 0.17}" fill="#e0b090"/>` +
  `<rect x="${w * 0.27}" y="${h * 0.42}" width="${w * 0.46}" height="${h * 0.58}" rx="${w * 0.1}" fill="${hex(shirt)}"/>`;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "actor-"));
  if (framesDir) await fs.mkdir(framesDir, { recursive: true });
  photos.studio = path.join(dir, "studio.png");
  await svgPng(photos.studio, 300, 450, `<rect width="300" height="450" fill="${hex(BACKDROP)}"/>${person(300, 450, SHIRT)}`);
  photos.twoTone = path.join(dir, "two-tone.png");
  await svgPng(
    photos.twoTone,
    300,
    450,
    `<rect width="150" height="450" fill="${hex(BACKDROP)}"/><rect x="150" width="150" height="450" fill="${hex(ORANGE)}"/>${person(300, 450, SHIRT)}`,
  );
  photos.topHeavy = path.join(dir, "top-heavy.png");
  await svgPng(
    photos.topHeavy,
    300,
    400,
    `<rect width="300" height="250" fill="${hex(YELLOW)}"/><rect y="250" width="300" height="150" fill="${hex(PURPLE)}"/>`,
  );
  photos.magenta = path.join(dir, "magenta.png");
  await svgPng(photos.magenta, 300, 450, `<rect width="300" height="450" fill="${hex(TEAL)}"/>${person(300, 450, MAGENTA)}`);
  assets["media:bg"] = path.join(dir, "bg.png");
  await sharp({ create: { width: W, height: H, channels: 3, background: hex(SCENE_BG) } })
    .png()
    .toFile(assets["media:bg"]);
  // Speech whose loudness swells and fades 1.5 times a second, for 1.2 s; and silence.
  assets["media:speech"] = await lavfiAudio(path.join(dir, "speech.wav"), "aevalsrc='0.8*sin(2*PI*220*t)*(0.5+0.5*sin(2*PI*1.5*t))':s=48000:d=1.2");
  assets["media:silence"] = await lavfiAudio(path.join(dir, "silence.wav"), "anullsrc=r=48000:cl=mono", ["-t", "2.4"]);
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

async function render(t: TimelineInput, name: string, photoOf: (actor: string) => string | null = (a) => photos[a] ?? null) {
  return renderTimeline(t, {
    resolveAsset: async (src) => assets[src] ?? Promise.reject(new Error(`unknown ${src}`)),
    resolveActor: async (actor) => ({ photoPath: photoOf(actor), voice: null }),
    workDir: path.join(dir, `work-${name}`),
    cacheDir: path.join(dir, "cache"),
    outPath: path.join(dir, `${name}.mp4`),
  });
}

interface Frame {
  data: Buffer;
  width: number;
  height: number;
}

async function frameAt(video: string, ms: number, name: string): Promise<Frame> {
  const png = path.join(framesDir ?? dir, `${name}.png`);
  await runFfmpeg(["-y", "-ss", (ms / 1000).toFixed(3), "-i", video, "-frames:v", "1", png]);
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

const near = (f: Frame, x: number, y: number, rgb: readonly number[], tol = 40) => {
  const i = (y * f.width + x) * 3;
  return Math.abs(f.data[i] - rgb[0]) < tol && Math.abs(f.data[i + 1] - rgb[1]) < tol && Math.abs(f.data[i + 2] - rgb[2]) < tol;
};

/** How many pixels of a region are close to a colour. */
function count(f: Frame, rgb: readonly number[], region = { x: 0, y: 0, width: f.width, height: f.height }, tol = 40) {
  let n = 0;
  for (let y = region.y; y < region.y + region.height; y++) for (let x = region.x; x < region.x + region.width; x++) if (near(f, x, y, rgb, tol)) n++;
  return n;
}

/** Bounding box of the pixels close to a colour, or null. */
function boxOf(f: Frame, rgb: readonly number[], tol = 40) {
  let x0 = f.width;
  let y0 = f.height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < f.height; y++)
    for (let x = 0; x < f.width; x++)
      if (near(f, x, y, rgb, tol)) {
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, y);
      }
  return x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

/** Connected regions (4-neighbour, on an 8x downsampled grid) of a colour bigger than `minCells`. */
function regions(f: Frame, rgb: readonly number[], minCells = 4, tol = 40) {
  const step = 8;
  const gw = Math.floor(f.width / step);
  const gh = Math.floor(f.height / step);
  const on = new Uint8Array(gw * gh);
  for (let gy = 0; gy < gh; gy++) for (let gx = 0; gx < gw; gx++) on[gy * gw + gx] = near(f, gx * step + 4, gy * step + 4, rgb, tol) ? 1 : 0;
  let found = 0;
  for (let start = 0; start < on.length; start++) {
    if (on[start] !== 1) continue;
    let size = 0;
    const stack = [start];
    on[start] = 2;
    while (stack.length) {
      const p = stack.pop()!;
      size++;
      const x = p % gw;
      for (const q of [x > 0 ? p - 1 : -1, x < gw - 1 ? p + 1 : -1, p - gw, p + gw])
        if (q >= 0 && q < on.length && on[q] === 1) {
          on[q] = 2;
          stack.push(q);
        }
    }
    if (size >= minCells) found++;
  }
  return found;
}

type ActorInput = Extract<TimelineInput["scenes"][number]["tracks"][number], { type: "actor" }>;
const actor = (over: Omit<ActorInput, "type">): ActorInput => ({ type: "actor", src: "media:speech", ...over });

describe("actor variants", () => {
  it("draws a clean bubble, a bust of the photo's top, a cut-out on a plain backdrop and a framed busy photo", async () => {
    const t: TimelineInput = {
      settings: { name: "variants", videoSize: { width: W, height: H }, fps: 25, backgroundColor: "#000000" },
      scenes: [
        {
          duration: 1_200,
          tracks: [
            { type: "image", src: "media:bg", fit: "cover" },
            actor({ actor: "twoTone", variant: "bubble", position: { x: 20, y: 20 }, size: { width: 140, height: 140 } }),
            actor({ actor: "topHeavy", variant: "shoulder", position: { x: 200, y: 20 }, size: { width: 140, height: 180 }, volume: 0 }),
            actor({ actor: "studio", variant: "full_body", position: { x: 10, y: 250 }, size: { width: 160, height: 380 }, volume: 0 }),
            actor({ actor: "twoTone", variant: "full_body", position: { x: 190, y: 250 }, size: { width: 160, height: 380 }, volume: 0 }),
          ],
        },
      ],
    };
    const out = await render(t, "variants");
    const f = await frameAt(out.path, 600, "variants");

    // Bubble: its box's corners are the scene, not the photo; its middle is the photo.
    for (const [x, y] of [
      [22, 22],
      [157, 22],
      [22, 157],
      [157, 157],
    ])
      expect(near(f, x, y, SCENE_BG, 30), `bubble corner ${x},${y}`).toBe(true);
    expect(count(f, BACKDROP, { x: 20, y: 20, width: 70, height: 140 }) + count(f, ORANGE, { x: 90, y: 20, width: 70, height: 140 })).toBeGreaterThan(1500);

    // Shoulder: the top of the photo (yellow) fills the box; its bottom (purple) is cropped away.
    const shoulder = { x: 200, y: 20, width: 140, height: 180 };
    expect(count(f, YELLOW, shoulder)).toBeGreaterThan(140 * 180 * 0.6);
    expect(count(f, PURPLE, shoulder)).toBe(0);

    // Full body on a plain backdrop: the backdrop is keyed out (the scene shows through), the person stands there.
    const studio = { x: 10, y: 250, width: 160, height: 380 };
    expect(count(f, BACKDROP, studio)).toBe(0);
    expect(count(f, SHIRT, studio)).toBeGreaterThan(2000);
    expect(count(f, SCENE_BG, { x: 12, y: 260, width: 30, height: 100 }, 30)).toBeGreaterThan(30 * 100 * 0.9);
    // A photo whose border is two colours is not keyed: it is shown whole, its backdrop too.
    expect(count(f, BACKDROP, { x: 190, y: 250, width: 160, height: 380 })).toBeGreaterThan(2000);
    expect(count(f, ORANGE, { x: 190, y: 250, width: 160, height: 380 })).toBeGreaterThan(2000);
    expect((await analysePhoto(photos.studio, path.join(dir, "cache"))).backdrop).toMatchObject({ rgb: [...BACKDROP] });
    expect((await analysePhoto(photos.twoTone, path.join(dir, "cache"))).backdrop).toBeNull();
  });
});

describe("animated photo motion", () => {
  it("moves and swells with loud speech, and with includeOutro nods after it, which lengthens the track", async () => {
    const t: TimelineInput = {
      settings: { name: "motion", videoSize: { width: W, height: H }, fps: 25, backgroundColor: "#000000" },
      scenes: [
        {
          intrinsicDurationTrackReference: "host",
          tracks: [
            { type: "image", src: "media:bg", fit: "cover" },
            actor({
              actor: "magenta",
              referenceId: "host",
              variant: "shoulder",
              includeOutro: true,
              position: { x: 60, y: 160 },
              size: { width: 240, height: 320 },
            }),
          ],
        },
      ],
    };
    const out = await render(t, "motion");
    // The scene takes its length from the track: the speech and the closing gesture.
    const seg = await probe(out.segments[0].path);
    expect(Math.abs(seg.durationMs - (1_200 + OUTRO_MS))).toBeLessThanOrEqual(80);

    const at = async (ms: number) => boxOf(await frameAt(out.path, ms, `motion-${ms}`), MAGENTA)!;
    const loud = await at(240);
    const quiet = await at(560);
    expect(loud).not.toEqual(quiet);
    // Swells while loud: the shirt is drawn larger or higher.
    expect(loud.width > quiet.width || loud.y < quiet.y).toBe(true);
    // After the speech the photo is still there, nodding (lower mid-gesture than once it has settled).
    const nod = await at(1_200 + 300);
    const settled = await at(1_200 + OUTRO_MS - 40);
    expect(nod.y + nod.height).toBeGreaterThan(settled.y + settled.height);
    expect(nod).not.toEqual(settled);
  });
});

describe("a story scene with a talking head", () => {
  it("shows the character once: over a frame painted without their photo", async () => {
    const painter = new LocalImageProvider();
    const frame = (name: string, referencePhotoPath: string | null) =>
      painter.generate({ prompt: "A quiet harbour at dawn", width: W, height: H, seed: "s", referencePhotoPath }, path.join(dir, `${name}.png`));
    // What a talking-head scene's frame is painted with (sceneFramePhotoPath gives no photo for it), and what it was before.
    assets["media:frame"] = (await frame("frame", null)).path;
    assets["media:frame-with-card"] = (await frame("frame-card", photos.magenta)).path;
    const scene = (imageSrc: string) =>
      compileStorySceneTimeline(
        { title: "story", width: W, height: H, fps: 25, burnCaptions: false },
        { sceneNumber: 1, imageSrc, cameraMove: "static", actor: "magenta", narrationSrc: "media:speech", narrationDurationMs: 1_200, segments: [] },
      );
    const once = await render(scene("media:frame"), "story");
    const shown = await frameAt(once.path, 2_000, "story");
    expect(regions(shown, MAGENTA)).toBe(1);
    expect(count(shown, TEAL, undefined, 24)).toBe(0);
    // The check can tell: over a frame painted with the photo card, the photo (its teal backdrop) shows behind the character.
    const twice = await render(scene("media:frame-with-card"), "story-card");
    expect(count(await frameAt(twice.path, 2_000, "story-card"), TEAL, undefined, 24)).toBeGreaterThan(2_000);
  });
});

describe("blinks", () => {
  it("closes the eyes of a photo with a face at its blink times", async () => {
    // A real face: a photo face-api ships beside its weights (nothing is downloaded or committed).
    const sample = path.join(path.dirname(createRequire(import.meta.url).resolve("@vladmandic/face-api/package.json")), "demo", "sample6.jpg");
    const analysis = await analysePhoto(sample, path.join(dir, "cache"));
    expect(analysis.face?.leftEye).toHaveLength(6);
    const t: TimelineInput = {
      settings: { name: "blink", videoSize: { width: W, height: H }, fps: 25, backgroundColor: "#000000" },
      scenes: [
        {
          duration: 2_400,
          tracks: [
            { type: "image", src: "media:bg", fit: "cover" },
            actor({ actor: "face", src: "media:silence", variant: "shoulder", position: { x: 30, y: 120 }, size: { width: 300, height: 400 } }),
          ],
        },
      ],
    };
    const out = await render(t, "blink", () => sample);
    // The actor is the scene's second layer (index 1): its blinks follow blinkTimes(visible, 2).
    const [first] = blinkTimes(2_400, 2);
    expect(first).toBeLessThan(2_400 - BLINK_MS);
    const open = await frameAt(out.path, first - 80, "blink-open");
    const shut = await frameAt(out.path, first + 40, "blink-shut");
    const after = await frameAt(out.path, first + BLINK_MS + 80, "blink-after");
    // Where the lids are drawn: the still's blink patch, placed where the still rests (breathing moves it a pixel or two).
    const still = await renderActorStill({
      photoPath: sample,
      analysis,
      variant: "shoulder",
      box: { width: 300, height: 400 },
      cacheDir: path.join(dir, "cache"),
    });
    const patch = await sharp(still.blink!.path).metadata();
    const eyes = { x: 30 + still.blink!.x, y: 120 + still.blink!.y, width: patch.width, height: patch.height };
    // Dark pupils and lashes give way to lids of skin: the eyes get brighter while shut, and open again after.
    expect(brightness(shut, eyes) - brightness(open, eyes)).toBeGreaterThan(4);
    expect(Math.abs(brightness(after, eyes) - brightness(open, eyes))).toBeLessThan(1.5);
  });
});

/** Mean green level of a region. */
function brightness(f: Frame, r: { x: number; y: number; width: number; height: number }) {
  let sum = 0;
  for (let y = r.y; y < r.y + r.height; y++) for (let x = r.x; x < r.x + r.width; x++) sum += f.data[(y * f.width + x) * 3 + 1];
  return sum / (r.width * r.height);
}
