import { randomUUID } from "node:crypto";
import http from "node:http";
import sharp from "sharp";
import { listenLocal } from "@/lib/test/local-server";
import { fakeClip } from "./clip";

/**
 * A local server speaking ComfyUI's HTTP API as its server.py serves it, for the adapter's tests:
 * POST /upload/image (multipart `image`, `type`, `subfolder`, `overwrite`) answers `{ name,
 * subfolder, type }`; POST /prompt `{ prompt, client_id }` checks the workflow (a LoadImage's image
 * must have been uploaded, a text input must be a string) and answers `{ prompt_id, number,
 * node_errors }` or 400 `{ error: { type, message, details, extra_info }, node_errors }`;
 * GET /history/{id} answers `{}` until the run is done, then its outputs (a Video Combine's `gifs`)
 * and status; GET /view serves the saved MP4. No auth, as ComfyUI has none.
 *
 * Knobs: rateLimitNext (429s, as a proxy in front would answer), hang, malformed (history
 * without the video), failJob (an execution_error), pendingPolls (history polls before done).
 */
export interface FakeComfy {
  url: string;
  uploads: number;
  submits: number;
  polls: number;
  /** Every queued workflow, in order. */
  prompts: Array<{ prompt: Record<string, { class_type: string; inputs: Record<string, unknown> }>; client_id: unknown }>;
  knobs: { rateLimitNext: number; hang: boolean; malformed: boolean; failJob: boolean; pendingPolls: number; onPoll?: () => void };
  /** Forgets every run, as a restarted ComfyUI does. */
  restart(): void;
  reset(): void;
  close(): Promise<void>;
}

export const fakeComfyEnv = (fake: Pick<FakeComfy, "url">, workflow: string) => ({
  COMFYUI_URL: fake.url,
  COMFYUI_WORKFLOW: workflow,
  COMFYUI_TIMEOUT_MS: "5000",
  COMFYUI_POLL_INTERVAL_MS: "5",
});

/** A Wan 2.x image-to-video workflow as ComfyUI exports it in API format (abridged to the nodes that matter). */
export const FAKE_WORKFLOW = {
  "6": { class_type: "CLIPTextEncode", inputs: { text: "a cat", clip: ["38", 0] }, _meta: { title: "CLIP Text Encode (Positive Prompt)" } },
  "7": { class_type: "CLIPTextEncode", inputs: { text: "blurry, static", clip: ["38", 0] }, _meta: { title: "CLIP Text Encode (Negative Prompt)" } },
  "38": { class_type: "CLIPLoader", inputs: { clip_name: "umt5_xxl_fp8_e4m3fn_scaled.safetensors", type: "wan" }, _meta: { title: "Load CLIP" } },
  "52": { class_type: "LoadImage", inputs: { image: "example.png" }, _meta: { title: "Load Image" } },
  "50": {
    class_type: "WanImageToVideo",
    inputs: { positive: ["6", 0], negative: ["7", 0], start_image: ["52", 0], width: 832, height: 480, length: 33, batch_size: 1 },
    _meta: { title: "WanImageToVideo" },
  },
  "3": {
    class_type: "KSampler",
    inputs: { seed: 1, steps: 20, cfg: 6, positive: ["50", 0], negative: ["50", 1], latent_image: ["50", 2] },
    _meta: { title: "KSampler" },
  },
  "30": {
    class_type: "VHS_VideoCombine",
    inputs: { frame_rate: 16, format: "video/h264-mp4", filename_prefix: "Wan", images: ["8", 0] },
    _meta: { title: "Video Combine" },
  },
};

interface Run {
  seen: number;
  file: string;
}

export async function startFakeComfy(): Promise<FakeComfy> {
  const knobs: FakeComfy["knobs"] = { rateLimitNext: 0, hang: false, malformed: false, failJob: false, pendingPolls: 2 };
  const uploaded = new Set<string>();
  const runs = new Map<string, Run>();
  /** Runs a restarted ComfyUI forgot: neither queued nor in the history. */
  const lost = new Set<string>();
  const fake = { uploads: 0, submits: 0, polls: 0, prompts: [] as FakeComfy["prompts"] };
  let number = 0;
  const handler: http.RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => void answer(req, res, Buffer.concat(chunks)).catch((e: Error) => json(res, 500, { error: e.message })));
  };
  const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
    res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));

  async function answer(req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer) {
    const url = new URL(req.url ?? "/", "http://fake");
    if (knobs.hang) return;
    if (knobs.rateLimitNext > 0) {
      knobs.rateLimitNext--;
      return res.writeHead(429, { "content-type": "text/plain", "retry-after": "0" }).end("Too Many Requests");
    }
    if (req.method === "POST" && url.pathname === "/upload/image") return upload(req, res, raw);
    if (req.method === "POST" && url.pathname === "/prompt") return queue(res, raw);
    const h = /^\/history\/([\w-]+)$/.exec(url.pathname);
    if (req.method === "GET" && h) return history(res, h[1]);
    if (req.method === "GET" && url.pathname === "/view") return view(res, url.searchParams);
    if (req.method === "GET" && url.pathname === "/queue") return queueState(res);
    res.writeHead(404, { "content-type": "text/plain" }).end("404: Not Found");
  }

  async function upload(req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer) {
    const form = await new Request("http://fake/upload/image", {
      method: "POST",
      headers: { "content-type": String(req.headers["content-type"]) },
      body: new Uint8Array(raw),
    })
      .formData()
      .catch(() => null);
    const image = form?.get("image");
    // server.py answers a bare 400 when the multipart has no image.
    if (!image || typeof image === "string") return res.writeHead(400).end();
    const meta = await sharp(Buffer.from(await image.arrayBuffer()))
      .metadata()
      .catch(() => null);
    if (!meta?.width) return res.writeHead(400).end();
    fake.uploads++;
    const sub = form?.get("subfolder");
    const subfolder = typeof sub === "string" ? sub : "";
    const name = image.name || "image.png";
    uploaded.add(subfolder ? `${subfolder}/${name}` : name);
    json(res, 200, { name, subfolder, type: form?.get("type") ?? "input" });
  }

  function queue(res: http.ServerResponse, raw: Buffer) {
    let body: { prompt?: Record<string, { class_type?: unknown; inputs?: Record<string, unknown> }>; client_id?: unknown };
    try {
      body = JSON.parse(raw.toString("utf8")) as typeof body;
    } catch {
      return json(res, 400, { error: { type: "invalid_prompt", message: "Invalid JSON", details: "", extra_info: {} }, node_errors: {} });
    }
    const prompt = body.prompt;
    if (!prompt || typeof prompt !== "object")
      return json(res, 400, { error: { type: "no_prompt", message: "No prompt provided", details: "No prompt provided", extra_info: {} }, node_errors: {} });
    fake.submits++;
    fake.prompts.push({ prompt: prompt as FakeComfy["prompts"][number]["prompt"], client_id: body.client_id });
    const nodeErrors: Record<string, unknown> = {};
    for (const [id, node] of Object.entries(prompt)) {
      const errors: object[] = [];
      if (node.class_type === "LoadImage" && !uploaded.has(String(node.inputs?.image)))
        errors.push({ type: "value_not_in_list", message: "Value not in list", details: `image: '${String(node.inputs?.image)}' not in list`, extra_info: {} });
      if (node.class_type === "CLIPTextEncode" && typeof node.inputs?.text !== "string")
        errors.push({ type: "required_input_missing", message: "Required input is missing", details: "text", extra_info: {} });
      if (errors.length) nodeErrors[id] = { errors, dependent_outputs: ["30"], class_type: node.class_type };
    }
    if (Object.keys(nodeErrors).length)
      return json(res, 400, {
        error: { type: "prompt_outputs_failed_validation", message: "Prompt outputs failed validation", details: "", extra_info: {} },
        node_errors: nodeErrors,
      });
    const id = randomUUID();
    runs.set(id, { seen: 0, file: `Wan_${String(++number).padStart(5, "0")}.mp4` });
    json(res, 200, { prompt_id: id, number, node_errors: {} });
  }

  /** GET /queue: the unfinished runs, as [number, prompt_id, prompt, extra_data, outputs_to_execute]. */
  function queueState(res: http.ServerResponse) {
    const waiting = [...runs.entries()].filter(([id, r]) => !lost.has(id) && r.seen < knobs.pendingPolls);
    const items = waiting.map(([id], i) => [i + 1, id, {}, { client_id: "x" }, ["30"]]);
    json(res, 200, { queue_running: items.slice(0, 1), queue_pending: items.slice(1) });
  }

  function history(res: http.ServerResponse, id: string) {
    fake.polls++;
    knobs.onPoll?.();
    const run = lost.has(id) ? undefined : runs.get(id);
    if (!run || run.seen < knobs.pendingPolls) {
      if (run) run.seen++;
      return json(res, 200, {});
    }
    const ts = Date.now();
    if (knobs.failJob)
      return json(res, 200, {
        [id]: {
          prompt: [number, id, {}, {}, ["30"]],
          outputs: {},
          status: {
            status_str: "error",
            completed: false,
            messages: [
              ["execution_start", { prompt_id: id, timestamp: ts }],
              [
                "execution_error",
                {
                  prompt_id: id,
                  node_id: "3",
                  node_type: "KSampler",
                  exception_message: "Allocation on device \n",
                  exception_type: "torch.OutOfMemoryError",
                  timestamp: ts,
                },
              ],
            ],
          },
          meta: {},
        },
      });
    const outputs = knobs.malformed
      ? { "30": { text: ["done"] } }
      : { "30": { gifs: [{ filename: run.file, subfolder: "", type: "output", format: "video/h264-mp4", frame_rate: 16, workflow: "Wan_00001.png" }] } };
    json(res, 200, {
      [id]: {
        prompt: [number, id, {}, {}, ["30"]],
        outputs,
        status: { status_str: "success", completed: true, messages: [["execution_success", { prompt_id: id, timestamp: ts }]] },
        meta: { "30": { node_id: "30", display_node: "30", parent_node: null, real_node_id: "30" } },
      },
    });
  }

  async function view(res: http.ServerResponse, q: URLSearchParams) {
    const name = q.get("filename") ?? "";
    const known = [...runs.values()].some((r) => r.file === name);
    if (!known || q.get("type") !== "output" || q.get("subfolder")) return res.writeHead(404).end();
    // Wan 2.x at 16 fps: 33 frames, about 2 s; small here to keep the tests quick.
    const clip = await fakeClip(2, 320, 180, 16);
    res.writeHead(200, { "content-type": "video/mp4", "content-length": String(clip.length) }).end(clip);
  }

  const server = await listenLocal(handler);
  return Object.assign(fake, {
    url: server.url,
    knobs,
    restart: () => {
      for (const id of runs.keys()) lost.add(id);
    },
    reset: () => {
      Object.assign(knobs, { rateLimitNext: 0, hang: false, malformed: false, failJob: false, pendingPolls: 2, onPoll: undefined });
      Object.assign(fake, { uploads: 0, submits: 0, polls: 0 });
      fake.prompts.length = 0;
    },
    close: server.close,
  });
}
