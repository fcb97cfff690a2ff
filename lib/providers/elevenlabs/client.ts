import type { ApiResponse } from "@/lib/net/api-request";
import { ProviderError, vendorRequest } from "../vendor";

export const ELEVENLABS = "ElevenLabs";

/**
 * ElevenLabs as the operator configures it: ELEVENLABS_API_KEY, and ELEVENLABS_BASE_URL (default
 * https://api.elevenlabs.io; an operator's setting, so trusted by the outbound module even when it
 * points at this machine). Read on each call, so a test or a restart sees the current values.
 */
export interface ElevenLabsConfig {
  /** The API root without a trailing slash or version: "https://api.elevenlabs.io". */
  baseUrl: string;
  apiKey: string | null;
  timeoutMs: number;
}

export function elevenLabsConfig(env: NodeJS.ProcessEnv = process.env): ElevenLabsConfig {
  return {
    baseUrl: (env.ELEVENLABS_BASE_URL?.trim() || "https://api.elevenlabs.io").replace(/\/+$/, ""),
    apiKey: env.ELEVENLABS_API_KEY?.trim() || null,
    timeoutMs: Number(env.ELEVENLABS_TIMEOUT_MS) > 0 ? Number(env.ELEVENLABS_TIMEOUT_MS) : 120_000,
  };
}

/**
 * One request to ElevenLabs with the xi-api-key header: the 2xx answer, else a ProviderError
 * (429 rate_limited with Retry-After, 5xx retryable, 4xx permanent in the vendor's words). Not
 * retried here: runVendorCall retries, so a call is never tried nine times.
 */
export async function elevenLabsRequest(
  cfg: ElevenLabsConfig,
  req: { method: "GET" | "POST"; path: string; body?: unknown; what: string; signal?: AbortSignal; keepBytes?: number },
): Promise<ApiResponse> {
  if (!cfg.apiKey) throw new ProviderError("permanent", ELEVENLABS, `${req.what}: ELEVENLABS_API_KEY is not set`);
  return vendorRequest({
    vendor: ELEVENLABS,
    what: req.what,
    method: req.method,
    url: `${cfg.baseUrl}${req.path}`,
    headers: { "xi-api-key": cfg.apiKey },
    body: req.body,
    timeoutMs: cfg.timeoutMs,
    signal: req.signal,
    keepBytes: req.keepBytes,
  });
}
