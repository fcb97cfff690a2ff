import { afterEach, describe, expect, it } from "vitest";
import { absoluteUrl, requestOrigin } from "./route";

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
