import { describe, expect, it } from "vitest";
import { text, textProblem } from "./text";
import { MAX_URL_LENGTH, publicHttpUrlField } from "./urls";

const messages = (r: { error?: { issues: Array<{ message: string }> } }) => r.error?.issues.map((i) => i.message) ?? [];

describe("text()", () => {
  const name = text({ label: "name", max: 5, min: 1, required: "name is required" });

  it("trims, bounds and names the field in every message", () => {
    expect(name.parse("  Sam ")).toBe("Sam");
    expect(messages(name.safeParse(undefined))).toEqual(["name is required"]);
    expect(messages(name.safeParse(42))).toEqual(["name is required"]);
    expect(messages(name.safeParse("   "))).toEqual(["name cannot be empty"]);
    expect(messages(name.safeParse("abcdef"))).toEqual(["name must be at most 5 characters"]);
  });

  it("refuses what Postgres refuses: NUL anywhere, and unpaired surrogates", () => {
    expect(messages(name.safeParse("a\u0000b"))).toEqual(["name must not contain NUL (\\u0000)"]);
    expect(messages(name.safeParse("a\ud800"))).toEqual(["name must be valid Unicode text (it has an unpaired surrogate)"]);
    expect(messages(name.safeParse("\udc00"))).toHaveLength(1);
    // A surrogate pair is one character of text, not a broken one.
    expect(name.parse("😀")).toBe("😀");
    expect(textProblem("plain")).toBeNull();
  });

  it("keeps what was typed when asked to (passwords)", () => {
    expect(text({ label: "password", max: 20, untrimmed: true }).parse("  pw  ")).toBe("  pw  ");
  });
});

describe("publicHttpUrl()", () => {
  const url = publicHttpUrlField("callback");

  it("is text() first: a NUL the URL parser would percent-encode is refused, naming the field", () => {
    expect(url.parse(" https://hooks.example.com/x?y=1 ")).toBe("https://hooks.example.com/x?y=1");
    expect(messages(url.safeParse("https://hooks.example.com/\u0000"))).toEqual(["callback must not contain NUL (\\u0000)"]);
    expect(messages(url.safeParse(`https://x.com/${"a".repeat(MAX_URL_LENGTH)}`))).toEqual([`callback must be at most ${MAX_URL_LENGTH} characters`]);
    expect(messages(url.safeParse("javascript:alert(1)"))).toEqual(["callback must be an absolute http or https URL"]);
  });
});
