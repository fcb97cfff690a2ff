import { describe, expect, it } from "vitest";
import { wrapText } from "@/lib/composition/layout";
import { fontFileFor } from "./plan-scene";

describe("text layout", () => {
  it("wraps on words, splits long words and keeps paragraphs", () => {
    expect(wrapText("the quick brown fox\njumps", 10)).toEqual(["the quick", "brown fox", "jumps"]);
    expect(wrapText("abcdefghijkl", 5)).toEqual(["abcde", "fghij", "kl"]);
  });
  it("maps fonts to installed files, never to user paths", () => {
    expect(fontFileFor("DejaVu Serif")).toMatch(/DejaVuSerif\.ttf$/);
    expect(fontFileFor("../../etc/passwd")).toMatch(/DejaVuSans\.ttf$/);
  });
});
