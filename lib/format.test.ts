import { describe, expect, it } from "vitest";
import { sliceText } from "./format";

describe("sliceText", () => {
  it("cuts at the limit, one unit sooner rather than split an emoji in two", () => {
    expect(sliceText("hello", 10)).toBe("hello");
    expect(sliceText("hello", 3)).toBe("hel");
    const emoji = "😀😀😀";
    expect(sliceText(emoji, 3)).toBe("😀");
    expect(sliceText(emoji, 4)).toBe("😀😀");
    // What Postgres refuses inside JSON: a lone high surrogate.
    for (let max = 1; max <= emoji.length; max++) expect(JSON.stringify(sliceText(emoji, max))).not.toMatch(/\\ud8/);
  });
});
