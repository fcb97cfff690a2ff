import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiTokens } from "@/db/schema/accounts";
import { notFound } from "@/lib/errors";
import type { ApiTokenInput } from "@/lib/validation/api-tokens";
import { createApiToken, type Principal } from "./tokens";

export interface ApiTokenRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Issues a named API token for the principal's workspace; the plain token is in the result only. */
export async function issueApiToken(db: Db, p: Principal, input: ApiTokenInput) {
  return createApiToken(db, p, input.name);
}

/** The workspace's live (not revoked) API tokens, newest first. Hashes never leave this function. */
export async function listApiTokens(db: Db, workspaceId: string, page: { limit?: number; offset?: number } = {}): Promise<ApiTokenRow[]> {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .where(and(eq(apiTokens.workspaceId, workspaceId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
    .limit(page.limit ?? 100)
    .offset(page.offset ?? 0);
}

/** Revokes a token of the workspace. Unknown, foreign and already revoked tokens are all a 404. */
export async function revokeApiToken(db: Db, { workspaceId, tokenId }: { workspaceId: string; tokenId: string }) {
  // A malformed id would make Postgres reject the uuid cast (a 500); it is simply not found.
  if (!UUID.test(tokenId)) throw notFound("API token");
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.workspaceId, workspaceId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (!row) throw notFound("API token");
  return row;
}
