import { describe, expect, it } from "vitest";
import { assColor, assTime, buildAssSubtitles, escapeAssText } from "./ass";
import { toSrt, toVtt } from "./captions";

const cues = [
  { text: "Hello there.", startMs: 0, endMs: 1_500 },
  { text: "   ", startMs: 1_500, endMs: 1_600 },
  { text: "A <b> & c", startMs: 3_723_456, endMs: 3_725_000 },
];

describe("toSrt / toVtt", () => {
  it("writes numbered SubRip cues with comma milliseconds, skipping blank ones", () => {
    expect(toSrt(cues)).toBe("1\n00:00:00,000 --> 00:00:01,500\nHello there.\n\n2\n01:02:03,456 --> 01:02:05,000\nA <b> & c\n");
  });
  it("writes WebVTT with a header, dot milliseconds and escaped markup", () => {
    expect(toVtt(cues)).toBe("WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nHello there.\n\n01:02:03.456 --> 01:02:05.000\nA &lt;b&gt; &amp; c\n");
  });
  it("never lets cue text contain a blank line", () => {
    expect(toSrt([{ text: "a\n\nb", startMs: 0, endMs: 10 }])).toBe("1\n00:00:00,000 --> 00:00:00,010\na\nb\n");
  });
});

describe("ASS subtitles", () => {
  it("makes override braces and backslashes literal", () => {
    expect(escapeAssText("a {\\i1} \\N b")).toBe("a \\{\\\u2060i1\\} \\\u2060N b");
    expect(escapeAssText("x\ny")).toBe("x\\Ny");
  });
  it("writes colours blue-first and times in centiseconds", () => {
    expect(assColor("#ff8000")).toBe("&H0080FF&");
    expect(assTime(3_723_456)).toBe("1:02:03.46");
  });
  it("sizes the script to the video and keeps user text on one Dialogue line", () => {
    const doc = buildAssSubtitles(320, 180, [{ text: "It's: a, [b] 50%", startMs: 0, endMs: 1000, style: "caption-bottom" }]);
    expect(doc).toContain("PlayResX: 320\nPlayResY: 180");
    expect(doc).toContain("Dialogue: 0,0:00:00.00,0:00:01.00,caption-bottom,,0,0,0,,It's: a, [b] 50%");
  });
});

describe("parseSrt", () => {
  it("reads cues and skips malformed blocks", async () => {
    const { parseSrt } = await import("./captions");
    expect(parseSrt("1\r\n00:00:01,000 --> 00:00:02,500\r\nHello\r\nthere\r\n\r\n2\r\nbroken\r\n\r\n3\n00:01:00.5 --> 00:01:01,000\nBye\n")).toEqual([
      { text: "Hello\nthere", startMs: 1_000, endMs: 2_500 },
      { text: "Bye", startMs: 60_500, endMs: 61_000 },
    ]);
  });
});
