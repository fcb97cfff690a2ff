import { requirePrincipal } from "@/lib/auth/principal";
import type { Principal } from "@/lib/auth/tokens";
import { AppError } from "@/lib/errors";

/**
 * "All endpoints require an API key": X-API-Key (or a Bearer token). A browser session is not a
 * key, so a call without either header is a 401 that says what to send.
 */
export async function requireApiKey(req: Request, opts: { multipart?: boolean } = {}): Promise<Principal> {
  if (!req.headers.get("x-api-key")?.trim() && !req.headers.get("authorization")?.trim()) {
    throw new AppError("unauthorized", "Missing API key: send it in the X-API-Key header");
  }
  return requirePrincipal(req, opts);
}
