import { describe, expect, it } from "vitest";
import { cameraMoveFilter, parseCameraMove } from "./camera-move";

describe("parseCameraMove", () => {
  it.each([
    ["Slow push-in toward her face", "push-in"],
    ["Camera: zoom in on the laptop", "push-in"],
    ["Zoom out to reveal the skyline", "pull-out"],
    ["pull back from Ana to reveal the garage", "pull-out"],
    ["Camera: pan across the city, passing Ana", "pan-right"],
    ["pan left across the market to settle on Ana", "pan-left"],
    ["Pan right, following him", "pan-right"],
    ["Tilt up from his hands to his face", "tilt-up"],
    ["Crane up over the crowd", "tilt-up"],
    ["tilt down from above to find Ana", "tilt-down"],
    ["Static, locked-off frame on Ana", "static"],
  ])("%s -> %s", (prompt, move) => {
    expect(parseCameraMove(prompt)).toBe(move);
  });

  it("lets the camera clause win over later subject motion", () => {
    expect(parseCameraMove("Camera: pan left across the park. Ana looks up and tilts up her chin")).toBe("pan-left");
  });

  it("defaults to a gentle push-in when nothing matches", () => {
    expect(parseCameraMove("Ana smiles at the sunrise")).toBe("push-in");
    expect(parseCameraMove("")).toBe("push-in");
  });
});

describe("cameraMoveFilter", () => {
  const base = { width: 1280, height: 720, fps: 25, frames: 250 };

  it("zooms by rescaling to even sizes and cropping the centre, eased over the frames", () => {
    const f = cameraMoveFilter({ ...base, move: "push-in" });
    expect(f).toContain("loop=loop=-1:size=1:start=0,fps=25");
    expect(f).toMatch(/scale=w='2\*trunc\(1280\*\(1\+0\.180\*\(0\.5-0\.5\*cos\(PI\*min\(n\/249,1\)\)\)\)\/2\+0\.5\)'/);
    expect(f).toContain("eval=frame");
    expect(f).toContain("crop=1280:720:exact=1");
    expect(cameraMoveFilter({ ...base, move: "pull-out" })).toMatch(/\(1\.18-0\.180\*/);
  });

  it("pans a fixed window over a 1.5x copy in the direction asked", () => {
    const right = cameraMoveFilter({ ...base, move: "pan-right" });
    expect(right).toContain("scale=1920:1080:force_original_aspect_ratio=increase");
    expect(right).toContain("crop=w=1600:h=900:x='(iw-ow)*(0.5-");
    expect(right).toContain("scale=1280:720:flags=bicubic");
    expect(cameraMoveFilter({ ...base, move: "pan-left" })).toContain("x='(iw-ow)*(1-(0.5-");
    expect(cameraMoveFilter({ ...base, move: "tilt-up" })).toContain("y='(ih-oh)*(1-(0.5-");
  });

  it("holds a static frame without per-frame work beyond the loop", () => {
    expect(cameraMoveFilter({ ...base, move: "static" })).toBe(
      "scale=1280:720:force_original_aspect_ratio=increase:flags=lanczos,crop=1280:720,setsar=1,format=yuv420p,loop=loop=-1:size=1:start=0,fps=25",
    );
  });
});
