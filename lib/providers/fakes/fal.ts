import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { probe } from "@/lib/media/ffmpeg";
import { listenLocal } from "@/lib/test/local-server";
import { fakeClip } from "./clip";

/**
 * A local server speaking fal's queue API as docs.fal.ai documents it, for the adapters' tests:
 * `Authorization: Key <key>`; POST /{model_id} answers `{ request_id, response_url, status_url,
 * cancel_url }`; GET /{app}/requests/{id}/status answers IN_QUEUE (with queue_position), then
 * IN_PROGRESS (with logs when ?logs=1), then COMPLETED; GET /{app}/requests/{id} answers the
 * model's output, whose files it serves itself (real PNG and MP4 bytes). A request is only found
 * under its app ("fal-ai/flux", not "fal-ai/flux/dev"). Inputs are checked as the models' schemas
 * say, refusals answered as FastAPI's 422 `{ detail: [{ loc, msg, type }] }`. VEED Fabric
 * (`veed/fabric-1.0`, `/fast`) lip-syncs: `image_url`, `audio_url` (mp3, ogg, wav, m4a, aac) and
 * `resolution` ("480p" | "720p") required; its video has the photo's shape at that resolution,
 * the audio's length, and sound.
 *
 * Knobs: rateLimitNext (429s with Retry-After), hang (never answers), malformed (a result without
 * its files), failJob (the request completes with an error), pendingPolls (polls before done).
 */
export interface FakeFal {
  url: string;
  submits: number;
  polls: number;
  /** Every submitted input, in order, with the model it was sent to. */
  inputs: Array<{ model: string; input: Record<string, unknown>; auth: string | undefined }>;
  knobs: { rateLimitNext: number; hang: boolean; malformed: boolean; failJob: boolean; pendingPolls: number; onPoll?: () => void };
  /** Forgets every request, as fal does once a request's results expire. */
  forget(): void;
  reset(): void;
  close(): Promise<void>;
}

export const fakeFalEnv = (fake: Pick<FakeFal, "url">, key: string) => ({
  FAL_QUEUE_URL: fake.url,
  FAL_KEY: key,
  FAL_TIMEOUT_MS: "5000",
  FAL_POLL_INTERVAL_MS: "5",
});

interface Job {
  model: string;
  app: string;
  input: Record<string, unknown>;
  /** For a lip-sync request: the audio's length and the photo's shape. */
  lipSync?: { seconds: number; aspect: number };
  /** Status polls answered "not done" so far; done once it reaches knobs.pendingPolls (read live). */
  seen: number;
}

const missing = (field: string) => ({ loc: ["body", field], msg: "field required", type: "value_error.missing" });

async function imageMeta(v: string) {
  const m = /^data:image\/[\w.+-]+;base64,(.+)$/.exec(v);
  return m
    ? await sharp(Buffer.from(m[1], "base64"))
        .metadata()
        .catch(() => null)
    : null;
}

/** A data URI or an http(s) URL, as fal takes files; a data URI must hold a picture (Kling's at least 300 px a side). */
async function imageProblem(field: string, v: unknown, minSide = 300): Promise<object | null> {
  if (typeof v !== "string" || !v) return missing(field);
  if (/^https?:\/\//.test(v)) return null;
  const meta = await imageMeta(v);
  if (!meta?.width) return { loc: ["body", field], msg: "Could not load the image from the given URL or data URI", type: "image_load_error" };
  if (meta.width < minSide || (meta.height ?? 0) < minSide)
    return { loc: ["body", field], msg: `Image must be at least ${minSide}x${minSide} pixels`, type: "value_error" };
  return null;
}

const AUDIO_TYPES = /^data:audio\/(mpeg|mp3|ogg|wav|x-wav|wave|mp4|m4a|x-m4a|aac);base64,(.+)$/;

/** The seconds of audio a data URI holds, or the refusal; an http(s) URL is taken as 3 s (the fake fetches nothing). */
async function audioOf(field: string, v: unknown): Promise<{ seconds: number } | { problem: object }> {
  if (typeof v !== "string" || !v) return { problem: missing(field) };
  if (/^https?:\/\//.test(v)) return { seconds: 3 };
  const m = AUDIO_TYPES.exec(v);
  if (!m) return { problem: { loc: ["body", field], msg: "Unsupported audio format; accepted: mp3, ogg, wav, m4a, aac", type: "value_error" } };
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "fake-fal-audio-"));
  try {
    const file = path.join(dir, "audio");
    await fs.writeFile(file, Buffer.from(m[2], "base64"));
    const info = await probe(file).catch(() => null);
    if (!info?.streams.some((st) => st.codecType === "audio") || info.durationMs <= 0)
      return { problem: { loc: ["body", field], msg: "Could not load the audio from the given URL or data URI", type: "audio_load_error" } };
    return { seconds: info.durationMs / 1000 };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

const FABRIC_RESOLUTIONS: Record<string, number> = { "480p": 480, "720p": 720 };

/** Fabric's input: the problems, and what the video will be (the audio's length, the photo's shape). */
async function fabricInput(input: Record<string, unknown>): Promise<{ problems: object[]; lipSync?: Job["lipSync"] }> {
  const problems: object[] = [];
  const image = await imageProblem("image_url", input.image_url, 1);
  if (image) problems.push(image);
  const audio = await audioOf("audio_url", input.audio_url);
  if ("problem" in audio) problems.push(audio.problem);
  if (input.resolution === undefined) problems.push(missing("resolution"));
  else if (typeof input.resolution !== "string" || !(input.resolution in FABRIC_RESOLUTIONS))
    problems.push({ loc: ["body", "resolution"], msg: "value is not a valid enumeration member; permitted: '720p', '480p'", type: "type_error.enum" });
  if (problems.length || "problem" in audio) return { problems };
  const meta = typeof input.image_url === "string" ? await imageMeta(input.image_url) : null;
  return { problems, lipSync: { seconds: audio.seconds, aspect: meta?.width && meta.height ? meta.width / meta.height : 1 } };
}

export async function startFakeFal(opts: { key?: string } = {}): Promise<FakeFal> {
  const knobs: FakeFal["knobs"] = { rateLimitNext: 0, hang: false, malformed: false, failJob: false, pendingPolls: 2 };
  const jobs = new Map<string, Job>();
  const fake = { submits: 0, polls: 0, inputs: [] as FakeFal["inputs"] };
  let base = "";
  const handler: http.RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => void answer(req, res, Buffer.concat(chunks)).catch((e: Error) => json(res, 500, { detail: e.message })));
  };
  const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
    res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));

  async function answer(req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer) {
    const url = new URL(req.url ?? "/", "http://fake");
    const p = url.pathname.replace(/^\/+/, "");
    if (knobs.hang) return;
    // Files: what fal's CDN serves; no key needed.
    const file = /^files\/([\w-]+)\.(png|mp4)$/.exec(p);
    if (req.method === "GET" && file) return serveFile(res, file[1], file[2]);
    if (opts.key && req.headers.authorization !== `Key ${opts.key}`) return json(res, 401, { detail: "Invalid API key" });
    if (knobs.rateLimitNext > 0) {
      knobs.rateLimitNext--;
      return json(res, 429, { detail: "Rate limit exceeded" }, { "retry-after": "0" });
    }
    const r = /^(.+?)\/requests\/([\w-]+)(\/status)?$/.exec(p);
    if (req.method === "GET" && r) {
      const job = jobs.get(r[2]);
      if (!job || job.app !== r[1]) return json(res, 404, { detail: "Request not found" });
      return r[3] ? status(res, r[2], job, url.searchParams.get("logs") === "1") : result(res, r[2], job);
    }
    if (req.method === "POST" && !r) return submit(req, res, p, raw);
    json(res, 404, { detail: "Not Found" });
  }

  async function submit(req: http.IncomingMessage, res: http.ServerResponse, model: string, raw: Buffer) {
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(raw.toString("utf8")) as Record<string, unknown>;
    } catch {
      return json(res, 422, { detail: [{ loc: ["body"], msg: "Invalid JSON", type: "value_error.jsondecode" }] });
    }
    fake.submits++;
    fake.inputs.push({ model, input, auth: req.headers.authorization });
    const problems: object[] = [];
    let lipSync: Job["lipSync"];
    const promptProblem = () => (typeof input.prompt !== "string" || !input.prompt.trim() ? [missing("prompt")] : []);
    if (/^veed\/fabric-1\.0(\/fast)?$/.test(model)) {
      const fabric = await fabricInput(input);
      problems.push(...fabric.problems);
      lipSync = fabric.lipSync;
    } else if (/^fal-ai\/kling-video\//.test(model)) {
      problems.push(...promptProblem());
      const field = /\/v(2\.[6-9]|[3-9])/.test(model) ? "start_image_url" : "image_url";
      const bad = await imageProblem(field, input[field]);
      if (bad) problems.push(bad);
      if (input.duration !== undefined && input.duration !== "5" && input.duration !== "10")
        problems.push({ loc: ["body", "duration"], msg: "unexpected value; permitted: '5', '10'", type: "value_error.const" });
    } else if (/^fal-ai\/flux/.test(model)) {
      problems.push(...promptProblem());
      const size = input.image_size as { width?: unknown; height?: unknown } | undefined;
      if (size !== undefined && (typeof size !== "object" || !Number.isInteger(size.width) || !Number.isInteger(size.height)))
        problems.push({ loc: ["body", "image_size"], msg: "value is not a valid dict", type: "type_error.dict" });
      if (/kontext$|kontext\/max$/.test(model)) {
        const bad = await imageProblem("image_url", input.image_url);
        if (bad) problems.push(bad);
      }
    } else return json(res, 404, { detail: `Application '${model}' not found` });
    if (problems.length) return json(res, 422, { detail: problems });
    const id = randomUUID();
    const app = model.split("/").slice(0, 2).join("/");
    jobs.set(id, { model, app, input, lipSync, seen: 0 });
    const at = `${base}/${app}/requests/${id}`;
    json(res, 200, { request_id: id, response_url: at, status_url: `${at}/status`, cancel_url: `${at}/cancel` });
  }

  function status(res: http.ServerResponse, id: string, job: Job, logs: boolean) {
    fake.polls++;
    knobs.onPoll?.();
    const at = `${base}/${job.app}/requests/${id}`;
    if (job.seen < knobs.pendingPolls) {
      job.seen++;
      if (job.seen === 1) return json(res, 200, { status: "IN_QUEUE", queue_position: 0, response_url: at });
      return json(res, 200, {
        status: "IN_PROGRESS",
        response_url: at,
        logs: logs ? [{ message: "Generating... 50%", level: "INFO", source: "user", timestamp: new Date().toISOString() }] : null,
      });
    }
    if (knobs.failJob)
      return json(res, 200, { status: "COMPLETED", response_url: at, logs: null, error: "The model could not process the image", error_type: "runner_error" });
    json(res, 200, { status: "COMPLETED", response_url: at, logs: null, metrics: { inference_time: 1.5 } });
  }

  const sizes = new Map<string, { w: number; h: number; seconds: number; sound?: boolean }>();
  function result(res: http.ServerResponse, id: string, job: Job) {
    if (job.seen < knobs.pendingPolls) return json(res, 400, { detail: "Request is still in progress" });
    if (knobs.failJob) return json(res, 422, { detail: "The model could not process the image" });
    if (knobs.malformed) return json(res, 200, { seed: 1, prompt: job.input.prompt });
    if (job.lipSync) {
      // The photo's shape at the asked resolution (its short side), even-sized as H.264 wants.
      const short = FABRIC_RESOLUTIONS[job.input.resolution as string];
      const [w, h] = job.lipSync.aspect >= 1 ? [short * job.lipSync.aspect, short] : [short, short / job.lipSync.aspect];
      sizes.set(id, { w: Math.round(w / 2) * 2, h: Math.round(h / 2) * 2, seconds: job.lipSync.seconds, sound: true });
      return json(res, 200, { video: { url: `${base}/files/${id}.mp4`, content_type: "video/mp4", file_name: "output.mp4", file_size: 1000 } });
    }
    if (/^fal-ai\/kling-video\//.test(job.model)) {
      // Kling's clip has the still's shape; small here, to keep the tests quick.
      sizes.set(id, { w: 320, h: 180, seconds: Number(job.input.duration ?? 5) });
      return json(res, 200, { video: { url: `${base}/files/${id}.mp4`, content_type: "video/mp4", file_name: "output.mp4", file_size: 1000 } });
    }
    const size = job.input.image_size as { width: number; height: number } | undefined;
    const [w, h] = size ? [size.width, size.height] : aspectSize(typeof job.input.aspect_ratio === "string" ? job.input.aspect_ratio : "1:1");
    sizes.set(id, { w, h, seconds: 0 });
    json(res, 200, {
      images: [{ url: `${base}/files/${id}.png`, width: w, height: h, content_type: "image/png" }],
      seed: job.input.seed ?? 42,
      has_nsfw_concepts: [false],
      prompt: job.input.prompt,
    });
  }

  async function serveFile(res: http.ServerResponse, id: string, ext: string) {
    const size = sizes.get(id);
    if (!size) return json(res, 404, { detail: "Not Found" });
    if (ext === "mp4") {
      const clip = await fakeClip(size.seconds, size.w, size.h, size.sound ? 25 : 12, { sound: size.sound });
      return res.writeHead(200, { "content-type": "video/mp4", "content-length": String(clip.length) }).end(clip);
    }
    const png = await sharp({ create: { width: size.w, height: size.h, channels: 3, background: "#3a7" } })
      .png()
      .toBuffer();
    res.writeHead(200, { "content-type": "image/png", "content-length": String(png.length) }).end(png);
  }

  const server = await listenLocal(handler);
  base = server.url;
  return Object.assign(fake, {
    url: base,
    knobs,
    forget: () => jobs.clear(),
    reset: () => {
      Object.assign(knobs, { rateLimitNext: 0, hang: false, malformed: false, failJob: false, pendingPolls: 2, onPoll: undefined });
      Object.assign(fake, { submits: 0, polls: 0 });
      fake.inputs.length = 0;
    },
    close: server.close,
  });
}

/** A ~1 MP picture of an aspect ratio, as FLUX Kontext answers one. */
function aspectSize(ratio: string): [number, number] {
  const [a, b] = ratio.split(":").map(Number);
  const h = Math.round(Math.sqrt((1024 * 1024 * b) / a) / 16) * 16;
  return [Math.round((h * a) / b / 16) * 16, h];
}
