import { describe, expect, it } from "vitest";
import { buildEspeakArgs } from "./local";
import { splitSentences } from "./sentences";

describe("splitSentences", () => {
  it("splits on terminators and keeps punctuation", () => {
    expect(splitSentences("It started at night. Nobody knew! Did it work?")).toEqual(["It started at night.", "Nobody knew!", "Did it work?"]);
  });
  it("keeps decimals, abbreviations and initials inside a sentence", () => {
    expect(splitSentences("Dr. Lee paid 3.5 dollars, e.g. a bargain. J. Smith agreed.")).toEqual([
      "Dr. Lee paid 3.5 dollars, e.g. a bargain.",
      "J. Smith agreed.",
    ]);
  });
  it("keeps closing quotes and ellipses with their sentence; line breaks end a sentence", () => {
    expect(splitSentences('She said "go." Then... silence\nNew line')).toEqual(['She said "go."', "Then...", "silence", "New line"]);
  });
  it("returns the text itself without terminators and [] for blank text", () => {
    expect(splitSentences("  no punctuation here  ")).toEqual(["no punctuation here"]);
    expect(splitSentences(" \n ")).toEqual([]);
  });
});

describe("espeak arguments", () => {
  it("passes voice, clamped pitch and rate, and reads text from stdin", () => {
    expect(buildEspeakArgs({ engineVoice: "en-us", pitch: 140, rate: 20 }, "/t/a.wav")).toEqual([
      "-v",
      "en-us",
      "-p",
      "99",
      "-s",
      "80",
      "-w",
      "/t/a.wav",
      "--stdin",
    ]);
  });
  it("ignores a voice name that is not a plain identifier", () => {
    expect(buildEspeakArgs({ engineVoice: "--help" }, "/t/a.wav")).toEqual(["-w", "/t/a.wav", "--stdin"]);
    expect(buildEspeakArgs(null, "/t/a.wav")).toEqual(["-w", "/t/a.wav", "--stdin"]);
  });
});
