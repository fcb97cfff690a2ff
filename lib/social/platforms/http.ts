import { answerMessage, apiRequest, retryAfterMs, type ApiRequest, type ApiResponse } from "@/lib/net/api-request";
import { OutboundError } from "@/lib/net/outbound";
import { PlatformError } from "./adapter";

/**
 * Platform API calls, through lib/net/api-request like every API call the server makes, with the
 * answer classified the way the publishing engine acts on it (PlatformError's kind).
 */

export { retryAfterMs };

export interface PlatformRequest extends Omit<ApiRequest, "keepBytes"> {
  /** Statuses that are answers rather than errors (a resumable upload's 308). 2xx always are. */
  accept?: number[];
  /** Names the call in error messages: "YouTube upload". */
  what: string;
}

export type PlatformResponse = ApiResponse;

/** The platform's own words for an error, from the usual JSON shapes, cut short. */
export const platformMessage = answerMessage;

/** Classifies a non-accepted status: 401 auth, 429 rate limit, other 4xx bad request, 5xx transient. */
export function errorFor(what: string, res: PlatformResponse): PlatformError {
  const detail = platformMessage(res.json, res.body.slice(0, 200) || `status ${res.status}`);
  const status = res.status;
  if (status === 401) return new PlatformError("auth", `${what}: the account's authorization was refused (${detail})`, { status });
  if (status === 429)
    return new PlatformError("rate_limited", `${what}: rate limited by the platform`, { status, retryAfterMs: retryAfterMs(res.headers["retry-after"]) });
  if (status >= 400 && status < 500) return new PlatformError("bad_request", `${what}: ${detail}`, { status });
  return new PlatformError("transient", `${what}: the platform answered ${status}`, { status, retryAfterMs: retryAfterMs(res.headers["retry-after"]) });
}

/**
 * Sends one request and returns the answer when its status is 2xx or in `accept`; throws a
 * PlatformError otherwise (and "transient" when no complete answer came: refused, reset, timed out).
 */
export async function platformRequest(req: PlatformRequest): Promise<PlatformResponse> {
  let res: PlatformResponse;
  try {
    res = await apiRequest(req);
  } catch (e) {
    if (e instanceof OutboundError && !e.retryable) throw new PlatformError("bad_request", `${req.what}: the platform's address is ${e.message}`, { cause: e });
    throw new PlatformError("transient", `${req.what}: no answer from the platform`, { cause: e });
  }
  if ((res.status >= 200 && res.status < 300) || req.accept?.includes(res.status)) return res;
  throw errorFor(req.what, res);
}

/** application/x-www-form-urlencoded, for OAuth token endpoints. */
export const formBody = (fields: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined)).toString();

export const FORM = { "Content-Type": "application/x-www-form-urlencoded" };
