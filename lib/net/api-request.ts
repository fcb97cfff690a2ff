import { requestOutbound, type OutboundResponse } from "./outbound";

/**
 * A call to another service's HTTP API (a social platform, a model vendor), through the one
 * outbound module: the body encoded, the answer kept and read as JSON when it is JSON. Callers
 * classify the status into their own error kinds; a request that got no answer throws
 * OutboundError (refused, unreachable, timed out).
 */

export interface ApiRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  url: string;
  /** Sets Authorization: Bearer. */
  token?: string;
  headers?: Record<string, string>;
  /** A plain object is sent as JSON, FormData as multipart, a string or bytes as given (set Content-Type in headers). */
  body?: unknown;
  signal?: AbortSignal;
  /** Default 60 s. */
  timeoutMs?: number;
  /** How much of the answer to keep; default 4 MB (enough for any JSON answer). */
  keepBytes?: number;
}

export interface ApiResponse extends OutboundResponse {
  /** The body parsed as JSON, or null when it is not JSON. */
  json: unknown;
}

const MAX_BODY = 4 * 1024 * 1024;

/** FormData as multipart bytes with its boundary, encoded by the platform's own Request. */
async function multipart(form: FormData): Promise<{ body: Buffer; contentType: string }> {
  const req = new Request("http://localhost/", { method: "POST", body: form });
  return { body: Buffer.from(await req.arrayBuffer()), contentType: req.headers.get("content-type") ?? "multipart/form-data" };
}

export async function apiRequest(req: ApiRequest): Promise<ApiResponse> {
  const headers: Record<string, string> = { Accept: "application/json", ...req.headers };
  if (req.token) headers.Authorization = `Bearer ${req.token}`;
  let body: string | Buffer | undefined;
  if (req.body === undefined || typeof req.body === "string" || Buffer.isBuffer(req.body)) body = req.body;
  else if (req.body instanceof FormData) {
    const encoded = await multipart(req.body);
    body = encoded.body;
    headers["Content-Type"] = encoded.contentType;
  } else {
    body = JSON.stringify(req.body);
    headers["Content-Type"] ??= "application/json";
  }
  const res = await requestOutbound(req.url, {
    method: req.method,
    headers,
    body,
    keepBytes: req.keepBytes ?? MAX_BODY,
    timeoutMs: req.timeoutMs ?? 60_000,
    signal: req.signal,
  });
  let json: unknown = null;
  try {
    json = res.body ? JSON.parse(res.body) : null;
  } catch {
    json = null;
  }
  return { ...res, json };
}

/** Retry-After in seconds or as an HTTP date, in ms from now; undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const secs = Number(value.trim());
  if (Number.isFinite(secs) && secs >= 0) return Math.round(secs * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** FastAPI's validation answer (fal's too): `detail: [{ loc: ["body", "prompt"], msg: "field required" }]`, as "prompt: field required". */
function validationDetail(detail: unknown): string | undefined {
  if (!Array.isArray(detail)) return undefined;
  const parts = detail
    .map((d: { loc?: unknown; msg?: unknown }) => {
      if (typeof d?.msg !== "string") return null;
      const loc = Array.isArray(d.loc) ? d.loc.filter((l) => l !== "body").join(".") : "";
      return loc ? `${loc}: ${d.msg}` : d.msg;
    })
    .filter((m): m is string => !!m);
  return parts.length ? parts.join("; ") : undefined;
}

/** The service's own words for an error, from the usual JSON shapes (OpenAI's, OAuth's, FastAPI's), cut short. */
export function answerMessage(json: unknown, fallback: string): string {
  const j = json as Record<string, unknown> | null;
  const err = j?.error as Record<string, unknown> | string | undefined;
  const detail = j?.detail;
  const candidates = [
    typeof err === "object" ? err?.message : err,
    typeof err === "object" ? err?.error_user_msg : undefined,
    j?.message,
    j?.error_description,
    typeof detail === "string"
      ? detail
      : Array.isArray(detail)
        ? validationDetail(detail)
        : typeof detail === "object" && detail
          ? (detail as Record<string, unknown>).message
          : undefined,
  ];
  const found = candidates.find((c): c is string => typeof c === "string" && c.trim() !== "");
  return (found ?? fallback).slice(0, 300);
}
