import { describe, expect, it } from "vitest";
import { projectSize } from "./size";

describe("a story video's size", () => {
  it("takes the long and short sides from VIDEO_WIDTH and VIDEO_HEIGHT, the shape from the project", () => {
    const hd = { VIDEO_WIDTH: 1280, VIDEO_HEIGHT: 720 };
    expect(projectSize({ aspectRatio: "16:9" }, hd)).toEqual({ width: 1280, height: 720 });
    expect(projectSize({ aspectRatio: "9:16" }, hd)).toEqual({ width: 720, height: 1280 });
    expect(projectSize({ aspectRatio: "1:1" }, hd)).toEqual({ width: 720, height: 720 });
    // An operator who set a portrait size gets the same three shapes.
    expect(projectSize({ aspectRatio: "16:9" }, { VIDEO_WIDTH: 1080, VIDEO_HEIGHT: 1920 })).toEqual({ width: 1920, height: 1080 });
  });
});
