import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { probe } from "@/lib/media/ffmpeg";
import { downloadToFile, OutboundError } from "@/lib/net/outbound";
import { callScope, runVendorJob, type PollResult, type ProviderCallOptions } from "../jobs";
import { asCallerAbort, malformed, ProviderError, vendorRequest } from "../vendor";
import type { UpscaleProvider, UpscaleResult } from "./index";

const VENDOR = "Replicate";

/**
 * A Real-ESRGAN video upscaler on Replicate (a community model, so run by version id):
 * input `video_path` (a file), `resolution` (FHD | 2k | 4k), `model` (the ESRGAN weights);
 * output the upscaled MP4's URL.
 */
export const DEFAULT_UPSCALE_MODEL = "lucataco/real-esrgan-video:c23768236472c41b7a121ee735c8073e29080c01b32907740cfada61bff75320";

export interface ReplicateConfig {
  baseUrl: string;
  token: string | null;
  /** owner/name (an official model, run at its latest version) or owner/name:version. */
  model: string;
  /** Per request; an upload of a long video takes a while. */
  timeoutMs: number;
  pollIntervalMs: number;
  /** The longest one prediction may run before it is a timeout. */
  maxWaitMs: number;
  /** Files up to this size go inline as a data URI; larger ones are uploaded (Replicate: data URIs under 1 MB). */
  dataUriMaxBytes: number;
}

export function replicateConfig(env: NodeJS.ProcessEnv = process.env): ReplicateConfig {
  const num = (v: string | undefined, d: number) => (Number(v) > 0 ? Number(v) : d);
  return {
    baseUrl: (env.REPLICATE_BASE_URL?.trim() || "https://api.replicate.com").replace(/\/+$/, ""),
    token: env.REPLICATE_API_TOKEN?.trim() || null,
    model: env.REPLICATE_UPSCALE_MODEL?.trim() || DEFAULT_UPSCALE_MODEL,
    timeoutMs: num(env.REPLICATE_TIMEOUT_MS, 120_000),
    pollIntervalMs: num(env.REPLICATE_POLL_MS, 3_000),
    maxWaitMs: num(env.REPLICATE_MAX_WAIT_MS, 30 * 60_000),
    dataUriMaxBytes: 1024 * 1024,
  };
}

/** The output size asked of the model: the preset that holds twice the source's longer side. */
export function resolutionFor(width: number, height: number): "FHD" | "2k" | "4k" {
  const longer = 2 * Math.max(width, height);
  return longer <= 1920 ? "FHD" : longer <= 2560 ? "2k" : "4k";
}

const sha256File = (file: string) =>
  new Promise<string>((resolve, reject) => {
    const h = createHash("sha256");
    createReadStream(file)
      .on("data", (c) => h.update(c))
      .on("end", () => resolve(h.digest("hex")))
      .on("error", reject);
  });

type Prediction = { id?: unknown; status?: unknown; output?: unknown; error?: unknown; metrics?: { predict_time?: unknown } };

/**
 * Upscales through Replicate's HTTP API: the video inline (data URI) or uploaded (POST /v1/files),
 * a prediction created (POST /v1/predictions with a version, or POST /v1/models/{owner}/{name}/
 * predictions) and polled (GET /v1/predictions/{id}) under runVendorJob, so its id is saved before
 * any wait and a restart polls it instead of paying again. The output URL expires within the hour:
 * it is downloaded the moment the prediction succeeds, through the outbound module.
 */
export class ReplicateUpscaler implements UpscaleProvider {
  readonly id = "replicate";

  constructor(private readonly config: () => ReplicateConfig = replicateConfig) {}

  async upscale(input: string, out: string, opts: ProviderCallOptions = {}): Promise<UpscaleResult> {
    const cfg = this.config();
    if (!cfg.token) throw new ProviderError("permanent", VENDOR, "Replicate upscale: REPLICATE_API_TOKEN is not set");
    const info = await probe(input);
    const v = info.streams.find((s) => s.codecType === "video");
    if (!v?.width || !v.height) throw new Error(`${path.basename(input)} has no video stream`);
    const resolution = resolutionFor(v.width, v.height);
    const call = (what: string, method: "GET" | "POST", url: string, body?: unknown) =>
      vendorRequest({ vendor: VENDOR, what, method, url, token: cfg.token!, body, timeoutMs: cfg.timeoutMs, signal: opts.signal });
    await fs.mkdir(path.dirname(out), { recursive: true });

    const result = await runVendorJob(callScope(opts), {
      vendor: VENDOR,
      model: cfg.model,
      // The video by its content: the same cut asks for the same prediction after a restart.
      request: { video: await sha256File(input), resolution },
      pollIntervalMs: cfg.pollIntervalMs,
      maxWaitMs: cfg.maxWaitMs,
      // Replicate reports no fraction: a queued prediction is barely begun, a running one halfway.
      onPending: (status) => opts.onProgress?.(status === "processing" ? 0.5 : 0.1),
      submit: async () => {
        const videoUrl = await this.videoInput(cfg, input, call);
        const [ref, version] = cfg.model.split(":");
        const body = { input: { video_path: videoUrl, resolution, model: "RealESRGAN_x4plus" } };
        const res = version
          ? await call("Replicate prediction", "POST", `${cfg.baseUrl}/v1/predictions`, { version, ...body })
          : await call("Replicate prediction", "POST", `${cfg.baseUrl}/v1/models/${ref}/predictions`, body);
        const id = (res.json as Prediction | null)?.id;
        if (typeof id !== "string" || !id) throw malformed(VENDOR, "Replicate prediction", "no id");
        return id;
      },
      poll: async (id): Promise<PollResult<{ url: string; downloaded: boolean }>> => {
        const res = await call("Replicate prediction status", "GET", `${cfg.baseUrl}/v1/predictions/${encodeURIComponent(id)}`);
        const p = (res.json ?? {}) as Prediction;
        if (p.status === "starting" || p.status === "processing") return { state: "pending", detail: p.status };
        if (p.status === "failed") return { state: "failed", reason: `Replicate upscale failed: ${typeof p.error === "string" ? p.error : "no reason given"}` };
        if (p.status === "canceled") return { state: "failed", reason: "Replicate upscale was canceled" };
        if (p.status !== "succeeded") throw malformed(VENDOR, "Replicate prediction status", `status ${String(p.status)}`);
        const url = Array.isArray(p.output) ? p.output.find((o) => typeof o === "string") : p.output;
        if (typeof url !== "string" || !url) throw malformed(VENDOR, "Replicate prediction status", "a succeeded prediction without an output URL");
        await this.download(cfg, url, out, opts.signal);
        return { state: "done", result: { url, downloaded: true } };
      },
    });
    // A result recorded by an earlier attempt: its file was in that attempt's temp dir.
    if (!(await fs.stat(out).catch(() => null))) await this.download(cfg, result.url, out, opts.signal);
    opts.onProgress?.(1);
    const made = await probe(out);
    const mv = made.streams.find((s) => s.codecType === "video");
    if (!mv?.width || !mv.height) throw malformed(VENDOR, "Replicate upscale", "the output is not a video");
    return { path: out, width: mv.width, height: mv.height, durationMs: made.durationMs, sizeBytes: made.sizeBytes };
  }

  /** The video as the model's input: inline under 1 MB, else uploaded to Replicate's files API. */
  private async videoInput(
    cfg: ReplicateConfig,
    input: string,
    call: (what: string, method: "POST", url: string, body: unknown) => Promise<{ json: unknown }>,
  ) {
    const bytes = await fs.readFile(input);
    if (bytes.length <= cfg.dataUriMaxBytes) return `data:video/mp4;base64,${bytes.toString("base64")}`;
    const form = new FormData();
    form.append("content", new Blob([new Uint8Array(bytes)], { type: "video/mp4" }), path.basename(input));
    form.append("metadata", new Blob([JSON.stringify({ source: "cinetwin-upscale" })], { type: "application/json" }));
    const res = await call("Replicate file upload", "POST", `${cfg.baseUrl}/v1/files`, form);
    const url = (res.json as { urls?: { get?: unknown } } | null)?.urls?.get;
    if (typeof url !== "string" || !url) throw malformed(VENDOR, "Replicate file upload", "no urls.get");
    return url;
  }

  private async download(cfg: ReplicateConfig, url: string, out: string, signal: AbortSignal | undefined) {
    try {
      await downloadToFile(url, {
        destPath: out,
        maxBytes: 4 * 1024 * 1024 * 1024,
        allowedTypes: ["video/*", "application/octet-stream"],
        timeoutMs: Math.max(cfg.timeoutMs, 10 * 60_000),
        signal,
      });
    } catch (e) {
      if (!(e instanceof OutboundError) || e.reason === "aborted") throw asCallerAbort(e, signal);
      const kind = e.reason === "timeout" ? "timeout" : e.retryable ? "retryable" : "permanent";
      throw new ProviderError(kind, VENDOR, `Replicate upscale: the output could not be downloaded (${e.reason}${e.status ? ` ${e.status}` : ""})`, {
        cause: e,
      });
    }
  }
}
