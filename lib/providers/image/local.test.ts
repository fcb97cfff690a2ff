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
    ["A neon city street at night", "night", "clear", "street"],
    ["Sunrise over the ocean", "dawn", "clear", "beach"],
    ["Walking through a forest park", "afternoon", "clear", "forest"],
    ["Keynote on a spotlit stage", "afternoon", "clear", "stage"],
    ["An idea takes shape", "afternoon", "clear", "open"],
    ["steep narrow Lisbon alley, warm afternoon light", "afternoon", "clear", "street"],
    ["A rainy night chase through Tokyo streets", "night", "rain", "street"],
    ["My grandmother's garden in winter at dusk", "dusk", "snow", "garden"],
    ["in a warm home kitchen, fresh morning sunlight through the windows", "morning", "clear", "kitchen"],
    ["on an empty desert highway, golden-hour backlight", "golden", "clear", "desert"],
    ["a foggy mountain ridge at dawn", "dawn", "fog", "mountain"],
    ["office desk at noon under a thunderstorm", "noon", "storm", "office"],
    ["an astronaut at a window framing Earth from orbit", "afternoon", "clear", "space"],
  ])("%s", (prompt, time, weather, setting) => {
    expect(chooseStyle(prompt, makeRandom("s"))).toMatchObject({ time, weather, setting });
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

  it("paints what the prompt says: a sunny street by day is bright, a rainy city night is dark; seeds vary it", async () => {
    const paint = async (prompt: string, seed: string) => {
      const out = await provider.generate({ prompt, width: 180, height: 320, seed }, path.join(dir, `${seed}-${prompt.length}.png`));
      const stats = await sharp(out.path).stats();
      return { file: await fs.readFile(out.path), mean: stats.channels.slice(0, 3).reduce((a, c) => a + c.mean, 0) / 3 };
    };
    const day = await paint("steep narrow Lisbon alley, warm afternoon light", "d1");
    const night = await paint("rainy night chase through the streets of Tokyo, neon", "n1");
    expect(day.mean).toBeGreaterThan(120);
    expect(night.mean).toBeLessThan(80);
    const other = await paint("steep narrow Lisbon alley, warm afternoon light", "d2");
    expect(Buffer.compare(day.file, other.file)).not.toBe(0);
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
