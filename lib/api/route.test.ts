import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { absoluteUrl, errorResponse, MAX_BODY_DEPTH, MAX_JSON_BYTES, readFormFields, readJson, requestOrigin } from "./route";

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

describe("bodies nobody should send", () => {
  const post = (body: BodyInit, headers: Record<string, string> = {}) =>
    new Request("http://localhost/api/v1/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);

  it("refuses JSON nested past MAX_BODY_DEPTH before parsing it, and takes what is just within", async () => {
    const deep = (n: number) => `{"a":${"[".repeat(n - 1)}${"]".repeat(n - 1)}}`;
    await expect(readJson(post(deep(MAX_BODY_DEPTH)))).resolves.toBeTruthy();
    for (const n of [MAX_BODY_DEPTH + 1, 100_000]) {
      await expect(readJson(post(deep(n)))).rejects.toMatchObject({ status: 400, field: "body", message: expect.stringMatching(/at most 64 levels/) });
    }
  });

  it("reads a small form within its limit, and refuses other bodies with the message given", async () => {
    const form = (body: string, type = "application/x-www-form-urlencoded") => readFormFields(post(body, { "content-type": type }), 64, "send a form");
    expect(await form("username=a%40b.c&password=pw")).toEqual({ username: "a@b.c", password: "pw" });
    await expect(form("{}", "application/json")).rejects.toThrow("send a form");
    await expect(form("--x\r\nnot a part", "multipart/form-data; boundary=x")).rejects.toThrow("send a form");
    await expect(form(`username=${"a".repeat(100)}`)).rejects.toMatchObject({
      status: 400,
      field: "body",
      message: "The request body may be at most 64 bytes",
    });
  });

  it("answers an unexpected error with a JSON 500 that says nothing of it", async () => {
    const res = errorResponse(new Error('Failed query: select * from "users"'));
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ detail: "Internal server error", code: "internal_error" });
  });
});
