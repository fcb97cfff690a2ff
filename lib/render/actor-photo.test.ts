import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { FaceLandmarks } from "./face-landmarks";

/** The detector's answers, one per call: a face, none (null), or an error as an install without its model files gives. */
const answers: Array<FaceLandmarks | null | Error> = [];
vi.mock("./face-landmarks", () => ({
  findFace: vi.fn(async () => {
    const next = answers.shift();
    if (next === undefined) throw new Error("findFace called more often than the test expected");
    if (next instanceof Error) throw next;
    return next;
  }),
}));
const { analysePhoto } = await import("./actor-photo");
const { renderActorStill } = await import("./actor-still");

/** An eye's six contour points, as face-api gives them, from its outer corner at x. */
const eye = (x: number) => [0, 5, 11, 16, 11, 5].map((dx, i) => ({ x: x + dx, y: i === 0 || i === 3 ? 60 : i < 3 ? 57 : 63 }));
const FACE: FaceLandmarks = {
  face: { x: 40, y: 30, width: 80, height: 90 },
  leftEye: eye(55),
  rightEye: eye(95),
};

let dir: string;
let photo: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "cinetwin-actor-photo-"));
  photo = path.join(dir, "photo.png");
  await sharp({ create: { width: 200, height: 240, channels: 3, background: "#d9c2a7" } })
    .png()
    .toFile(photo);
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

const analyses = async (cacheDir: string) => (await fs.readdir(cacheDir)).filter((f) => f.startsWith("actor-photo-"));
const newCache = async (name: string) => {
  const cacheDir = path.join(dir, name);
  await fs.mkdir(cacheDir);
  return cacheDir;
};

describe("analysePhoto", () => {
  it("keeps no answer from a detector that could not run, and keeps the face once it can", async () => {
    const cacheDir = await newCache("cache");
    answers.push(new Error('The "path" argument must be of type string. Received type number (586567)'));
    const failed = await analysePhoto(photo, cacheDir);
    expect(failed.face).toBeNull();
    expect(await analyses(cacheDir)).toEqual([]);

    // The next render (a fixed install) asks again and finds the face; that answer is kept.
    answers.push(FACE);
    const found = await analysePhoto(photo, cacheDir);
    expect(found.face?.leftEye).toHaveLength(6);
    expect(found.key).toBe(failed.key);
    expect(await analyses(cacheDir)).toHaveLength(1);

    // From then on the photo is read from the cache: the detector is not asked (answers is empty; a call would throw).
    expect((await analysePhoto(photo, cacheDir)).face).toEqual(found.face);
  });

  it("keeps 'no face' as an answer", async () => {
    const cacheDir = await newCache("cache-none");
    answers.push(null);
    expect((await analysePhoto(photo, cacheDir)).face).toBeNull();
    expect(await analyses(cacheDir)).toHaveLength(1);
    expect((await analysePhoto(photo, cacheDir)).face).toBeNull();
  });

  it("draws the still again once the face is known: a still made without it has no blinks", async () => {
    const cacheDir = await newCache("cache-still");
    answers.push(new Error("no model files"));
    const blind = await analysePhoto(photo, cacheDir);
    const still = (analysis: typeof blind) => renderActorStill({ photoPath: photo, analysis, variant: "shoulder", box: { width: 200, height: 240 }, cacheDir });
    const before = await still(blind);
    expect(before.blink).toBeNull();
    answers.push(FACE);
    const after = await still(await analysePhoto(photo, cacheDir));
    expect(after.path).not.toBe(before.path);
    expect(after.blink).not.toBeNull();
  });
});
