import { getDb } from "@/db/client";
import { AppError } from "@/lib/errors";
import { auth } from "./auth";
import { sessionWriteRefusal } from "./same-origin";
import { isApiToken, verifyAccessToken, verifyApiToken, type Principal } from "./tokens";

/**
 * Who is calling an API route: a Bearer access token (from /auth/login), a Bearer or
 * X-API-Key API token, or the browser session. Anything else is a 401.
 *
 * The browser sends the session cookie whoever's page made the request, so a change made with
 * it (POST, PUT, PATCH, DELETE) must come from the studio's own origin, as JSON, or as
 * multipart/form-data where `multipart` says the route takes uploads; otherwise it is a 403.
 * Tokens are sent only by whoever holds them, so token requests are not checked.
 */
export async function requirePrincipal(req: Request, opts: { multipart?: boolean } = {}): Promise<Principal> {
  const header = req.headers.get("authorization");
  const apiKey = req.headers.get("x-api-key");
  if (header) {
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    if (!match) throw new AppError("unauthorized", "Authorization header must be 'Bearer <token>'");
    const token = match[1].trim();
    const p = isApiToken(token) ? await verifyApiToken(getDb(), token) : await verifyAccessToken(getDb(), token);
    if (!p) throw new AppError("unauthorized", "Could not validate credentials: the token is invalid or expired");
    return p;
  }
  if (apiKey) {
    const p = await verifyApiToken(getDb(), apiKey.trim());
    if (!p) throw new AppError("unauthorized", "Could not validate credentials: the API key is invalid or revoked");
    return p;
  }
  const session = await auth();
  if (!session?.user?.id || !session.user.workspaceId) throw new AppError("unauthorized", "Not authenticated");
  const refusal = sessionWriteRefusal(req, opts);
  if (refusal) throw new AppError("forbidden", refusal);
  return { userId: session.user.id, workspaceId: session.user.workspaceId };
}

/** The signed-in user of a page or server action, or null. */
export async function currentPrincipal(): Promise<Principal | null> {
  const session = await auth();
  if (!session?.user?.id || !session.user.workspaceId) return null;
  return { userId: session.user.id, workspaceId: session.user.workspaceId };
}
