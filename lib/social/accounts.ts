import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, lt, ne, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { oauthStates, socialAccounts, type SocialPlatform } from "@/db/schema/social";
import { withTransaction } from "@/db/transaction";
import { AppError, notFound } from "@/lib/errors";
import { PlatformError, type AccountCredentials, type TokenSet } from "./platforms/adapter";
import { clientCredentials, socialAdapter } from "./registry";
import { openToken, sealToken } from "./tokens";
import { platformNames } from "./preflight";

export type SocialAccountRow = typeof socialAccounts.$inferSelect;

/** An access token this close to its expiry is refreshed before use. */
const REFRESH_MARGIN_MS = 5 * 60_000;
const STATE_TTL_MS = 10 * 60_000;

const sha256 = (s: string) => createHash("sha256").update(s).digest("base64url");

function configured(platform: SocialPlatform) {
  const adapter = socialAdapter(platform);
  const client = clientCredentials(platform);
  if (!adapter?.oauth || !client)
    throw new AppError("unprocessable", `${platformNames[platform]} is not configured on this server: its app's client id and secret are not set`, "platform");
  return { oauth: adapter.oauth, client };
}

/**
 * Begins an OAuth authorization: a random state (stored as its hash) and, where the platform
 * requires it, a PKCE verifier; returns the platform's authorization URL to send the user to.
 */
export async function beginConnect(
  db: DbOrTx,
  args: { workspaceId: string; platform: SocialPlatform; callbackUri: string; returnTo: string | null },
): Promise<string> {
  const { oauth, client } = configured(args.platform);
  const state = randomBytes(24).toString("base64url");
  const verifier = oauth.pkce ? randomBytes(48).toString("base64url") : null;
  await db.delete(oauthStates).where(lt(oauthStates.expiresAt, new Date()));
  await db.insert(oauthStates).values({
    stateHash: sha256(state),
    workspaceId: args.workspaceId,
    platform: args.platform,
    codeVerifier: verifier,
    callbackUri: args.callbackUri,
    returnTo: args.returnTo,
    expiresAt: new Date(Date.now() + STATE_TTL_MS),
  });
  return oauth.authorizeUrl({ client, redirectUri: args.callbackUri, state, codeChallenge: verifier ? sha256(verifier) : null });
}

/**
 * Takes the authorization in flight that a state names: it must be one we issued for this
 * platform, unexpired and unused (it is deleted here, so it works once). A forged or replayed
 * state is a 400.
 */
export async function consumeState(db: DbOrTx, platform: SocialPlatform, state: string) {
  const [pending] = await db
    .delete(oauthStates)
    .where(and(eq(oauthStates.stateHash, sha256(state)), eq(oauthStates.platform, platform), gt(oauthStates.expiresAt, new Date())))
    .returning();
  if (!pending) throw new AppError("bad_request", "state is not one this server issued, or it expired or was used: start connecting again", "state");
  return pending;
}

/**
 * Finishes an authorization: the state is consumed (consumeState), the code exchanged and the
 * account stored with its tokens sealed. Nothing is stored for a bad state or a refused code.
 */
export async function completeConnect(
  db: Db,
  args: { platform: SocialPlatform; state: string; code: string },
): Promise<{ account: SocialAccountRow; returnTo: string | null }> {
  const pending = await consumeState(db, args.platform, args.state);
  const { oauth, client } = configured(args.platform);
  let tokens: TokenSet;
  try {
    tokens = await oauth.exchangeCode({ client, code: args.code, redirectUri: pending.callbackUri, codeVerifier: pending.codeVerifier });
  } catch (e) {
    throw new AppError(
      "bad_request",
      `${platformNames[args.platform]} refused the authorization code: ${e instanceof PlatformError ? e.message : "no answer"}`,
      "code",
    );
  }
  const profile = await oauth.profile({ accessToken: tokens.accessToken });
  const account = await withTransaction(async ({ tx }) => {
    const [row] = await tx
      .insert(socialAccounts)
      .values({ workspaceId: pending.workspaceId, platform: args.platform, externalId: profile.externalId, handle: profile.handle, scopes: tokens.scopes })
      .onConflictDoUpdate({
        target: [socialAccounts.workspaceId, socialAccounts.platform, socialAccounts.externalId],
        set: { handle: profile.handle, scopes: tokens.scopes, status: "active", lastError: null, connectedAt: new Date(), updatedAt: new Date() },
      })
      .returning();
    return storeTokens(tx, row, tokens);
  });
  return { account, returnTo: pending.returnTo };
}

/** Seals and saves tokens; a missing refresh token keeps the one already stored. */
async function storeTokens(db: DbOrTx, row: SocialAccountRow, tokens: TokenSet): Promise<SocialAccountRow> {
  const [saved] = await db
    .update(socialAccounts)
    .set({
      accessTokenSealed: sealToken(tokens.accessToken, row.id),
      ...(tokens.refreshToken ? { refreshTokenSealed: sealToken(tokens.refreshToken, row.id) } : {}),
      tokenExpiresAt: tokens.expiresAt,
      ...(tokens.refreshExpiresAt ? { refreshExpiresAt: tokens.refreshExpiresAt } : {}),
      status: "active",
      lastError: null,
      updatedAt: new Date(),
    })
    .where(eq(socialAccounts.id, row.id))
    .returning();
  return saved;
}

export async function listAccounts(db: DbOrTx, workspaceId: string): Promise<SocialAccountRow[]> {
  return db
    .select()
    .from(socialAccounts)
    .where(and(eq(socialAccounts.workspaceId, workspaceId), ne(socialAccounts.status, "disconnected")))
    .orderBy(desc(socialAccounts.connectedAt));
}

export async function getAccount(db: DbOrTx, workspaceId: string, accountId: string): Promise<SocialAccountRow> {
  const [row] = await db
    .select()
    .from(socialAccounts)
    .where(and(eq(socialAccounts.id, accountId), eq(socialAccounts.workspaceId, workspaceId), ne(socialAccounts.status, "disconnected")));
  if (!row) throw notFound("account");
  return row;
}

/** Forgets the platform's tokens (every account of it in the workspace); posts keep pointing at the rows. */
export async function disconnectPlatform(db: DbOrTx, workspaceId: string, platform: SocialPlatform): Promise<number> {
  const rows = await db
    .update(socialAccounts)
    .set({ status: "disconnected", accessTokenSealed: null, refreshTokenSealed: null, updatedAt: new Date() })
    .where(and(eq(socialAccounts.workspaceId, workspaceId), eq(socialAccounts.platform, platform), ne(socialAccounts.status, "disconnected")))
    .returning({ id: socialAccounts.id });
  return rows.length;
}

/** Whether the account can still post at `at`: connected, and its tokens alive or refreshable then. */
export function accountUsableAt(a: SocialAccountRow, at: Date): string | null {
  if (a.status === "disconnected") return "the account was disconnected";
  if (a.status !== "active") return `the account needs reconnecting (${a.lastError ?? a.status})`;
  const accessAlive = !a.tokenExpiresAt || a.tokenExpiresAt > at;
  const refreshAlive = !!a.refreshTokenSealed && (!a.refreshExpiresAt || a.refreshExpiresAt > at);
  return accessAlive || refreshAlive ? null : "the account's authorization will have expired by then: reconnect it";
}

/**
 * The account's credentials for one call, refreshed first when the access token is about to
 * expire (or `force`, after the platform refused it). Refreshes run one at a time per account:
 * the row is locked while the refresh call is made, and a second caller that waited finds the
 * new token and does not refresh again.
 */
export async function credentialsFor(db: Db, accountId: string, opts: { force?: boolean; signal?: AbortSignal } = {}): Promise<AccountCredentials> {
  const fresh = (a: SocialAccountRow) => !!a.accessTokenSealed && (!a.tokenExpiresAt || a.tokenExpiresAt.getTime() - Date.now() > REFRESH_MARGIN_MS);
  const asCredentials = (a: SocialAccountRow): AccountCredentials => ({
    accessToken: openToken(a.accessTokenSealed!, a.id),
    externalId: a.externalId,
    handle: a.handle,
  });
  const [current] = await db.select().from(socialAccounts).where(eq(socialAccounts.id, accountId));
  if (!current || current.status === "disconnected" || !current.accessTokenSealed)
    throw new PlatformError("auth", "the account was disconnected: reconnect it");
  if (!opts.force && fresh(current)) return asCredentials(current);
  const seenToken = current.accessTokenSealed;
  const outcome = await withTransaction(async ({ tx }): Promise<{ ok: AccountCredentials } | { refused: string }> => {
    const [locked] = await tx.select().from(socialAccounts).where(eq(socialAccounts.id, accountId)).for("update");
    // Someone refreshed while we waited for the lock: use theirs.
    if (locked.accessTokenSealed && locked.accessTokenSealed !== seenToken && fresh(locked)) return { ok: asCredentials(locked) };
    if (!locked.refreshTokenSealed) return { refused: "the platform's authorization expired and it gave no refresh token: reconnect the account" };
    const { oauth, client } = configured(locked.platform);
    let tokens: TokenSet;
    try {
      tokens = await oauth.refresh({ client, refreshToken: openToken(locked.refreshTokenSealed, locked.id), signal: opts.signal });
    } catch (e) {
      if (e instanceof PlatformError && e.kind !== "transient" && e.kind !== "rate_limited")
        return { refused: `the platform refused to renew the authorization: reconnect the account (${e.message})` };
      throw e;
    }
    return { ok: asCredentials(await storeTokens(tx, locked, tokens)) };
  });
  if ("ok" in outcome) return outcome.ok;
  // Outside the transaction: the flag must stay even though the caller fails.
  await db
    .update(socialAccounts)
    .set({ status: "expired", lastError: outcome.refused, updatedAt: sql`now()` })
    .where(eq(socialAccounts.id, accountId));
  throw new PlatformError("auth", outcome.refused);
}

/** What stops the account posting now or within `days` (an authorization that will lapse), for flags on the calendar and settings. */
export function accountProblem(a: SocialAccountRow, days = 7): string | null {
  const now = Date.now();
  return accountUsableAt(a, new Date(now)) ?? accountUsableAt(a, new Date(now + days * 86_400_000));
}
