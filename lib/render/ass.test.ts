import { describe, expect, it } from "vitest";
import { buildAssSubtitles, HIGHLIGHT_COLOR, assColor, wordTimings } from "./ass";

const dialogues = (doc: string) => doc.split("\n").filter((l) => l.startsWith("Dialogue:"));
const styleOf = (doc: string, name: string) =>
  doc
    .split("\n")
    .find((l) => l.startsWith(`Style: ${name},`))!
    .split(",");
// Style fields after "Style: Name": Fontname=1, Fontsize=2, Primary=3, Secondary=4, Outline=5, Back=6, Bold=7 ... BorderStyle=15, Outline=16, Shadow=17, Alignment=18
const BORDER_STYLE = 15;
const ALIGNMENT = 18;

describe("caption presets in ASS", () => {
  it("plain: outlined text (BorderStyle 1), bottom-centred by default", () => {
    const doc = buildAssSubtitles(1280, 720, [{ text: "Hello there", startMs: 0, endMs: 1500, style: "caption-bottom" }]);
    expect(dialogues(doc)).toEqual(["Dialogue: 0,0:00:00.00,0:00:01.50,caption-bottom,,0,0,0,,Hello there"]);
    const style = styleOf(doc, "caption-bottom");
    expect([style[BORDER_STYLE], style[ALIGNMENT]]).toEqual(["1", "2"]);
    expect(Number(style[16])).toBeGreaterThan(0);
  });

  it("boxed: an opaque box (BorderStyle 3) in a translucent dark colour, in its own style per position", () => {
    const doc = buildAssSubtitles(1280, 720, [{ text: "In a box", startMs: 0, endMs: 1000, style: "caption-top", preset: "boxed", color: "#ffd60a" }]);
    expect(dialogues(doc)).toEqual([`Dialogue: 0,0:00:00.00,0:00:01.00,boxed-top,,0,0,0,,{\\c${assColor("#ffd60a")}}In a box`]);
    const style = styleOf(doc, "boxed-top");
    expect([style[BORDER_STYLE], style[ALIGNMENT]]).toEqual(["3", "8"]);
    // Outline colour draws the box: black with alpha 0x60 (about 60% opaque), not transparent, not solid.
    expect(style[5]).toBe("&H60000000");
  });

  it("highlight: a few words a line, one event per spoken word with that word coloured, by the word timings given", () => {
    const words = [
      { text: "one", startMs: 0, endMs: 300 },
      { text: "two", startMs: 350, endMs: 600 },
      { text: "three", startMs: 600, endMs: 1000 },
      { text: "four", startMs: 1100, endMs: 1500 },
    ];
    const doc = buildAssSubtitles(720, 1280, [{ text: "one two three four", startMs: 0, endMs: 1500, style: "caption-bottom", preset: "highlight", words }]);
    const lit = `{\\c${assColor(HIGHLIGHT_COLOR)}}`;
    const back = "{\\c&HFFFFFF&}";
    expect(dialogues(doc)).toEqual([
      `Dialogue: 0,0:00:00.00,0:00:00.35,highlight-bottom,,0,0,0,,${lit}one${back} two three`,
      `Dialogue: 0,0:00:00.30,0:00:00.60,highlight-bottom,,0,0,0,,one ${lit}two${back} three`,
      `Dialogue: 0,0:00:00.60,0:00:01.00,highlight-bottom,,0,0,0,,one two ${lit}three${back}`,
      `Dialogue: 0,0:00:01.10,0:00:01.50,highlight-bottom,,0,0,0,,${lit}four${back}`,
    ]);
    const style = styleOf(doc, "highlight-bottom");
    expect(style[7]).toBe("-1");
    expect(Number(style[2])).toBeGreaterThan(Number(styleOf(doc, "caption-bottom")[2]));
  });

  it("highlight without word timings spreads the line over its words by their length", () => {
    const spread = wordTimings({ text: "a bbbbbbb", startMs: 1000, endMs: 2000 });
    expect(spread).toEqual([
      { text: "a", startMs: 1000, endMs: 1200 },
      { text: "bbbbbbb", startMs: 1200, endMs: 2000 },
    ]);
    const doc = buildAssSubtitles(720, 1280, [{ text: "a bbbbbbb", startMs: 1000, endMs: 2000, style: "caption-center", preset: "highlight" }]);
    expect(dialogues(doc).map((l) => l.split(",").slice(1, 4).join(","))).toEqual([
      "0:00:01.00,0:00:01.20,highlight-center",
      "0:00:01.20,0:00:02.00,highlight-center",
    ]);
  });

  it("keeps user text literal in every preset: braces and backslashes cannot open overrides", () => {
    for (const preset of ["plain", "boxed", "highlight"] as const) {
      const doc = buildAssSubtitles(640, 360, [{ text: "{\\b1}hi \\N", startMs: 0, endMs: 1000, style: "caption-bottom", preset }]);
      for (const line of dialogues(doc)) expect(line).toContain("\\{\\\u2060b1\\}");
    }
  });
});
