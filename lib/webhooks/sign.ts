import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "Cinetwin-Signature";
export const TIMESTAMP_HEADER = "Cinetwin-Timestamp";
export const EVENT_HEADER = "Cinetwin-Event";
export const DELIVERY_HEADER = "Cinetwin-Delivery";

/**
 * ## Verifying Cinetwin webhooks
 *
 * Every delivery is a `POST` with a JSON body and these headers:
 *
 * | Header               | Value                                                        |
 * |----------------------|--------------------------------------------------------------|
 * | `Cinetwin-Event`     | the event name, e.g. `project.completed`                     |
 * | `Cinetwin-Delivery`  | the delivery id (uuid); the same on every retry — dedupe on it |
 * | `Cinetwin-Timestamp` | Unix time in seconds when this attempt was signed            |
 * | `Cinetwin-Signature` | `v1=<hex>`: HMAC-SHA256 of `${timestamp}.${rawBody}`           |
 *
 * The HMAC key is the endpoint's secret (`whsec_...`, shown when the endpoint is created) used
 * as UTF-8 bytes, whole, prefix included. Per-job `callback` URLs are signed with the
 * workspace's callback signing secret instead (shown in the workspace's webhook settings).
 *
 * To verify: take the raw request body exactly as received (before any JSON parsing), compute
 * `hex(HMAC_SHA256(secret, timestamp + "." + body))`, compare it with the `v1=` value using a
 * constant-time comparison, and reject timestamps more than 5 minutes from your clock to stop
 * replays. The header may carry several comma-separated `v1=` values (during a secret
 * rotation); accept the request if any matches.
 *
 * ```js
 * const expected = "v1=" + crypto.createHmac("sha256", secret).update(`${ts}.${rawBody}`).digest("hex");
 * ```
 *
 * Respond with any 2xx within 10 seconds. Anything else (or a timeout) is retried with
 * exponential backoff, 7 attempts over roughly 10 minutes. Redirects are not followed.
 */
export function signPayload(secret: string, timestamp: number | string, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/**
 * Checks a `Cinetwin-Signature` header against the body and `Cinetwin-Timestamp`, rejecting
 * timestamps further than `toleranceSeconds` from now. Never throws on malformed input.
 */
export function verifySignature(
  secret: string,
  headerValue: string | null | undefined,
  timestampHeader: string | null | undefined,
  body: string,
  toleranceSeconds = 300,
  nowSeconds = Math.floor(Date.now() / 1000),
): boolean {
  if (!headerValue || !timestampHeader || !/^\d{1,12}$/.test(timestampHeader.trim())) return false;
  const ts = Number(timestampHeader.trim());
  if (Math.abs(nowSeconds - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(signPayload(secret, ts, body));
  return headerValue
    .split(",")
    .map((s) => s.trim())
    .some((candidate) => {
      const got = Buffer.from(candidate);
      return got.length === expected.length && timingSafeEqual(got, expected);
    });
}

/** A fresh endpoint secret. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("base64url")}`;
}

/**
 * The secret that signs per-job callback URLs of a workspace: derived from AUTH_SECRET so no
 * table stores it, stable across restarts, and different for every workspace.
 */
export function workspaceSigningSecret(workspaceId: string): string {
  const root = process.env.AUTH_SECRET;
  if (!root) throw new Error("AUTH_SECRET is not set");
  return `whsec_${createHmac("sha256", root).update(`webhook-callback:${workspaceId}`).digest("base64url")}`;
}
