import { describe, expect, it } from "vitest";
import { signPayload, verifySignature, workspaceSigningSecret } from "./sign";
import { checkWebhookUrl, isAllowListed, isPrivateAddress, WebhookBlockedError } from "./transport";

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
  it("classifies private addresses", () => {
    for (const a of [
      "127.0.0.1",
      "10.1.2.3",
      "172.20.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "::1",
      "fe80::1",
      "fd00::1",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
    ])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"]) expect(isPrivateAddress(a), a).toBe(false);
  });

  it("refuses literal private hosts and odd schemes unless allow-listed", () => {
    const prev = process.env.WEBHOOK_ALLOW_HOSTS;
    try {
      delete process.env.WEBHOOK_ALLOW_HOSTS;
      for (const u of [
        "http://127.0.0.1:8080/x",
        "http://[::1]/x",
        "http://localhost/x",
        "http://169.254.169.254/latest",
        "ftp://example.com/",
        "http://u:p@example.com/",
      ])
        expect(() => checkWebhookUrl(u), u).toThrow(WebhookBlockedError);
      expect(checkWebhookUrl("https://example.com/hook").host).toBe("example.com");

      process.env.WEBHOOK_ALLOW_HOSTS = "127.0.0.1, internal.test:9000";
      expect(isAllowListed(new URL("http://127.0.0.1:1234/"))).toBe(true);
      expect(isAllowListed(new URL("http://internal.test:9000/"))).toBe(true);
      expect(isAllowListed(new URL("http://internal.test:9001/"))).toBe(false);
      expect(() => checkWebhookUrl("http://127.0.0.1:8080/x")).not.toThrow();
    } finally {
      if (prev === undefined) delete process.env.WEBHOOK_ALLOW_HOSTS;
      else process.env.WEBHOOK_ALLOW_HOSTS = prev;
    }
  });
});
