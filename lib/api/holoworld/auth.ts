import { requirePrincipal } from "@/lib/auth/principal";
import type { Principal } from "@/lib/auth/tokens";
import { AppError } from "@/lib/errors";

/**
 * "All API requests require authentication using an API key ... in the x-api-key header": an API
 * token of the studio (a Bearer token works too, as everywhere). A browser session is not a key.
 */
export async function requireApiKey(req: Request): Promise<Principal> {
  if (!req.headers.get("x-api-key")?.trim() && !req.headers.get("authorization")?.trim()) {
    throw new AppError("unauthorized", "Missing API key: send it in the x-api-key header");
  }
  return requirePrincipal(req);
}
