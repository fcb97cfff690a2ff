import { describe, expect, it } from "vitest";
import { LocalMotionProvider } from "./local";

describe("LocalMotionProvider", () => {
  it("returns the camera move for the renderer to draw, encoding nothing", async () => {
    const r = await new LocalMotionProvider().animate({
      imagePath: "/nonexistent/still.png",
      motionPrompt: "Camera: pan left across the street",
      durationMs: 2_600,
      width: 320,
      height: 180,
      fps: 25,
    });
    expect(r).toEqual({ kind: "camera", move: "pan-left" });
  });
});
