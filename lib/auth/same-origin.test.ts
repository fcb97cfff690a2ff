import { describe, expect, it } from "vitest";
import { isSameOrigin, sessionWriteRefusal } from "./same-origin";

const req = (method: string, headers: Record<string, string>, body?: string) =>
  new Request("http://localhost:3000/api/v1/webhooks", { method, headers, ...(body === undefined ? {} : { body }) });

describe("isSameOrigin", () => {
  const h = (headers: Record<string, string>) => new Headers(headers);

  it("matches the Origin's host against the Host, a proxy's X-Forwarded-Host and PUBLIC_URL", () => {
    expect(isSameOrigin(h({ origin: "http://studio.local:3000", host: "studio.local:3000" }), undefined)).toBe(true);
    expect(isSameOrigin(h({ origin: "https://studio.example", host: "127.0.0.1:3000", "x-forwarded-host": "studio.example" }), undefined)).toBe(true);
    expect(isSameOrigin(h({ origin: "https://studio.example", host: "127.0.0.1:3000" }), "https://studio.example/")).toBe(true);
    // The default port of the origin's scheme is one host with or without it.
    expect(isSameOrigin(h({ origin: "https://studio.example", host: "studio.example:443" }), undefined)).toBe(true);
    expect(isSameOrigin(h({ origin: "http://STUDIO.local:3000", host: "studio.local:3000" }), undefined)).toBe(true);
  });

  it("refuses another host, another port, a null origin and an unparsable one", () => {
    expect(isSameOrigin(h({ origin: "http://evil.example", host: "studio.local:3000" }), undefined)).toBe(false);
    expect(isSameOrigin(h({ origin: "http://studio.local:8080", host: "studio.local:3000" }), undefined)).toBe(false);
    expect(isSameOrigin(h({ origin: "null", host: "studio.local:3000" }), undefined)).toBe(false);
    expect(isSameOrigin(h({ origin: "not a url", host: "studio.local:3000" }), undefined)).toBe(false);
    expect(isSameOrigin(h({ origin: "http://studio.local:3000" }), undefined)).toBe(false);
  });

  it("without Origin, trusts only a browser's Sec-Fetch-Site: same-origin", () => {
    expect(isSameOrigin(h({ host: "studio.local:3000", "sec-fetch-site": "same-origin" }), undefined)).toBe(true);
    expect(isSameOrigin(h({ host: "studio.local:3000", "sec-fetch-site": "same-site" }), undefined)).toBe(false);
    expect(isSameOrigin(h({ host: "studio.local:3000", "sec-fetch-site": "cross-site" }), undefined)).toBe(false);
    expect(isSameOrigin(h({ host: "studio.local:3000" }), undefined)).toBe(false);
  });
});

describe("sessionWriteRefusal", () => {
  const own = { origin: "http://localhost:3000", host: "localhost:3000" };

  it("lets reads through from anywhere", () => {
    expect(sessionWriteRefusal(req("GET", { origin: "http://evil.example", host: "localhost:3000" }))).toBeNull();
    expect(sessionWriteRefusal(req("HEAD", {}))).toBeNull();
  });

  it("refuses a write from another origin whatever its content type", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(sessionWriteRefusal(req(method, { origin: "http://evil.example", host: "localhost:3000", "content-type": "application/json" }, "{}"))).toMatch(
        /^Cross-origin request refused/,
      );
    }
  });

  it("wants JSON from our own origin: text/plain, urlencoded and (outside uploads) multipart are refused", () => {
    expect(sessionWriteRefusal(req("POST", { ...own, "content-type": "application/json" }, "{}"))).toBeNull();
    expect(sessionWriteRefusal(req("POST", { ...own, "content-type": "application/json; charset=utf-8" }, "{}"))).toBeNull();
    expect(sessionWriteRefusal(req("PATCH", { ...own, "content-type": "application/merge-patch+json" }, "{}"))).toBeNull();
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonp"]) {
      expect(sessionWriteRefusal(req("POST", { ...own, "content-type": type }, "{}")), type).toMatch(/^Send the request body as application\/json/);
    }
    expect(sessionWriteRefusal(req("POST", { ...own, "content-type": "multipart/form-data; boundary=x" }, "--x--"), { multipart: true })).toBeNull();
    expect(sessionWriteRefusal(req("POST", { ...own, "content-type": "text/plain" }, "{}"), { multipart: true })).toMatch(
      /application\/json or multipart\/form-data/,
    );
  });

  it("needs no content type without a body", () => {
    expect(sessionWriteRefusal(req("DELETE", own))).toBeNull();
    expect(sessionWriteRefusal(req("POST", { ...own, "content-length": "0" }))).toBeNull();
    expect(sessionWriteRefusal(req("POST", { ...own, "content-length": "12" }))).toMatch(/application\/json/);
  });
});
