import { z } from "zod";
import { AppError, isAppError } from "@/lib/errors";

type Ctx<P> = { params: Promise<P> };

/** The twin.actor dialect reports errors as FastAPI does: `{ "detail": "..." }`. */
export function errorResponse(e: unknown): Response {
  if (isAppError(e)) {
    return Response.json({ detail: e.message, code: e.code, ...(e.field ? { field: e.field } : {}) }, { status: e.status });
  }
  if (e instanceof z.ZodError) {
    const first = e.issues[0];
    return Response.json(
      {
        detail: first ? issueMessage(first) : "Invalid input",
        errors: e.issues.map((i) => ({ field: i.path.join("."), message: i.message })),
      },
      { status: 400 },
    );
  }
  console.error("[api] unexpected error", e);
  return Response.json({ detail: "Internal server error" }, { status: 500 });
}

function issueMessage(i: z.core.$ZodIssue): string {
  const field = i.path.join(".");
  return field && !i.message.includes(field) ? `${field}: ${i.message}` : i.message;
}

/** Wraps a route handler: AppError and ZodError become their status codes, anything else a logged 500. */
export function route<P = Record<string, string>>(fn: (req: Request, params: P) => Promise<Response>) {
  return async (req: Request, ctx: Ctx<P>) => {
    try {
      return await fn(req, (await ctx?.params) as P);
    } catch (e) {
      return errorResponse(e);
    }
  };
}

/** Reads a JSON body; malformed JSON is a 400, never a 500. */
export async function readJson(req: Request): Promise<unknown> {
  const text = await req.text();
  if (!text.trim()) return {};
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

/** limit/offset pagination of every list endpoint, in every dialect. */
export const pageIn = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
