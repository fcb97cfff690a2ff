import { describe, expect, it } from "vitest";
import { buildCameraMoveArgs, cameraMoveFilter, frameCount, parseCameraMove } from "./camera-move";

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

describe("buildCameraMoveArgs", () => {
  const base = { imagePath: "/in/frame.png", outPath: "/out/clip.mp4", width: 1280, height: 720, fps: 25, frames: 250 };

  it("encodes exactly the requested frames as silent H.264 yuv420p", () => {
    const args = buildCameraMoveArgs({ ...base, move: "push-in" });
    expect(args.slice(0, 3)).toEqual(["-y", "-i", "/in/frame.png"]);
    expect(args).toContain("-an");
    expect(args[args.indexOf("-frames:v") + 1]).toBe("250");
    expect(args[args.indexOf("-c:v") + 1]).toBe("libx264");
    expect(args[args.indexOf("-pix_fmt") + 1]).toBe("yuv420p");
    expect(args.at(-1)).toBe("/out/clip.mp4");
  });

  it("supersamples and crops in 4:4:4 so the move is smooth", () => {
    const f = cameraMoveFilter({ ...base, move: "pan-right" });
    expect(f).toContain("scale=3840:2160");
    expect(f.indexOf("format=yuv444p")).toBeLessThan(f.indexOf("zoompan"));
    expect(f).toContain("s=1280x720:fps=25");
    expect(f).toContain("on/249");
  });

  it("moves the crop in the direction asked", () => {
    expect(cameraMoveFilter({ ...base, move: "pan-left" })).toMatch(/x='\(iw-iw\/zoom\)\*\(1-/);
    expect(cameraMoveFilter({ ...base, move: "pull-out" })).toMatch(/z='1\.18-0\.180\*/);
    expect(cameraMoveFilter({ ...base, move: "static" })).toContain("z='1'");
  });

  it("counts frames from a duration", () => {
    expect(frameCount(10_600, 25)).toBe(265);
    expect(frameCount(10, 25)).toBe(1);
  });
});
