import { describe, expect, it } from "vitest";
import { parseSourceRef } from "./sources";

describe("parseSourceRef", () => {
  it("is a stored file by uuid or an http(s) URL; any other shape is null before it reaches a query", () => {
    expect(parseSourceRef("media:0B6A2E6C-8F1D-4A55-9D2B-3C4D5E6F7A8B")).toEqual({ kind: "media", mediaId: "0b6a2e6c-8f1d-4a55-9d2b-3c4d5e6f7a8b" });
    expect(parseSourceRef("https://cdn.example.com/a.jpg")).toEqual({ kind: "url", url: "https://cdn.example.com/a.jpg" });
    for (const bad of ["media:../../x", "media:", "media:1", "media:1 or 1=1", "/etc/passwd", "file:///x", "clip", "https://a b"]) {
      expect(parseSourceRef(bad), bad).toBeNull();
    }
  });
});
