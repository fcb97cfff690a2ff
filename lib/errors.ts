export type ErrorCode = "bad_request" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "unprocessable" | "insufficient_credits" | "rate_limited";

const statusByCode: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
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
