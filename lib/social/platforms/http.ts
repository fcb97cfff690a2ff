import { OutboundError, requestOutbound, type OutboundResponse } from "@/lib/net/outbound";
import { PlatformError } from "./adapter";

/**
 * Platform API calls, through lib/net/outbound like every request the server makes, with the
 * answer classified the way the publishing engine acts on it (PlatformError's kind).
 */

export interface PlatformRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  url: string;
  /** Sets Authorization: Bearer. */
  token?: string;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string or bytes as given (set Content-Type in headers). */
  body?: unknown;
  signal?: AbortSignal;
  /** Default 60 s; uploads of large chunks pass more. */
  timeoutMs?: number;
  /** Statuses that are answers rather than errors (a resumable upload's 308). 2xx always are. */
  accept?: number[];
  /** Names the call in error messages: "YouTube upload". */
  what: string;
}

export interface PlatformResponse extends OutboundResponse {
  /** The body parsed as JSON, or null when it is not JSON. */
  json: unknown;
}

const MAX_BODY = 4 * 1024 * 1024;

/** Retry-After in seconds or as an HTTP date, in ms from now; undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const secs = Number(value.trim());
  if (Number.isFinite(secs) && secs >= 0) return Math.round(secs * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The platform's own words for an error, from the usual JSON shapes, cut short. */
export function platformMessage(json: unknown, fallback: string): string {
  const j = json as Record<string, unknown> | null;
  const err = j?.error as Record<string, unknown> | string | undefined;
  const candidates = [
    typeof err === "object" ? err?.message : err,
    typeof err === "object" ? err?.error_user_msg : undefined,
    j?.message,
    j?.error_description,
  ];
  const found = candidates.find((c): c is string => typeof c === "string" && c.trim() !== "");
  return (found ?? fallback).slice(0, 300);
}

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
  const headers: Record<string, string> = { Accept: "application/json", ...req.headers };
  if (req.token) headers.Authorization = `Bearer ${req.token}`;
  let body: string | Buffer | undefined;
  if (req.body === undefined || typeof req.body === "string" || Buffer.isBuffer(req.body)) body = req.body;
  else {
    body = JSON.stringify(req.body);
    headers["Content-Type"] ??= "application/json";
  }
  let res: OutboundResponse;
  try {
    res = await requestOutbound(req.url, { method: req.method, headers, body, keepBytes: MAX_BODY, timeoutMs: req.timeoutMs ?? 60_000, signal: req.signal });
  } catch (e) {
    if (e instanceof OutboundError && !e.retryable) throw new PlatformError("bad_request", `${req.what}: the platform's address is ${e.message}`, { cause: e });
    throw new PlatformError("transient", `${req.what}: no answer from the platform`, { cause: e });
  }
  let json: unknown = null;
  try {
    json = res.body ? JSON.parse(res.body) : null;
  } catch {
    json = null;
  }
  const out = { ...res, json };
  if ((res.status >= 200 && res.status < 300) || req.accept?.includes(res.status)) return out;
  throw errorFor(req.what, out);
}

/** application/x-www-form-urlencoded, for OAuth token endpoints. */
export const formBody = (fields: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined)).toString();

export const FORM = { "Content-Type": "application/x-www-form-urlencoded" };
