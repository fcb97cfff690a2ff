import { z } from "zod";
import { AppError, isAppError } from "@/lib/errors";
import { MAX_SERIAL_ID } from "@/lib/validation/ids";
import { jsonTextDepth } from "@/lib/validation/json";

type Ctx<P> = { params: Promise<P> };

/**
 * How a dialect words the domain's errors: the domain names fields and things in its own terms
 * (characterId, "Character"); a dialect maps them to the words its clients know.
 */
export interface DialectWords {
  /** Domain field (first path segment) -> the dialect's field name. */
  fields?: Record<string, string>;
  /** Rewrites applied to every message, e.g. [/\bCharacter\b/g, "Person"]. */
  nouns?: Array<[RegExp, string]>;
  /**
   * Rewrites of whole field paths, applied to the field and to messages (which start with it): a
   * domain field nested differently in the dialect's body, e.g. `scenes.0.characterId` ->
   * `renderPayload.scenes.0.modelConfig.id`.
   */
  paths?: Array<[RegExp, string]>;
}

const rewrite = (text: string, rules: Array<[RegExp, string]> = []) => rules.reduce((t, [from, to]) => t.replace(from, to), text);
const reword = (text: string, words: DialectWords) => rewrite(rewrite(text, words.paths), words.nouns);
const fieldName = (path: ReadonlyArray<PropertyKey>, words: DialectWords) =>
  rewrite(path.map((p, i) => (i === 0 ? (words.fields?.[String(p)] ?? String(p)) : String(p))).join("."), words.paths);

/**
 * The error shape every dialect shares: FastAPI's `{ "detail": "..." }` (what twin.actor's scripts
 * read) plus `code`, `field` and, for validation, `errors` per field. Colossyan documents no body
 * for its 4xx, so it gets the same shape.
 */
export function errorResponse(e: unknown, words: DialectWords = {}): Response {
  if (isAppError(e)) {
    const field = e.field ? fieldName([e.field], words) : undefined;
    return Response.json({ detail: reword(e.message, words), code: e.code, ...(field ? { field } : {}) }, { status: e.status });
  }
  if (e instanceof z.ZodError) {
    const first = e.issues[0];
    return Response.json(
      {
        detail: first ? reword(issueMessage(first, words), words) : "Invalid input",
        code: "bad_request",
        ...(first?.path.length ? { field: fieldName(first.path, words) } : {}),
        errors: e.issues.map((i) => ({ field: fieldName(i.path, words), message: reword(i.message, words) })),
      },
      { status: 400 },
    );
  }
  console.error("[api] unexpected error", e);
  return Response.json({ detail: "Internal server error", code: "internal_error" }, { status: 500 });
}

function issueMessage(i: z.core.$ZodIssue, words: DialectWords): string {
  const field = fieldName(i.path, words);
  // Prefixed unless the message already names the field as a word ("a" is not named by "Invalid").
  const named = new RegExp(`(^|[^\\w.])${field.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w])`).test(i.message);
  return field && !named ? `${field}: ${i.message}` : i.message;
}

/** A `route` wrapper whose errors speak a dialect's words. */
export function routeWith(words: DialectWords) {
  return <P = Record<string, string>>(fn: (req: Request, params: P) => Promise<Response>) =>
    async (req: Request, ctx: Ctx<P>) => {
      try {
        return await fn(req, await ctx?.params);
      } catch (e) {
        return errorResponse(e, words);
      }
    };
}

/** Wraps a route handler: AppError and ZodError become their status codes, anything else a logged 500. */
export const route = routeWith({});

/** The largest JSON request body any endpoint accepts (a videoCreative of 100 scenes fits many times over). */
export const MAX_JSON_BYTES = 2 * 1024 * 1024;

/** The body's bytes, refusing (400, field "body") past `maxBytes` without buffering the rest. */
async function readBody(req: Request, maxBytes: number): Promise<Buffer> {
  const tooLarge = () => new AppError("bad_request", `The request body may be at most ${formatBytes(maxBytes)}`, "body");
  if (Number(req.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge();
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

const formatBytes = (n: number) => (n >= 1024 * 1024 ? `${n / 1024 / 1024} MiB` : n >= 1024 ? `${n / 1024} KiB` : `${n} bytes`);

/** Bodies that carry a base64 photo (persons): the photo's own limit, MAX_PHOTO_BYTES, is checked and named after parsing. */
export const MAX_PHOTO_JSON_BYTES = 16 * 1024 * 1024;

/**
 * How deep any JSON body may nest. The deepest documented body (a videoCreative's track) is 7
 * levels; free-form fields inside one are held to MAX_JSON_DEPTH (lib/validation/json.ts) by their
 * schemas. Counted on the text, before parsing, so nothing recurses into a deeper body.
 */
export const MAX_BODY_DEPTH = 64;

/** Reads a JSON body; malformed JSON is a 400, never a 500, and so is a body over `maxBytes` or nested past MAX_BODY_DEPTH. */
export async function readJson(req: Request, maxBytes: number = MAX_JSON_BYTES): Promise<unknown> {
  const text = (await readBody(req, maxBytes)).toString("utf8");
  if (!text.trim()) return {};
  if (jsonTextDepth(text) > MAX_BODY_DEPTH) {
    throw new AppError("bad_request", `The request body may nest arrays and objects at most ${MAX_BODY_DEPTH} levels deep`, "body");
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "Request body is not valid JSON");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new AppError("bad_request", "Request body must be a JSON object");
  }
  return body;
}

/**
 * A small form (application/x-www-form-urlencoded or multipart/form-data) as its fields, read
 * within `maxBytes`; anything else is a 400 saying `expected`. File fields stay files, so a
 * schema expecting text refuses them.
 */
export async function readFormFields(req: Request, maxBytes: number, expected: string): Promise<Record<string, FormDataEntryValue>> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) throw new AppError("bad_request", expected);
  const body = await readBody(req, maxBytes);
  try {
    return Object.fromEntries((await new Response(new Uint8Array(body), { headers: { "content-type": type } }).formData()).entries());
  } catch {
    throw new AppError("bad_request", expected);
  }
}

export function parseId(raw: string, what: string): number {
  if (!/^\d{1,9}$/.test(raw)) throw new AppError("not_found", `${what} not found`);
  return Number(raw);
}

const HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * This server's origin as the caller reached it: PUBLIC_URL when set, else the Host the caller
 * sent. Not `new URL(req.url).origin`: Next.js builds req.url from the host it listens as
 * ("localhost"), so a script on another machine would be handed URLs it cannot open.
 */
export function requestOrigin(req: Request): string {
  if (process.env.PUBLIC_URL) return process.env.PUBLIC_URL.replace(/\/+$/, "");
  const url = new URL(req.url);
  const host = req.headers.get("host")?.trim();
  return host && HOST.test(host) ? `${url.protocol}//${host}` : url.origin;
}

/** Absolute URL for a path on this server, as API users expect full URLs. */
export function absoluteUrl(req: Request, path: string | null): string | null {
  if (!path) return null;
  return new URL(path, requestOrigin(req)).toString();
}

/** A path id that must be a UUID; anything else cannot exist, so it is a 404 (never a database error). */
export function parseUuid(raw: string, what: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(raw)) throw new AppError("not_found", `${what} not found`);
  return raw;
}

const limitIn = (max: number, fallback: number, describe: string) =>
  z.coerce
    .number({ error: `limit must be a whole number from 1 to ${max}` })
    .int(`limit must be a whole number from 1 to ${max}`)
    .min(1, `limit must be a whole number from 1 to ${max}`)
    .max(max, `limit must be a whole number from 1 to ${max}`)
    .default(fallback)
    .describe(describe);
const offsetIn = z.coerce
  .number({ error: `offset must be a whole number from 0 to ${MAX_SERIAL_ID}` })
  .int(`offset must be a whole number from 0 to ${MAX_SERIAL_ID}`)
  .min(0, `offset must be a whole number from 0 to ${MAX_SERIAL_ID}`)
  .max(MAX_SERIAL_ID, `offset must be a whole number from 0 to ${MAX_SERIAL_ID}`)
  .default(0)
  .describe("Rows to skip");

/** limit/offset pagination of every list endpoint, in every dialect. */
export const pageIn = z.object({ limit: limitIn(100, 50, "Page size"), offset: offsetIn });

/**
 * The lists a seed documents without pagination ("list all", "the avatars the workspace has
 * access to"): a script expects all of them, so the default page is everything up to 1000;
 * limit and offset still work.
 */
export const wholeListIn = z.object({ limit: limitIn(1000, 1000, "At most this many (all by default)"), offset: offsetIn });

/** Past this much, an oversized upload is cut off rather than read to its end. */
const DRAIN_LIMIT_BYTES = 100 * 1024 * 1024;

/**
 * Reads a multipart/form-data body, keeping at most `maxBytes`. A larger body is a 400 naming
 * `field` (the file that made it large); it is still read to its end (up to 100 MB) so the
 * client gets that 400 rather than a reset connection.
 */
export async function readMultipart(req: Request, opts: { maxBytes: number; field: string; tooLarge: string }): Promise<FormData> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(type)) {
    throw new AppError("bad_request", "Send the request as multipart/form-data");
  }
  const declared = Number(req.headers.get("content-length") ?? NaN);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size <= opts.maxBytes) chunks.push(value);
      if (size > DRAIN_LIMIT_BYTES || declared > DRAIN_LIMIT_BYTES) {
        await reader.cancel().catch(() => {});
        break;
      }
    }
  }
  if (size > opts.maxBytes) throw new AppError("bad_request", opts.tooLarge, opts.field);
  try {
    return await new Response(Buffer.concat(chunks), { headers: { "content-type": type } }).formData();
  } catch {
    throw new AppError("bad_request", "The request body is not valid multipart/form-data");
  }
}
