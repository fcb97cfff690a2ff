import type { ApiResponse } from "@/lib/net/api-request";
import { runVendorJob, type PollResult, type Unrecorded, type VendorCallScope } from "../jobs";
import { isProviderError, malformed, ProviderError, vendorRequest } from "../vendor";

/**
 * fal's queue API (docs.fal.ai, "Queue API"): POST {queue}/{model_id} with the model's input as
 * JSON answers `{ request_id, status_url, response_url, cancel_url }`; GET
 * {queue}/{app}/requests/{id}/status answers `{ status: IN_QUEUE | IN_PROGRESS | COMPLETED,
 * queue_position, logs }` (logs with ?logs=1); GET {queue}/{app}/requests/{id} answers the
 * model's output. {app} is the model id's first two segments: a model at a sub-path
 * ("fal-ai/flux/dev") is submitted there but its requests live under the app ("fal-ai/flux").
 * The key goes as `Authorization: Key $FAL_KEY`; errors come as `{ detail }` (a string, or
 * FastAPI's list of `{ loc, msg }` for a rejected input).
 */

export const FAL_VENDOR = "fal";

export interface FalConfig {
  /** Without a trailing slash: "https://queue.fal.run". */
  queueUrl: string;
  key: string | null;
  /** Per HTTP call. */
  timeoutMs: number;
  /** Between status polls. */
  pollIntervalMs: number;
  /** How long one job may take before it is a timeout. */
  maxWaitMs: number;
}

const num = (v: string | undefined, dflt: number) => (Number(v) > 0 ? Number(v) : dflt);

/** Read on each call, so a test (or a restart with new settings) sees the current values. */
export function falConfig(env: NodeJS.ProcessEnv = process.env): FalConfig {
  return {
    queueUrl: (env.FAL_QUEUE_URL?.trim() || "https://queue.fal.run").replace(/\/+$/, ""),
    key: env.FAL_KEY?.trim() || null,
    timeoutMs: num(env.FAL_TIMEOUT_MS, 60_000),
    pollIntervalMs: num(env.FAL_POLL_INTERVAL_MS, 2_000),
    maxWaitMs: num(env.FAL_MAX_WAIT_MS, 20 * 60_000),
  };
}

/** The app a model belongs to: its requests' status and result live under it. */
export const falAppId = (model: string) => model.split("/").slice(0, 2).join("/");

function falRequest(cfg: FalConfig, req: { method: "GET" | "POST"; url: string; body?: unknown; what: string; signal?: AbortSignal }): Promise<ApiResponse> {
  if (!cfg.key) throw new ProviderError("permanent", FAL_VENDOR, `${req.what}: FAL_KEY is not set`);
  return vendorRequest({
    vendor: FAL_VENDOR,
    what: req.what,
    method: req.method,
    url: req.url,
    headers: { Authorization: `Key ${cfg.key}` },
    body: req.body,
    timeoutMs: cfg.timeoutMs,
    signal: req.signal,
  });
}

export interface FalJob<T extends Record<string, unknown>> {
  model: string;
  /** The model's input, as its schema documents it. */
  input: Record<string, unknown>;
  /** The input as hashed for the record (a data URI replaced by its digest, say); default `input`. */
  request?: unknown;
  /** "fal image", "fal video": names the call in messages. */
  what: string;
  /** Turns the finished request's output into the job's result (downloading what it names). */
  complete: (output: unknown) => Promise<T>;
  /** What the finished request cost in USD, where the model's price is known. */
  cost?: (output: unknown) => number | undefined;
  onProgress?: (fraction: number) => void;
}

/** The progress a log line reports, where it does ("45%", "step 12/30"). */
export function logProgress(logs: unknown): number | undefined {
  if (!Array.isArray(logs)) return undefined;
  for (let i = logs.length - 1; i >= 0; i--) {
    const msg = (logs[i] as { message?: unknown })?.message;
    if (typeof msg !== "string") continue;
    const pct = /(\d{1,3}(?:\.\d+)?)\s*%/.exec(msg);
    if (pct && Number(pct[1]) <= 100) return Number(pct[1]) / 100;
    const steps = /(\d+)\s*\/\s*(\d+)/.exec(msg);
    if (steps && Number(steps[2]) > 0 && Number(steps[1]) <= Number(steps[2])) return Number(steps[1]) / Number(steps[2]);
  }
  return undefined;
}

/**
 * Runs one request on fal's queue as a recorded vendor job: the request id is saved when the
 * submit answers, so a restart polls the same request instead of paying for another.
 */
export function runFalJob<T extends Record<string, unknown>>(scope: VendorCallScope | Unrecorded, job: FalJob<T>, cfg: FalConfig = falConfig()): Promise<T> {
  const app = falAppId(job.model);
  return runVendorJob<T>(scope, {
    vendor: FAL_VENDOR,
    model: job.model,
    request: job.request ?? job.input,
    pollIntervalMs: cfg.pollIntervalMs,
    maxWaitMs: cfg.maxWaitMs,
    submit: async () => {
      const what = `${job.what} submit`;
      const res = await falRequest(cfg, { method: "POST", url: `${cfg.queueUrl}/${job.model}`, body: job.input, what, signal: scope.signal });
      const id = (res.json as { request_id?: unknown } | null)?.request_id;
      if (typeof id !== "string" || !id) throw malformed(FAL_VENDOR, what, "no request_id");
      return id;
    },
    poll: async (id): Promise<PollResult<T>> => {
      const what = `${job.what} status`;
      const base = `${cfg.queueUrl}/${app}/requests/${encodeURIComponent(id)}`;
      let res: ApiResponse;
      try {
        res = await falRequest(cfg, { method: "GET", url: `${base}/status?logs=1`, what, signal: scope.signal });
      } catch (e) {
        // fal no longer knows the request (expired, another account's key): it will never finish, so the
        // record is marked failed and the caller's next attempt submits afresh instead of polling it forever.
        if (isProviderError(e) && e.status === 404) return { state: "failed", reason: `${what}: fal no longer knows request ${id}` };
        throw e;
      }
      const st = res.json as { status?: unknown; queue_position?: unknown; logs?: unknown; error?: unknown } | null;
      if (st?.status === "IN_QUEUE") {
        return { state: "pending", detail: typeof st.queue_position === "number" ? `in fal's queue at ${st.queue_position}` : "in fal's queue" };
      }
      if (st?.status === "IN_PROGRESS") {
        const progress = logProgress(st.logs);
        if (progress !== undefined) job.onProgress?.(progress);
        return { state: "pending", detail: "running on fal" };
      }
      if (st?.status !== "COMPLETED") throw malformed(FAL_VENDOR, what, `status ${JSON.stringify(st?.status ?? null)}`);
      // A request that failed is COMPLETED too: the status carries its error, and its result answers it.
      if (typeof st.error === "string" && st.error) return { state: "failed", reason: `${job.what}: ${st.error}` };
      let out: ApiResponse;
      try {
        out = await falRequest(cfg, { method: "GET", url: base, what: job.what, signal: scope.signal });
      } catch (e) {
        // The model refused the input (a 422 with its detail): that request will never have a result.
        if (isProviderError(e) && e.kind === "permanent") return { state: "failed", reason: e.message };
        throw e;
      }
      job.onProgress?.(1);
      return { state: "done", result: await job.complete(out.json), costUsd: job.cost?.(out.json) };
    },
  });
}
