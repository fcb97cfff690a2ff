import { requirePrincipal } from "@/lib/auth/principal";
import type { Principal } from "@/lib/auth/tokens";
import { AppError } from "@/lib/errors";
import { routeWith, type DialectWords } from "../route";

/**
 * The studio (Holoworld) dialect's error words. The seed documents no error body, so the shared
 * `{ detail, code, field, errors }` shape is kept. A character is an "agent" here, and the
 * domain's scene fields sit where the seed's render payload has them.
 */
export const holoworldWords: DialectWords = {
  paths: [
    [/(?<!renderPayload\.)\bscenes\.(\d+)\.characterId\b/g, "renderPayload.scenes.$1.modelConfig.id"],
    [/(?<!renderPayload\.)\bscenes\.(\d+)\.backgroundSource\b/g, "renderPayload.scenes.$1.background.source"],
    [/(?<!renderPayload\.)\bscenes\.(\d+)\.(text|includeOutro)\b/g, "renderPayload.scenes.$1.$2"],
    [/(?<![\w.])brainrotClip\b/g, "renderPayload.brainrotClip"],
  ],
  nouns: [
    [/\bCharacter(s?)\b(?!-)/g, "Agent$1"],
    // "at most 2000 characters" counts letters: a number before it keeps the word.
    [/(?<!\d )\bcharacter(s?)\b(?!-)/g, "agent$1"],
  ],
};

/** Route wrapper of the studio endpoints: errors in its words. */
export const route = routeWith(holoworldWords);

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
