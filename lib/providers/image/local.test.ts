import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chooseStyle, makeRandom } from "./scene-style";
import { LocalImageProvider } from "./local";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "image-test-"));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

describe("chooseStyle", () => {
  it.each([
    ["A neon city street at night", "night", "city"],
    ["Sunrise over the ocean", "golden", "ocean"],
    ["Walking through a forest park", "day", "forest"],
    ["Product launch celebration", "day", "stage"],
    ["An idea takes shape", "day", "abstract"],
  ])("%s", (prompt, mood, setting) => {
    expect(chooseStyle(prompt, makeRandom("s"))).toMatchObject({ mood, setting });
  });
});

describe("LocalImageProvider", () => {
  const provider = new LocalImageProvider();

  it("paints a PNG of exactly the requested size, the same for the same seed", async () => {
    const req = { prompt: "Neon garage at night", width: 320, height: 180, seed: "p1:1" };
    const a = await provider.generate(req, path.join(dir, "a.png"));
    const b = await provider.generate(req, path.join(dir, "b.png"));
    expect(a).toMatchObject({ width: 320, height: 180, mime: "image/png" });
    const meta = await sharp(a.path).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 320, 180]);
    expect(Buffer.compare(await fs.readFile(a.path), await fs.readFile(b.path))).toBe(0);
    const stats = await sharp(a.path).stats();
    // A deliberate picture, not a flat fill: the channels vary.
    expect(stats.channels[2].stdev).toBeGreaterThan(5);
  });

  it("frames the character's photo in the picture and fails on a broken photo", async () => {
    const photo = path.join(dir, "photo.png");
    await sharp({ create: { width: 200, height: 250, channels: 3, background: "#ff0000" } })
      .png()
      .toFile(photo);
    const out = await provider.generate({ prompt: "ocean beach", width: 320, height: 180, seed: "x", referencePhotoPath: photo }, path.join(dir, "p.png"));
    const { data, info } = await sharp(out.path).raw().toBuffer({ resolveWithObject: true });
    let red = 0;
    for (let i = 0; i < data.length; i += info.channels) if (data[i] > 240 && data[i + 1] < 20 && data[i + 2] < 20) red++;
    expect(red).toBeGreaterThan(2_000);
    await fs.writeFile(path.join(dir, "bad.jpg"), "not an image");
    await expect(
      provider.generate({ prompt: "x", width: 320, height: 180, seed: "x", referencePhotoPath: path.join(dir, "bad.jpg") }, path.join(dir, "q.png")),
    ).rejects.toThrow();
  });
});
