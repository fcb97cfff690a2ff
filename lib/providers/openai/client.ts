import type { ApiResponse } from "@/lib/net/api-request";
import { retrying, vendorRequest, vendorSlot } from "../vendor";

/**
 * An OpenAI-compatible server, as the operator configures it: OpenAI itself by default, or any
 * server speaking its API (Ollama, vLLM, LM Studio, LocalAI, Kokoro-FastAPI...) at OPENAI_BASE_URL.
 * Read on each call, so a test (or a restart with new settings) sees the current values.
 */
export interface OpenAIConfig {
  /** The API root, without a trailing slash: "https://api.openai.com/v1". */
  baseUrl: string;
  /** Sent as a Bearer token when set; a self-hosted server may need none. */
  apiKey: string | null;
  /** Per call; image models can take a minute. */
  timeoutMs: number;
}

export function openAIConfig(env: NodeJS.ProcessEnv = process.env): OpenAIConfig {
  const base = env.OPENAI_BASE_URL?.trim() || "https://api.openai.com/v1";
  return {
    baseUrl: base.replace(/\/+$/, ""),
    apiKey: env.OPENAI_API_KEY?.trim() || null,
    timeoutMs: Number(env.OPENAI_TIMEOUT_MS) > 0 ? Number(env.OPENAI_TIMEOUT_MS) : 120_000,
  };
}

/**
 * One POST to the server's `{base}{path}` with the Bearer key, typed errors, a 429 or 5xx tried
 * again in place, and at most OPENAI_CONCURRENCY calls at a time.
 */
export function openAIPost(
  cfg: OpenAIConfig,
  req: { path: string; body: unknown; what: string; signal?: AbortSignal; keepBytes: number; headers?: Record<string, string> },
): Promise<ApiResponse> {
  return retrying(
    () =>
      vendorSlot("openai", () =>
        vendorRequest({
          vendor: "OpenAI",
          what: req.what,
          method: "POST",
          url: `${cfg.baseUrl}${req.path}`,
          token: cfg.apiKey ?? undefined,
          headers: req.headers,
          body: req.body,
          timeoutMs: cfg.timeoutMs,
          signal: req.signal,
          keepBytes: req.keepBytes,
        }),
      ),
    { kinds: ["rate_limited", "retryable"], signal: req.signal },
  );
}
