import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { callScope, runVendorJob, type PollResult, type ProviderCallOptions } from "../jobs";
import { isKeptFile, keepVendorFile, keptPath, releaseKept } from "../vendor-file";
import { malformed, ProviderError, vendorRequest } from "../vendor";
import { checkClip, fitClip } from "./fit-clip";
import type { MotionProvider, MotionRequest, MotionResult } from "./index";

const VENDOR = "ComfyUI";
const WHAT = "ComfyUI video";

/**
 * A ComfyUI server's HTTP API (server.py: the routes ComfyUI's own front end uses):
 * POST /upload/image (multipart `image`, `type`, `overwrite`) answers `{ name, subfolder, type }`;
 * POST /prompt `{ prompt, client_id }` answers `{ prompt_id, number, node_errors }`, or 400 with
 * `{ error: { type, message, details }, node_errors }`; GET /history/{prompt_id} answers `{}` until
 * the prompt has run, then `{ [prompt_id]: { outputs: { [node]: { images | gifs | videos: [{ filename,
 * subfolder, type }] } }, status: { status_str, completed, messages } } }`; GET /view?filename=&
 * subfolder=&type= serves an output file.
 */
export interface ComfyConfig {
  baseUrl: string;
  /** The API-format workflow JSON ("Export (API)" in ComfyUI's menu). */
  workflowPath: string;
  timeoutMs: number;
  pollIntervalMs: number;
  maxWaitMs: number;
}

const num = (v: string | undefined, dflt: number) => (Number(v) > 0 ? Number(v) : dflt);

export function comfyConfig(env: NodeJS.ProcessEnv = process.env): ComfyConfig {
  return {
    baseUrl: (env.COMFYUI_URL?.trim() || "http://127.0.0.1:8188").replace(/\/+$/, ""),
    workflowPath: env.COMFYUI_WORKFLOW?.trim() ?? "",
    timeoutMs: num(env.COMFYUI_TIMEOUT_MS, 60_000),
    pollIntervalMs: num(env.COMFYUI_POLL_INTERVAL_MS, 2_000),
    maxWaitMs: num(env.COMFYUI_MAX_WAIT_MS, 60 * 60_000),
  };
}

type WorkflowNode = { class_type?: unknown; inputs?: Record<string, unknown>; _meta?: { title?: unknown } };
type Workflow = Record<string, WorkflowNode>;

const title = (n: WorkflowNode) => (typeof n._meta?.title === "string" ? n._meta.title.trim().toLowerCase() : "");

/**
 * The workflow's image and prompt nodes. A node titled "cinetwin:image" / "cinetwin:prompt"
 * (rename it in ComfyUI before exporting) is used as it is; otherwise the image node is the
 * workflow's only LoadImage node, and the prompt node the text encoder (a node with a string
 * `text` input) that feeds a sampler's `positive` input, or the only one titled or wired otherwise
 * not as negative. Anything ambiguous is an error naming what to title.
 */
export function workflowNodes(wf: Workflow): { image: string; prompt: string } {
  const ids = Object.keys(wf);
  const titled = (t: string) => ids.find((id) => title(wf[id]) === t);
  const image =
    titled("cinetwin:image") ??
    only(
      ids.filter((id) => wf[id].class_type === "LoadImage"),
      "a LoadImage node",
      "cinetwin:image",
    );
  let prompt = titled("cinetwin:prompt");
  if (!prompt) {
    const encoders = ids.filter((id) => typeof wf[id].inputs?.text === "string");
    const linked = (key: string) =>
      new Set(
        ids.flatMap((id) => {
          const v = wf[id].inputs?.[key];
          return Array.isArray(v) && typeof v[0] === "string" ? [v[0]] : [];
        }),
      );
    const positive = linked("positive");
    const negative = linked("negative");
    const fed = encoders.filter((id) => positive.has(id));
    prompt =
      fed.length === 1
        ? fed[0]
        : only(
            encoders.filter((id) => !negative.has(id) && !title(wf[id]).includes("negative")),
            "a text prompt node",
            "cinetwin:prompt",
          );
  }
  return { image, prompt };
}

function only(ids: string[], what: string, hint: string): string {
  if (ids.length === 1) return ids[0];
  throw new ProviderError(
    "permanent",
    VENDOR,
    `${WHAT}: the workflow has ${ids.length ? "more than one" : "no"} ${what}; title the one to use "${hint}" in ComfyUI and export it again`,
  );
}

/**
 * Gives the workflow's video latent (a node with numeric width, height and length inputs: Wan's,
 * Hunyuan's, LTXV's image-to-video nodes) the frame's shape at the pixel count the workflow was
 * built for, in multiples of 16: a vertical story then gets a vertical clip instead of a landscape
 * one cropped to a third. Its length stays the workflow's (the model's own limit); fitClip fits it.
 */
export function shapeLatents(wf: Workflow, width: number, height: number): void {
  for (const node of Object.values(wf)) {
    const inp = node.inputs;
    if (!inp || typeof inp.width !== "number" || typeof inp.height !== "number" || typeof inp.length !== "number") continue;
    const area = inp.width * inp.height;
    const h = Math.max(16, Math.round(Math.sqrt((area * height) / width) / 16) * 16);
    inp.height = h;
    inp.width = Math.max(16, Math.round((h * width) / height / 16) * 16);
  }
}

async function readWorkflow(file: string): Promise<Workflow> {
  if (!file) throw new ProviderError("permanent", VENDOR, `${WHAT}: COMFYUI_WORKFLOW is not set (the path of a workflow exported in API format)`);
  let wf: unknown;
  try {
    wf = JSON.parse(await fs.readFile(file, "utf8"));
  } catch (e) {
    throw new ProviderError("permanent", VENDOR, `${WHAT}: cannot read the workflow ${file} (${(e as Error).message})`);
  }
  const ok = wf && typeof wf === "object" && !Array.isArray(wf) && Object.values(wf).every((n) => n && typeof n === "object" && "class_type" in n);
  if (!ok) throw new ProviderError("permanent", VENDOR, `${WHAT}: ${file} is not a workflow in API format (export it with "Export (API)")`);
  return wf as Workflow;
}

const VIDEO_EXT = /\.(mp4|webm|mov|mkv|gif)$/i;

/** The first video among a finished prompt's outputs (VHS Video Combine lists it under `gifs`, SaveVideo under `images`). */
function videoOutput(outputs: unknown): { filename: string; subfolder: string; type: string } | null {
  if (!outputs || typeof outputs !== "object") return null;
  for (const node of Object.values(outputs as Record<string, Record<string, unknown>>)) {
    for (const key of ["videos", "gifs", "images"]) {
      const list = node?.[key];
      if (!Array.isArray(list)) continue;
      for (const f of list as Array<Record<string, unknown>>) {
        if (typeof f?.filename === "string" && VIDEO_EXT.test(f.filename))
          return { filename: f.filename, subfolder: typeof f.subfolder === "string" ? f.subfolder : "", type: typeof f.type === "string" ? f.type : "output" };
      }
    }
  }
  return null;
}

/** What ComfyUI said went wrong: the execution_error message among the status messages. */
function executionError(status: { messages?: unknown } | undefined): string {
  const msgs = Array.isArray(status?.messages) ? (status.messages as unknown[]) : [];
  for (const m of msgs) {
    if (Array.isArray(m) && m[0] === "execution_error") {
      const d = m[1] as { exception_message?: unknown; node_type?: unknown } | undefined;
      if (typeof d?.exception_message === "string") return `${typeof d.node_type === "string" ? `${d.node_type}: ` : ""}${d.exception_message.trim()}`;
    }
  }
  return "the workflow failed";
}

/**
 * Animates a scene's still with the operator's own ComfyUI workflow (MOTION_PROVIDER=comfyui;
 * COMFYUI_URL, COMFYUI_WORKFLOW): the still is uploaded, put in the workflow's image node, the
 * motion prompt in its prompt node, and the prompt queued; its id is recorded so a restart polls
 * the same run. The video it saves is downloaded at once, kept, and fitted to the scene like fal's.
 * ComfyUI reports progress only on its websocket, so none is reported here.
 */
export class ComfyMotionProvider implements MotionProvider {
  readonly id = "comfyui";
  private readonly clientId = randomUUID();

  constructor(private readonly config: () => ComfyConfig = comfyConfig) {}

  async animate(req: MotionRequest, outPath: string, opts: ProviderCallOptions = {}): Promise<MotionResult> {
    const cfg = this.config();
    const scope = callScope(opts);
    const wf = await readWorkflow(cfg.workflowPath);
    const nodes = workflowNodes(wf);
    const still = await fs.readFile(req.imagePath);
    const call = (what: string, r: { method: "GET" | "POST"; url: string; body?: unknown }) =>
      vendorRequest({ vendor: VENDOR, what, ...r, timeoutMs: cfg.timeoutMs, signal: scope.signal });

    /** Whether the prompt is running or waiting: GET /queue answers `{ queue_running, queue_pending }`, each a list of [number, prompt_id, ...]. */
    const inQueue = async (id: string) => {
      const q = (await call(`${WHAT} queue status`, { method: "GET", url: `${cfg.baseUrl}/queue` })).json as Record<string, unknown> | null;
      const lists = [q?.queue_running, q?.queue_pending];
      if (!lists.every(Array.isArray)) throw malformed(VENDOR, `${WHAT} queue status`, "no queue_running / queue_pending");
      return (lists as unknown[][]).some((l) => l.some((item) => Array.isArray(item) && item[1] === id));
    };
    const result = await runVendorJob(scope, {
      vendor: VENDOR,
      model: path.basename(cfg.workflowPath),
      request: {
        workflow: createHash("sha256").update(JSON.stringify(wf)).digest("hex"),
        image: createHash("sha256").update(still).digest("hex"),
        prompt: req.motionPrompt,
        shape: [req.width, req.height],
      },
      pollIntervalMs: cfg.pollIntervalMs,
      maxWaitMs: cfg.maxWaitMs,
      submit: async () => {
        const form = new FormData();
        const name = `cinetwin-${createHash("sha256").update(still).digest("hex").slice(0, 16)}${path.extname(req.imagePath) || ".png"}`;
        form.append("image", new Blob([new Uint8Array(still)]), name);
        form.append("type", "input");
        form.append("overwrite", "true");
        const up = await call(`${WHAT} upload`, { method: "POST", url: `${cfg.baseUrl}/upload/image`, body: form });
        const uploaded = up.json as { name?: unknown; subfolder?: unknown } | null;
        if (typeof uploaded?.name !== "string" || !uploaded.name) throw malformed(VENDOR, `${WHAT} upload`, "no name");
        const prompt: Workflow = structuredClone(wf);
        prompt[nodes.image].inputs = {
          ...prompt[nodes.image].inputs,
          image: typeof uploaded.subfolder === "string" && uploaded.subfolder ? `${uploaded.subfolder}/${uploaded.name}` : uploaded.name,
        };
        prompt[nodes.prompt].inputs = { ...prompt[nodes.prompt].inputs, text: req.motionPrompt };
        shapeLatents(prompt, req.width, req.height);
        const res = await call(`${WHAT} queue`, { method: "POST", url: `${cfg.baseUrl}/prompt`, body: { prompt, client_id: this.clientId } });
        const id = (res.json as { prompt_id?: unknown } | null)?.prompt_id;
        if (typeof id !== "string" || !id) throw malformed(VENDOR, `${WHAT} queue`, "no prompt_id");
        return id;
      },
      poll: async (id): Promise<PollResult<Record<string, unknown>>> => {
        const what = `${WHAT} history`;
        const res = await call(what, { method: "GET", url: `${cfg.baseUrl}/history/${encodeURIComponent(id)}` });
        const all = res.json as Record<string, { outputs?: unknown; status?: { status_str?: unknown; completed?: unknown; messages?: unknown } }> | null;
        if (!all || typeof all !== "object" || Array.isArray(all)) throw malformed(VENDOR, what, "not an object");
        let entry = all[id];
        if (!entry) {
          if (await inQueue(id)) return { state: "pending", detail: "queued or running on ComfyUI" };
          // Not waiting and not in the history: finished between the two looks, or lost (ComfyUI restarted,
          // its history cleared). A lost prompt never finishes: failed, so the next attempt queues it again.
          entry = ((await call(what, { method: "GET", url: `${cfg.baseUrl}/history/${encodeURIComponent(id)}` })).json as typeof all)?.[id];
          if (!entry) return { state: "failed", reason: `${WHAT}: ComfyUI no longer knows prompt ${id} (was it restarted?)` };
        }
        if (entry.status?.status_str === "error") return { state: "failed", reason: `${WHAT}: ${executionError(entry.status)}` };
        if (entry.status && entry.status.completed === false) return { state: "pending", detail: "running on ComfyUI" };
        const file = videoOutput(entry.outputs);
        if (!file) throw malformed(VENDOR, what, "the finished prompt saved no video (add a Save Video or Video Combine node)");
        const query = new URLSearchParams({ filename: file.filename, subfolder: file.subfolder, type: file.type });
        const kept = await keepVendorFile(scope, `${cfg.baseUrl}/view?${query}`, {
          vendor: VENDOR,
          what: WHAT,
          ext: path.extname(file.filename).slice(1).toLowerCase() || "mp4",
          maxBytes: 512 * 1024 * 1024,
          allowedTypes: ["video/*", "image/gif", "application/octet-stream"],
          timeoutMs: Math.max(cfg.timeoutMs, 120_000),
          signal: scope.signal,
          check: (f) => checkClip(f, VENDOR, WHAT),
        });
        opts.onProgress?.(1);
        return { state: "done", result: kept };
      },
    });
    if (!isKeptFile(result)) throw malformed(VENDOR, WHAT, "the recorded result names no kept file");
    try {
      const { durationMs } = await fitClip(await keptPath(result), outPath, req, { signal: opts.signal });
      return { kind: "clip", path: outPath, durationMs, move: `comfyui:${path.basename(cfg.workflowPath, ".json")}` };
    } finally {
      await releaseKept(result);
    }
  }
}
