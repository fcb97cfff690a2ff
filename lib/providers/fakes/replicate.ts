import fs from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { runFfmpeg } from "@/lib/media/ffmpeg";
import { listenLocal } from "@/lib/test/local-server";

/**
 * A local server speaking Replicate's HTTP API as its reference documents it, for the upscale
 * adapter's tests: Bearer auth; POST /v1/files (multipart `content`) answering a file with
 * urls.get; POST /v1/predictions {version, input} and POST /v1/models/{owner}/{name}/predictions
 * {input} answering 201 with a prediction; GET /v1/predictions/{id} moving starting -> processing
 * -> succeeded with the output's URL; errors as `{ title, detail, status }` (or `{ detail }`).
 * The model is a Real-ESRGAN video upscaler: `video_path` (a data URI or an uploaded file's URL)
 * in, a real MP4 at twice the size (ffmpeg) out, served from a delivery path like
 * replicate.delivery. Knobs: rateLimitNext (429s with Retry-After), refuse (a 422 on create),
 * hang, malformed (200s without the documented fields), failPrediction, pendingPolls (the polls
 * any prediction still answers starting/processing).
 */
export interface FakeReplicate {
  url: string;
  state: {
    submits: number;
    polls: number;
    uploads: number;
    downloads: number;
    /** Each create's body and path, in order. */
    creates: Array<{ path: string; body: Record<string, unknown> }>;
    auths: string[];
  };
  knobs: { rateLimitNext: number; refuse: boolean; hang: boolean; malformed: boolean; failPrediction: boolean; pendingPolls: number };
  reset(): void;
  close(): Promise<void>;
}

const knobsOff = () => ({ rateLimitNext: 0, refuse: false, hang: false, malformed: false, failPrediction: false, pendingPolls: 2 });

export async function startFakeReplicate(opts: { token: string }): Promise<FakeReplicate> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "fake-replicate-"));
  const knobs = knobsOff();
  const state: FakeReplicate["state"] = { submits: 0, polls: 0, uploads: 0, downloads: 0, creates: [], auths: [] };
  const files = new Map<string, string>();
  const encodes = new Map<string, Promise<void>>();
  const predictions = new Map<string, { input: Record<string, unknown>; left: number; status: string; output: string | null; error: string | null }>();
  let base = "";

  const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
    res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
  const problem = (res: http.ServerResponse, status: number, title: string, detail: string, headers: Record<string, string> = {}) =>
    json(res, status, { title, detail, status }, headers);

  const view = (id: string) => {
    const p = predictions.get(id)!;
    return {
      id,
      model: "lucataco/real-esrgan-video",
      version: "c23768236472c41b7a121ee735c8073e29080c01b32907740cfada61bff75320",
      input: p.input,
      logs: "",
      output: p.output,
      data_removed: false,
      error: p.error,
      status: p.status,
      created_at: new Date().toISOString(),
      urls: { get: `${base}/v1/predictions/${id}`, cancel: `${base}/v1/predictions/${id}/cancel`, web: `https://replicate.com/p/${id}` },
      ...(p.status === "succeeded" ? { metrics: { predict_time: 1.5, total_time: 1.6 } } : {}),
    };
  };

  async function inputFile(videoPath: string, id: string): Promise<string | null> {
    const data = /^data:[\w/+.-]+;base64,(.*)$/s.exec(videoPath);
    if (data) {
      const file = path.join(dir, `${id}-in.mp4`);
      await fs.writeFile(file, Buffer.from(data[1], "base64"));
      return file;
    }
    const uploaded = /\/v1\/files\/([\w-]+)$/.exec(videoPath);
    return uploaded ? (files.get(uploaded[1]) ?? null) : null;
  }

  async function create(req: http.IncomingMessage, res: http.ServerResponse, route: string, raw: Buffer) {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw.toString("utf8")) as Record<string, unknown>;
    } catch {
      return problem(res, 400, "Bad request", "The request body is not valid JSON");
    }
    state.creates.push({ path: route, body });
    if (route === "/v1/predictions" && (typeof body.version !== "string" || !body.version))
      return problem(res, 422, "Invalid version or not permitted", "The specified version does not exist (or perhaps you don't have permission to use it?)");
    const input = body.input as Record<string, unknown> | undefined;
    if (knobs.refuse || !input || typeof input.video_path !== "string") return problem(res, 422, "Input validation failed", "- input: video_path is required");
    state.submits++;
    const id = `pred${state.submits}${Math.random().toString(36).slice(2, 8)}`;
    const file = await inputFile(input.video_path, id);
    if (!file) return problem(res, 422, "Input validation failed", "- input.video_path: could not read the file");
    predictions.set(id, { input: { ...input, video_path: file }, left: knobs.pendingPolls, status: "starting", output: null, error: null });
    if (knobs.malformed) return json(res, 201, { status: "starting" });
    json(res, 201, view(id));
  }

  async function poll(res: http.ServerResponse, id: string) {
    const p = predictions.get(id);
    if (!p) return problem(res, 404, "Not found", "Not found.");
    state.polls++;
    if (knobs.malformed) return json(res, 200, { id, hello: "world" });
    // pendingPolls bounds every prediction's remaining wait, so a test can let a running one finish.
    p.left = Math.min(p.left, knobs.pendingPolls);
    if (p.left > 0) {
      p.left--;
      p.status = p.left > 0 ? "starting" : "processing";
    } else if (p.status !== "succeeded" && p.status !== "failed") {
      if (knobs.failPrediction) Object.assign(p, { status: "failed", error: "CUDA out of memory" });
      else {
        // One encode a prediction, whole before it is served: a poll retried while it runs (a slow machine) waits for the same one.
        let making = encodes.get(id);
        if (!making) {
          const out = path.join(dir, `${id}-out.mp4`);
          const partial = path.join(dir, `${id}-partial.mp4`);
          const src = String(p.input.video_path);
          making = runFfmpeg([
            "-y",
            "-i",
            src,
            "-vf",
            "scale=iw*2:ih*2",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p",
            "-an",
            partial,
          ]).then(() => fs.rename(partial, out));
          encodes.set(id, making);
        }
        await making;
        Object.assign(p, { status: "succeeded", output: `${base}/delivery/${id}/output.mp4` });
      }
    }
    json(res, 200, view(id));
  }

  async function upload(req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer) {
    const form = await new Request("http://fake/v1/files", {
      method: "POST",
      headers: { "content-type": String(req.headers["content-type"] ?? "") },
      body: new Uint8Array(raw),
    })
      .formData()
      .catch(() => null);
    const content = form?.get("content");
    if (!content || typeof content === "string") return problem(res, 400, "Bad request", "content is required");
    state.uploads++;
    const id = `file${state.uploads}`;
    const file = path.join(dir, `${id}.bin`);
    await fs.writeFile(file, Buffer.from(await content.arrayBuffer()));
    files.set(id, file);
    json(res, 201, {
      id,
      name: content.name,
      content_type: content.type || "application/octet-stream",
      size: content.size,
      etag: id,
      checksums: {},
      metadata: {},
      created_at: new Date().toISOString(),
      expires_at: new Date(Date.now() + 86_400_000).toISOString(),
      urls: { get: `${base}/v1/files/${id}` },
    });
  }

  async function answer(req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer) {
    const route = (req.url ?? "").replace(/\?.*$/, "");
    const delivery = /^\/delivery\/([\w-]+)\/output\.mp4$/.exec(route);
    if (req.method === "GET" && delivery) {
      state.downloads++;
      const file = path.join(dir, `${delivery[1]}-out.mp4`);
      const bytes = await fs.readFile(file).catch(() => null);
      if (!bytes) return res.writeHead(404).end();
      return res.writeHead(200, { "content-type": "video/mp4", "content-length": String(bytes.length) }).end(bytes);
    }
    state.auths.push(String(req.headers.authorization));
    if (knobs.hang) return;
    if (req.headers.authorization !== `Bearer ${opts.token}`) return problem(res, 401, "Unauthenticated", "You did not pass a valid authentication token");
    if (knobs.rateLimitNext > 0) {
      knobs.rateLimitNext--;
      return problem(res, 429, "Request was throttled", "Request was throttled. Expected available in 1 second.", { "retry-after": "0" });
    }
    if (req.method === "POST" && route === "/v1/files") return upload(req, res, raw);
    if (req.method === "POST" && (route === "/v1/predictions" || /^\/v1\/models\/[\w.-]+\/[\w.-]+\/predictions$/.test(route)))
      return create(req, res, route, raw);
    const get = /^\/v1\/predictions\/([\w-]+)$/.exec(route);
    if (req.method === "GET" && get) return poll(res, get[1]);
    // GET /v1/account: who the token belongs to, the cheap call a connection test makes.
    if (req.method === "GET" && route === "/v1/account")
      return json(res, 200, { type: "user", username: "cinetwin-fake", name: "Cinetwin Fake", github_url: null });
    json(res, 404, { detail: "Not found." });
  }

  const handler: http.RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      answer(req, res, Buffer.concat(chunks)).catch((e: unknown) => problem(res, 500, "Internal Server Error", String(e)));
    });
  };
  const server = await listenLocal(handler);
  base = server.url;
  return {
    url: base,
    state,
    knobs,
    reset: () => {
      Object.assign(knobs, knobsOff());
      Object.assign(state, { submits: 0, polls: 0, uploads: 0, downloads: 0, creates: [], auths: [] });
    },
    close: async () => {
      await server.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
