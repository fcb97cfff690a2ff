import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { absoluteUrl, MAX_JSON_BYTES, readJson, requestOrigin } from "./route";

// Next.js hands route handlers a req.url on the host it listens as, whatever the caller used.
const nextRequest = (host?: string) => new Request("http://localhost:3000/api/v1/persons", { headers: host ? { host } : {} });

describe("requestOrigin", () => {
  const publicUrl = process.env.PUBLIC_URL;
  afterEach(() => {
    if (publicUrl === undefined) delete process.env.PUBLIC_URL;
    else process.env.PUBLIC_URL = publicUrl;
  });

  it("is the host the caller reached, so a script on another machine gets URLs it can open", () => {
    delete process.env.PUBLIC_URL;
    expect(requestOrigin(nextRequest("studio.lan:8080"))).toBe("http://studio.lan:8080");
    expect(requestOrigin(nextRequest("192.168.1.20:3000"))).toBe("http://192.168.1.20:3000");
    expect(requestOrigin(nextRequest("[::1]:3000"))).toBe("http://[::1]:3000");
    expect(absoluteUrl(nextRequest("127.0.0.1:20000"), "/api/media/x?sig=y")).toBe("http://127.0.0.1:20000/api/media/x?sig=y");
  });

  it("ignores a Host that is not a host, and yields to PUBLIC_URL", () => {
    delete process.env.PUBLIC_URL;
    expect(requestOrigin(nextRequest("evil.test/path"))).toBe("http://localhost:3000");
    expect(requestOrigin(nextRequest("a b"))).toBe("http://localhost:3000");
    expect(requestOrigin(nextRequest())).toBe("http://localhost:3000");
    process.env.PUBLIC_URL = "https://studio.example.com/";
    expect(requestOrigin(nextRequest("studio.lan:8080"))).toBe("https://studio.example.com");
  });
});

describe("readJson", () => {
  const post = (body: BodyInit, headers: Record<string, string> = {}) =>
    new Request("http://localhost/api/v1/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);

  it("refuses a body over the documented maximum with a 400 naming it, declared or streamed", async () => {
    const big = JSON.stringify({ videoCreative: { pad: "x".repeat(MAX_JSON_BYTES) } });
    for (const req of [post(big), post(new Blob([big]).stream())]) {
      const e = await readJson(req).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(AppError);
      expect(e).toMatchObject({ status: 400, field: "body", message: "The request body may be at most 2 MiB" });
    }
  });

  it("reads a body under it, and says what is wrong with one that is not a JSON object", async () => {
    expect(await readJson(post(JSON.stringify({ a: 1 })))).toEqual({ a: 1 });
    await expect(readJson(post("{"))).rejects.toThrow("Request body is not valid JSON");
    await expect(readJson(post("[1]"))).rejects.toThrow("Request body must be a JSON object");
  });
});
