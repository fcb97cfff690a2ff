import { z } from "zod";
import { AppError, isAppError } from "@/lib/errors";
import { errorResponse, readJson, type DialectWords } from "../route";

/**
 * The content-workflow (AINative) dialect's error words: a character is a "twin" here, and the
 * domain's fields take the seed's names.
 */
export const ainativeWords: DialectWords = {
  fields: {
    characterId: "twin_id",
    avatarCharacterId: "avatar_id",
    persona: "persona_prompt",
    styleTags: "style_tags",
    voiceId: "voice_id",
    platformDefaults: "platform_defaults",
    memoryNotes: "memory_notes",
    photo: "photo",
    scheduledAt: "scheduled_at",
    videoId: "video_id",
    captions: "caption",
    targets: "platforms",
    accountId: "account_id",
  },
  nouns: [
    [/\bCharacter(s?)\b(?!-)/g, "Twin$1"],
    // "at most 80 characters" counts letters: a number before it keeps the word.
    [/(?<!\d )\bcharacter(s?)\b(?!-)/g, "twin$1"],
  ],
};

/**
 * The seed's 422 ("schema validation failure") is a body of the wrong shape: not JSON, not an
 * object, a required field missing or a field of the wrong JSON type. Its 400 ("validation
 * error") is a well-formed body whose values are refused: too long, out of range, an unknown
 * platform or voice.
 */
const SHAPE_ISSUES: ReadonlySet<string> = new Set(["invalid_type", "invalid_union"]);
const isShapeError = (e: z.ZodError) => e.issues.some((i) => SHAPE_ISSUES.has(i.code));

/** Malformed JSON is a schema failure (422); a body past the size limit stays a 400 naming `body`. */
export async function readBody(req: Request): Promise<unknown> {
  try {
    return await readJson(req);
  } catch (e) {
    if (isAppError(e) && e.code === "bad_request" && e.field !== "body") throw new AppError("unprocessable", e.message);
    throw e;
  }
}

/** The shared error body, with a 422 for shape errors and the field named in an AppError's detail. */
async function ainativeError(e: unknown): Promise<Response> {
  const named = isAppError(e) && e.field && e.code === "bad_request" ? withField(e) : e;
  const res = errorResponse(named, ainativeWords);
  if (!(e instanceof z.ZodError) || !isShapeError(e)) return res;
  const body = (await res.json()) as Record<string, unknown>;
  return Response.json({ ...body, code: "unprocessable" }, { status: 422 });
}

/** "there is no voice x" on field voiceId reads "voice_id: there is no voice x", as zod's field errors do. */
function withField(e: AppError): AppError {
  const field = ainativeWords.fields?.[e.field!] ?? e.field!;
  return e.message.includes(field) || e.message.includes(e.field!) ? e : new AppError(e.code, `${field}: ${e.message}`, e.field);
}

type Ctx<P> = { params: Promise<P> };

/**
 * The seed's frontend calls the API from the creator's own app (its useTask hook sends X-API-Key
 * from the browser), so any origin may call these endpoints. Safe: they take a key in a header,
 * never cookies, so a page can only use a key it already holds.
 */
export const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, POST, PATCH, DELETE, OPTIONS",
  "Access-Control-Allow-Headers": "X-API-Key, Authorization, Content-Type",
  "Access-Control-Max-Age": "600",
};

function withCors(res: Response): Response {
  for (const [k, v] of Object.entries(CORS_HEADERS)) res.headers.set(k, v);
  return res;
}

/** The CORS preflight of every content-workflow endpoint (export it as OPTIONS). */
export const preflight = async () => new Response(null, { status: 204, headers: CORS_HEADERS });

/** Route wrapper of the content-workflow endpoints: errors in its words and status codes, callable from any origin. */
export function route<P = Record<string, string>>(fn: (req: Request, params: P) => Promise<Response>) {
  return async (req: Request, ctx: Ctx<P>) => {
    try {
      return withCors(await fn(req, await ctx?.params));
    } catch (e) {
      return withCors(await ainativeError(e));
    }
  };
}
