import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "@/lib/env";

/**
 * Social account tokens at rest: AES-256-GCM with a key from SOCIAL_TOKEN_KEY (32 bytes, base64
 * or hex) or, by default, derived from AUTH_SECRET with HKDF. Sealed text is
 * "v1.<iv>.<tag>.<ciphertext>" (base64url); the account id is bound as associated data, so a
 * token copied onto another account's row does not open.
 */

const VERSION = "v1";

function key(): Buffer {
  const configured = process.env.SOCIAL_TOKEN_KEY?.trim();
  if (configured) {
    const raw = /^[0-9a-f]{64}$/i.test(configured) ? Buffer.from(configured, "hex") : Buffer.from(configured, "base64");
    if (raw.length !== 32) throw new Error("SOCIAL_TOKEN_KEY must be 32 bytes (64 hex digits or base64)");
    return raw;
  }
  return Buffer.from(hkdfSync("sha256", authSecret(), "cinetwin", "social-token-key", 32));
}

export function sealToken(plain: string, accountId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  cipher.setAAD(Buffer.from(accountId));
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

/** Throws when the text was not sealed for this account with this key (tampered, moved, or the key changed). */
export function openToken(sealed: string, accountId: string): string {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || data === undefined) throw new Error("not a sealed token");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(accountId));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}
