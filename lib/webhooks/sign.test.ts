import { describe, expect, it } from "vitest";
import { signPayload, verifySignature, workspaceSigningSecret } from "./sign";
import { createEndpointInput } from "@/lib/validation/webhooks";

const secret = "whsec_test";
const body = JSON.stringify({ event: "project.completed", id: 42 });

describe("webhook signatures", () => {
  it("round-trips and matches the documented formula", async () => {
    const ts = Math.floor(Date.now() / 1000);
    const sig = signPayload(secret, ts, body);
    const { createHmac } = await import("node:crypto");
    expect(sig).toBe(`v1=${createHmac("sha256", secret).update(`${ts}.${body}`).digest("hex")}`);
    expect(verifySignature(secret, sig, String(ts), body)).toBe(true);
    expect(verifySignature(secret, `v1=deadbeef, ${sig}`, String(ts), body)).toBe(true);
  });

  it("rejects tampering, a wrong secret, stale or malformed timestamps", () => {
    const ts = Math.floor(Date.now() / 1000);
    const sig = signPayload(secret, ts, body);
    expect(verifySignature(secret, sig, String(ts), body.replace("42", "43"))).toBe(false);
    expect(verifySignature("whsec_other", sig, String(ts), body)).toBe(false);
    expect(verifySignature(secret, sig, String(ts + 1), body)).toBe(false);
    expect(verifySignature(secret, sig.slice(0, -1), String(ts), body)).toBe(false);
    expect(verifySignature(secret, undefined, String(ts), body)).toBe(false);
    expect(verifySignature(secret, sig, "abc", body)).toBe(false);

    const old = ts - 301;
    expect(verifySignature(secret, signPayload(secret, old, body), String(old), body)).toBe(false);
    expect(verifySignature(secret, signPayload(secret, old, body), String(old), body, 600)).toBe(true);
  });

  it("derives a stable, distinct secret per workspace", () => {
    const a = workspaceSigningSecret("00000000-0000-0000-0000-000000000001");
    expect(a).toMatch(/^whsec_/);
    expect(workspaceSigningSecret("00000000-0000-0000-0000-000000000001")).toBe(a);
    expect(workspaceSigningSecret("00000000-0000-0000-0000-000000000002")).not.toBe(a);
  });
});

describe("webhook destinations", () => {
  // Addresses themselves are classified in lib/net/outbound.test.ts; here, what an endpoint accepts.
  it("refuses literal private hosts and odd schemes unless allow-listed", () => {
    const prev = process.env.OUTBOUND_ALLOW_HOSTS;
    const url = (u: string) => createEndpointInput.safeParse({ url: u });
    try {
      delete process.env.OUTBOUND_ALLOW_HOSTS;
      for (const u of [
        "http://127.0.0.1:8080/x",
        "http://[::1]/x",
        "http://[::ffff:127.0.0.1]/x",
        "http://localhost/x",
        "http://169.254.169.254/latest",
        "http://u:p@example.com/",
      ])
        expect(url(u).error?.issues[0].message, u).toBe("Webhook URL not allowed or unreachable");
      for (const u of ["ftp://example.com/", "javascript:alert(1)", "not a url"])
        expect(url(u).error?.issues[0].message, u).toBe("Enter a full URL starting with https:// or http://");
      expect(url("https://example.com/hook").success).toBe(true);

      process.env.OUTBOUND_ALLOW_HOSTS = "127.0.0.1, internal.test:9000";
      expect(url("http://127.0.0.1:8080/x").success).toBe(true);
      expect(url("http://internal.test:9000/").success).toBe(true);
      expect(url("http://localhost:9000/").success).toBe(false);
    } finally {
      if (prev === undefined) delete process.env.OUTBOUND_ALLOW_HOSTS;
      else process.env.OUTBOUND_ALLOW_HOSTS = prev;
    }
  });
});
