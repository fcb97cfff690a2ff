export type ErrorCode =
  "bad_request" | "unauthorized" | "forbidden" | "not_found" | "method_not_allowed" | "conflict" | "unprocessable" | "insufficient_credits" | "rate_limited";

const statusByCode: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  unprocessable: 422,
  insufficient_credits: 403,
  rate_limited: 429,
};

/** The only kind of error whose message reaches a user; anything else is logged and hidden. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "AppError";
    this.status = statusByCode[code];
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} not found`);

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/**
 * A failure whose message is safe to show users and which says whether another attempt could
 * succeed: a job that throws one with `retryable: false` settles failed on this attempt.
 */
export class KnownFailure extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "KnownFailure";
  }
}

/**
 * Whether retrying could help: the first error along the `cause` chain that says so (a boolean
 * `retryable`) decides; an AppError is about the request itself and is never retried; anything
 * else (a crash, a lost connection) is worth another attempt.
 */
export function isRetryable(e: unknown): boolean {
  for (let cur = e, depth = 0; cur instanceof Error && depth < 8; cur = cur.cause, depth++) {
    if (cur instanceof AppError) return false;
    const flag = (cur as { retryable?: unknown }).retryable;
    if (typeof flag === "boolean") return flag;
  }
  return true;
}

/** The message of an error meant for users (AppError, KnownFailure), or null for anything else. */
export function publicMessage(e: unknown): string | null {
  return e instanceof AppError || e instanceof KnownFailure ? e.message : null;
}
