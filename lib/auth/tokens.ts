import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { jwtVerify, SignJWT, type JWTPayload } from "jose";
import type { Db } from "@/db/client";
import { apiTokens } from "@/db/schema/accounts";
import { authSecret } from "@/lib/env";
import { isSessionCurrent } from "./sessions";

export interface Principal {
  userId: string;
  workspaceId: string;
}

const ACCESS_TOKEN_TTL = "24h";
const API_TOKEN_PREFIX = "ctw_";

const key = () => new TextEncoder().encode(authSecret());

/**
 * The seeds' `access_token`: a signed, expiring JWT naming the user, the workspace and the
 * session generation it belongs to (lib/auth/sessions.ts), so a sign-out can end it early.
 */
export async function issueAccessToken(p: Principal & { sessionGeneration: number }): Promise<string> {
  return new SignJWT({ wid: p.workspaceId, gen: p.sessionGeneration })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(p.userId)
    .setAudience("cinetwin-api")
    .setIssuedAt()
    .setExpirationTime(ACCESS_TOKEN_TTL)
    .sign(key());
}

/** The token's principal while its signature, expiry and session generation all hold; null otherwise. */
export async function verifyAccessToken(db: Db, token: string): Promise<Principal | null> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, key(), { audience: "cinetwin-api", algorithms: ["HS256"] }));
  } catch {
    return null;
  }
  if (typeof payload.sub !== "string" || typeof payload.wid !== "string") return null;
  if (!(await isSessionCurrent(db, payload.sub, payload.gen))) return null;
  return { userId: payload.sub, workspaceId: payload.wid };
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export const isApiToken = (token: string) => token.startsWith(API_TOKEN_PREFIX);

/** Creates a long-lived API token. The plain value is returned once; only its hash is kept. */
export async function createApiToken(db: Db, p: Principal, name: string) {
  const plain = API_TOKEN_PREFIX + randomBytes(24).toString("base64url");
  const [row] = await db
    .insert(apiTokens)
    .values({
      workspaceId: p.workspaceId,
      userId: p.userId,
      name,
      prefix: plain.slice(0, 10),
      tokenHash: sha256(plain),
    })
    .returning({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt });
  return { ...row, token: plain };
}

export async function verifyApiToken(db: Db, token: string): Promise<Principal | null> {
  const [row] = await db
    .update(apiTokens)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt)))
    .returning({ userId: apiTokens.userId, workspaceId: apiTokens.workspaceId });
  return row ?? null;
}
