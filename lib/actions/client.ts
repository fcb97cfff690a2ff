import { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { currentPrincipal } from "@/lib/auth/principal";
import type { Principal } from "@/lib/auth/tokens";
import { isAppError } from "@/lib/errors";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string; fieldErrors?: Record<string, string> };

function fieldErrorsOf(e: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of e.issues) {
    const key = issue.path.join(".") || "_";
    out[key] ??= issue.message;
  }
  return out;
}

/**
 * The one way to build a server action: it requires a signed-in user, validates the input
 * with the shared zod schema, and turns AppError into a message the user sees. Any other
 * error is logged and reported generically.
 */
export function authedAction<S extends z.ZodType, T>(schema: S, fn: (input: z.infer<S>, ctx: { principal: Principal; db: Db }) => Promise<T>) {
  return async (raw: z.input<S>): Promise<ActionResult<T>> => {
    const principal = await currentPrincipal();
    if (!principal) return { ok: false, error: "Your session has ended; please sign in again" };
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const fieldErrors = fieldErrorsOf(parsed.error);
      return { ok: false, error: Object.values(fieldErrors)[0] ?? "Invalid input", fieldErrors };
    }
    try {
      return { ok: true, data: await fn(parsed.data, { principal, db: getDb() }) };
    } catch (e) {
      if (isAppError(e)) return { ok: false, error: e.message, ...(e.field ? { fieldErrors: { [e.field]: e.message } } : {}) };
      // A schema applied inside the action (a form's fields) words its errors as the input's does.
      if (e instanceof z.ZodError) {
        const fieldErrors = fieldErrorsOf(e);
        return { ok: false, error: Object.values(fieldErrors)[0] ?? "Invalid input", fieldErrors };
      }
      console.error("[action] unexpected error", e);
      return { ok: false, error: "Something went wrong on our side; please try again" };
    }
  };
}
