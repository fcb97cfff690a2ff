import { describe, expect, it } from "vitest";
import { postPatch } from "./posts";

describe("a post patch", () => {
  it("leaves out what it does not change (no defaults that would wipe the script or captions)", () => {
    expect(postPatch.parse({ scheduledAt: "2030-01-01T10:00:00Z" })).toEqual({ scheduledAt: new Date("2030-01-01T10:00:00Z") });
  });
});
