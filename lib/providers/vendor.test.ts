import { describe, expect, it } from "vitest";
import type { ApiResponse } from "@/lib/net/api-request";
import { vendorError } from "./vendor";

const answer = (status: number, body: string, headers: Record<string, string> = {}): ApiResponse => {
  let json: unknown = null;
  try {
    json = JSON.parse(body);
  } catch {
    // not JSON: kept as text
  }
  return { status, headers, body, json } as ApiResponse;
};
const req = { vendor: "fal", what: "fal image" };

describe("a vendor's error answer", () => {
  it("keeps the vendor's own words for a refusal, a rate limit and an outage, and types each", () => {
    expect(vendorError(req, answer(422, '{"detail":[{"loc":["body","prompt"],"msg":"field required"}]}'))).toMatchObject({
      kind: "permanent",
      message: expect.stringMatching(/^fal image: .*prompt.*field required/),
    });
    expect(vendorError(req, answer(429, '{"detail":"Concurrency limit of 2 reached"}', { "retry-after": "3" }))).toMatchObject({
      kind: "rate_limited",
      retryAfterMs: 3000,
      message: "fal image: rate limited by fal (Concurrency limit of 2 reached)",
    });
    expect(vendorError(req, answer(503, '{"error":{"message":"The model is overloaded"}}'))).toMatchObject({
      kind: "retryable",
      message: "fal image: fal answered 503 (The model is overloaded)",
    });
    expect(vendorError(req, answer(502, "upstream connect error"))).toMatchObject({ message: "fal image: fal answered 502 (upstream connect error)" });
  });

  it("leaves out an HTML error page and an empty body rather than pasting them into a scene's status", () => {
    expect(vendorError(req, answer(502, "<html><body><h1>502 Bad Gateway</h1></body></html>")).message).toBe("fal image: fal answered 502");
    expect(vendorError(req, answer(500, "")).message).toBe("fal image: fal answered 500");
    expect(vendorError(req, answer(429, "")).message).toBe("fal image: rate limited by fal");
  });
});
