import { describe, expect, it } from "vitest";
import { actorMotionScript, actorPoses, BLINK_MS, blinkTimes, OUTRO_MS } from "./actor-motion";
import { findBackdrop } from "./actor-photo";
import { placeActor } from "./actor-still";

describe("actorPoses", () => {
  const fps = 25;
  const speech = Array.from({ length: 50 }, (_, f) => (f % 25 < 12 ? 1 : 0));

  it("lifts and swells with loud speech, and only breathes (no scale) when silent", () => {
    const poses = actorPoses({ levels: speech, frames: 50, fps, side: 300, outro: false });
    expect(Math.max(...poses.map((p) => p.scale))).toBeGreaterThan(1.02);
    expect(Math.min(...poses.slice(0, 12).map((p) => p.dy))).toBeLessThan(-6);
    const silent = actorPoses({ levels: [], frames: 100, fps, side: 300, outro: false });
    expect(silent.every((p) => p.scale === 1 && p.dx === 0)).toBe(true);
    const ys = silent.map((p) => p.dy);
    expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThan(1);
    expect(Math.max(...ys.map(Math.abs))).toBeLessThanOrEqual(300 * 0.006 + 1e-9);
  });

  it("nods and bows over OUTRO_MS after the speech with includeOutro, then settles", () => {
    const outroFrames = (OUTRO_MS * fps) / 1000;
    const frames = speech.length + outroFrames + 10;
    const plain = actorPoses({ levels: speech, frames, fps, side: 300, outro: false });
    const outro = actorPoses({ levels: speech, frames, fps, side: 300, outro: true });
    expect(outro.slice(0, speech.length)).toEqual(plain.slice(0, speech.length));
    const gesture = outro.slice(speech.length, speech.length + outroFrames);
    expect(Math.max(...gesture.map((p) => p.dy))).toBeGreaterThan(10);
    expect(Math.min(...gesture.map((p) => p.scale))).toBeLessThan(0.98);
    expect(outro.slice(speech.length + outroFrames)).toEqual(plain.slice(speech.length + outroFrames));
  });
});

describe("actorMotionScript", () => {
  it("writes only changes, keeps a bottom-anchored photo standing, and leaves a resting photo's size alone", () => {
    const script = actorMotionScript({
      poses: [
        { dx: 0, dy: 0, scale: 1 },
        { dx: 0, dy: 0, scale: 1 },
        { dx: 2, dy: -4, scale: 1.1 },
      ],
      id: 3,
      startMs: 1_000,
      fps: 25,
      x: 100,
      y: 200,
      width: 100,
      height: 150,
      anchor: "bottom",
    });
    expect(script.trim().split("\n")).toEqual([
      "1.000 overlay@actor3 x 100, overlay@actor3 y 200;",
      // 110x165, centred on x, its bottom where the resting photo's is (200 + 150 - 165), lifted 4 px.
      "1.080 scale@actor3 w 110, scale@actor3 h 165, overlay@actor3 x 97, overlay@actor3 y 181;",
    ]);
  });
});

describe("blinkTimes", () => {
  it("blinks every 3 to 6 s, the same way every time, never past the end", () => {
    const times = blinkTimes(60_000, 7);
    expect(times).toEqual(blinkTimes(60_000, 7));
    expect(times).not.toEqual(blinkTimes(60_000, 8));
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(3_000);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(6_000);
    expect(times.at(-1)! + BLINK_MS).toBeLessThan(60_000);
    expect(blinkTimes(500, 1)).toEqual([]);
  });
});

describe("cut-out and crops", () => {
  /** Raw RGB of `w` x `h`, `fill(x, y)` giving each pixel's colour. */
  const raw = (w: number, h: number, fill: (x: number, y: number) => [number, number, number]) => {
    const data = Buffer.alloc(w * h * 3);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set(fill(x, y), (y * w + x) * 3);
    return data;
  };

  it("keys a plain backdrop (a little noise allowed) around a person, and nothing else", () => {
    const noise = (x: number, y: number) => ((x * 7 + y * 13) % 9) - 4;
    const studio = raw(100, 150, (x, y) => (x >= 30 && x < 70 && y >= 40 ? [200, 40, 60] : [40 + noise(x, y), 160 + noise(x, y), 80]));
    const found = findBackdrop(studio, 100, 150);
    expect(found).toMatchObject({ subject: { x: 30, y: 40, width: 40, height: 110 }, touchesBottom: true });
    expect(found!.rgb.map((c, i) => Math.abs(c - [40, 160, 80][i]) <= 4)).toEqual([true, true, true]);
    // Two colours on the border, a flat card with nothing on it, a busy photo: not keyed.
    expect(
      findBackdrop(
        raw(100, 150, (x) => (x < 50 ? [40, 160, 80] : [220, 110, 30])),
        100,
        150,
      ),
    ).toBeNull();
    expect(
      findBackdrop(
        raw(100, 150, () => [40, 160, 80]),
        100,
        150,
      ),
    ).toBeNull();
    expect(
      findBackdrop(
        raw(100, 150, (x, y) => [(x * 37) % 256, (y * 53) % 256, (x * y) % 256]),
        100,
        150,
      ),
    ).toBeNull();
  });

  const analysis = (over: object) => ({ key: "k", width: 1600, height: 1000, backdrop: null, face: null, ...over });
  const face = { face: { x: 1200, y: 200, width: 160, height: 180 }, leftEye: [], rightEye: [] };

  it("centres a bubble and a bust on the face, else takes the photo's top", () => {
    const canvas = { width: 200, height: 200 };
    const bubble = placeActor("bubble", analysis({ face }), canvas);
    expect(bubble.crop.width).toBe(bubble.crop.height);
    expect(bubble.crop.x + bubble.crop.width / 2).toBeCloseTo(1280, -1);
    const bust = placeActor("shoulder", analysis({}), { width: 200, height: 300 });
    expect(bust.crop.y).toBe(0);
    expect(bust.crop.height).toBeLessThanOrEqual(1000 * 0.6 + 1);
  });

  it("shows a wide photo full body trimmed around its face, and a faceless one whole", () => {
    const canvas = { width: 200, height: 400 };
    const trimmed = placeActor("full_body", analysis({ face }), canvas);
    expect(trimmed.crop).toMatchObject({ y: 0, height: 1000 });
    expect(trimmed.crop.x).toBeLessThan(1200);
    expect(trimmed.crop.x + trimmed.crop.width).toBeGreaterThan(1360);
    expect(placeActor("full_body", analysis({}), canvas).crop).toEqual({ x: 0, y: 0, width: 1600, height: 1000 });
  });
});
