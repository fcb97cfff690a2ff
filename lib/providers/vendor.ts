import { setTimeout as sleep } from "node:timers/promises";
import pLimit, { type LimitFunction } from "p-limit";
import { answerMessage, apiRequest, retryAfterMs, type ApiRequest, type ApiResponse } from "@/lib/net/api-request";
import { OutboundError } from "@/lib/net/outbound";

/**
 * What every model vendor's adapter shares: typed errors the jobs act on, one request function
 * that classifies the vendor's answer into them, and a per-vendor concurrency limit.
 */

/**
 * - retryable: the vendor failed this time (5xx, a dropped connection); another attempt may work.
 * - rate_limited: 429; wait `retryAfterMs` (the vendor's Retry-After) before the next call.
 * - permanent: the vendor refused the request (4xx other than 408/429, a failed generation): the
 *   same request will fail again; its message reaches the scene and the page.
 * - timeout: no complete answer in time, or a vendor job that never finished.
 */
export type ProviderErrorKind = "retryable" | "rate_limited" | "permanent" | "timeout";

export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  readonly vendor: string;
  readonly status?: number;
  readonly retryAfterMs?: number;
  constructor(kind: ProviderErrorKind, vendor: string, message: string, opts: { status?: number; retryAfterMs?: number; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = "ProviderError";
    this.kind = kind;
    this.vendor = vendor;
    this.status = opts.status;
    this.retryAfterMs = opts.retryAfterMs;
  }

  /** Whether the same request may succeed later. */
  get retryable(): boolean {
    return this.kind !== "permanent";
  }
}

export const isProviderError = (e: unknown): e is ProviderError => e instanceof ProviderError;

export interface VendorRequest extends ApiRequest {
  /** The vendor's name in messages: "fal", "ElevenLabs". */
  vendor: string;
  /** Names the call in messages: "fal image". */
  what: string;
}

/** Classifies a vendor's non-2xx answer; the vendor's own words are kept for a 4xx. */
export function vendorError(req: Pick<VendorRequest, "vendor" | "what">, res: ApiResponse): ProviderError {
  const { status } = res;
  const after = retryAfterMs(res.headers["retry-after"]);
  if (status === 429) {
    const words = answerMessage(res.json, "");
    return new ProviderError("rate_limited", req.vendor, `${req.what}: rate limited by ${req.vendor}${words ? ` (${words})` : ""}`, {
      status,
      retryAfterMs: after,
    });
  }
  if (status === 408) return new ProviderError("timeout", req.vendor, `${req.what}: ${req.vendor} timed out`, { status });
  if (status === 401 || status === 403)
    return new ProviderError("permanent", req.vendor, `${req.what}: ${req.vendor} refused the API key (${answerMessage(res.json, `status ${status}`)})`, {
      status,
    });
  if (status >= 400 && status < 500)
    return new ProviderError("permanent", req.vendor, `${req.what}: ${answerMessage(res.json, res.body.slice(0, 200) || `status ${status}`)}`, { status });
  // A 5xx is retried, but the vendor's words (an outage, an overloaded model) are what the page shows when retries run out.
  const words = answerMessage(res.json, res.body.trimStart().startsWith("<") ? "" : res.body.slice(0, 200).trim());
  return new ProviderError("retryable", req.vendor, `${req.what}: ${req.vendor} answered ${status}${words ? ` (${words})` : ""}`, {
    status,
    retryAfterMs: after,
  });
}

/**
 * A request the caller gave up on, as the caller's own abort (its signal's reason, an AbortError),
 * the way every other abortable step reports it; any other error as it is.
 */
export const asCallerAbort = (e: unknown, signal: AbortSignal | undefined): unknown =>
  e instanceof OutboundError && e.reason === "aborted" && signal?.aborted ? signal.reason : e;

/** One call to a vendor: the answer when it is 2xx, else a ProviderError (timeout when no answer came in time). */
export async function vendorRequest(req: VendorRequest): Promise<ApiResponse> {
  let res: ApiResponse;
  try {
    res = await apiRequest(req);
  } catch (e) {
    if (e instanceof OutboundError) {
      if (e.reason === "timeout") throw new ProviderError("timeout", req.vendor, `${req.what}: no answer from ${req.vendor} in time`, { cause: e });
      if (e.reason === "aborted") throw asCallerAbort(e, req.signal);
      if (!e.retryable) throw new ProviderError("permanent", req.vendor, `${req.what}: ${req.vendor}'s address is ${e.message}`, { cause: e });
    }
    throw new ProviderError("retryable", req.vendor, `${req.what}: no answer from ${req.vendor}`, { cause: e });
  }
  if (res.status >= 200 && res.status < 300) return res;
  throw vendorError(req, res);
}

/** A 2xx answer that is not what the vendor documents: permanent, since asking again gets the same. */
export const malformed = (vendor: string, what: string, detail: string) =>
  new ProviderError("permanent", vendor, `${what}: ${vendor} answered in a shape it does not document (${detail})`);

const limits = new Map<string, LimitFunction>();

/**
 * At most N calls to one vendor at a time in this process: `<VENDOR>_CONCURRENCY` (FAL_CONCURRENCY,
 * OPENAI_CONCURRENCY...), default 2, matching the render slots of a small machine.
 */
export function vendorSlot<T>(vendor: string, fn: () => Promise<T>): Promise<T> {
  const key = vendor.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
  let limit = limits.get(key);
  if (!limit) {
    const n = Number(process.env[`${key}_CONCURRENCY`] ?? 2);
    limit = pLimit(Number.isInteger(n) && n > 0 ? n : 2);
    limits.set(key, limit);
  }
  return limit(fn);
}

/**
 * Calls `fn` again after the errors of `kinds`, up to `attempts` times in all, waiting the
 * vendor's Retry-After (at most 30 s) or a doubling backoff from 0.5 s. Longer waits are the job
 * queue's: the last error is thrown for its retry.
 */
export async function retrying<T>(fn: () => Promise<T>, opts: { kinds: ProviderErrorKind[]; attempts?: number; signal?: AbortSignal }): Promise<T> {
  const attempts = opts.attempts ?? 3;
  for (let n = 1; ; n++) {
    try {
      return await fn();
    } catch (e) {
      if (!isProviderError(e) || !opts.kinds.includes(e.kind) || n >= attempts) throw e;
      await sleep(Math.min(30_000, e.retryAfterMs ?? 500 * 2 ** (n - 1)), undefined, { signal: opts.signal });
    }
  }
}
