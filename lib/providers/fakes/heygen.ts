import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { ffmpegBin } from "@/lib/media/ffmpeg";
import { listenLocal } from "@/lib/test/local-server";

/**
 * A local server speaking HeyGen's API as its reference documents it, for the adapter's tests:
 * the X-Api-Key header; uploads as raw bodies with their Content-Type (POST /v1/talking_photo
 * answering data.talking_photo_id, POST /v1/asset answering data.id); POST /v2/video/generate
 * (video_inputs of a character, avatar or talking_photo, and a voice, text or audio; dimension)
 * answering data.video_id; GET /v1/video_status.get?video_id= answering data.status pending,
 * processing or waiting, then completed with data.video_url (an MP4 this server serves) or failed
 * with data.error; errors as `{ error: { code, message }, data: null }`. Knobs: pendingPolls,
 * rateLimitNext, hang, malformed, failJob. Counts uploads, submits and polls.
 */
export interface FakeHeyGen {
  url: string;
  knobs: { pendingPolls: number; rateLimitNext: number; hang: boolean; malformed: boolean; failJob: boolean };
  counts: { uploads: number; submits: number; polls: number; downloads: number };
  /** Every generate request's body, in order. */
  generated: Array<Record<string, unknown>>;
  reset(): void;
  close(): Promise<void>;
}

export const FAKE_HEYGEN_AVATAR = "Angela-inTshirt-20220820";
export const FAKE_HEYGEN_VOICE = "1bd001e7e50f421d891986aad5158bc8";
/** How long the fake's video is, as video_status.get reports it. */
export const FAKE_HEYGEN_SECONDS = 1;

export const fakeHeyGenEnv = (fake: Pick<FakeHeyGen, "url">, apiKey: string) => ({
  HEYGEN_BASE_URL: fake.url,
  HEYGEN_UPLOAD_URL: fake.url,
  HEYGEN_API_KEY: apiKey,
  HEYGEN_TIMEOUT_MS: "5000",
  HEYGEN_POLL_MS: "10",
});

/** A real MP4 (a test card with a tone), made once with ffmpeg. */
async function makeMp4(): Promise<Buffer> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "fake-heygen-"));
  const out = path.join(dir, "video.mp4");
  const lavfi = ["-f", "lavfi", "-i", `testsrc=size=160x284:rate=25:duration=${FAKE_HEYGEN_SECONDS}`];
  const tone = ["-f", "lavfi", "-i", `sine=frequency=220:duration=${FAKE_HEYGEN_SECONDS}`];
  await promisify(execFile)(ffmpegBin(), ["-y", "-v", "error", ...lavfi, ...tone, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", out]);
  const bytes = await fs.readFile(out);
  await fs.rm(dir, { recursive: true, force: true });
  return bytes;
}

export async function startFakeHeyGen(opts: { apiKey: string }): Promise<FakeHeyGen> {
  const mp4 = await makeMp4();
  const knobs = { pendingPolls: 2, rateLimitNext: 0, hang: false, malformed: false, failJob: false };
  const counts = { uploads: 0, submits: 0, polls: 0, downloads: 0 };
  const generated: Array<Record<string, unknown>> = [];
  const photos = new Set<string>();
  const assets = new Set<string>();
  const jobs = new Map<string, number>();
  let next = 1;
  let base = "";
  const id = (prefix: string) => `${prefix}${String(next++).padStart(6, "0")}`;

  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
    res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
  const refuse = (res: http.ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}) =>
    send(res, status, { error: { code, message }, data: null }, headers);

  function answer(req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer) {
    const url = new URL(req.url ?? "/", "http://fake");
    const video = /^\/files\/(\w+)\.mp4$/.exec(url.pathname);
    if (req.method === "GET" && video) {
      counts.downloads++;
      return res.writeHead(200, { "content-type": "video/mp4", "content-length": String(mp4.length) }).end(mp4);
    }
    if (knobs.hang) return;
    if (req.headers["x-api-key"] !== opts.apiKey) return refuse(res, 401, "401028", "Unauthorized: the API key is invalid");
    if (knobs.rateLimitNext > 0) {
      knobs.rateLimitNext--;
      return refuse(res, 429, "rate_limit_exceeded", "Too many requests, please slow down", { "retry-after": "0" });
    }
    const type = String(req.headers["content-type"] ?? "").split(";")[0];
    if (req.method === "POST" && url.pathname === "/v1/talking_photo") {
      counts.uploads++;
      if (!["image/jpeg", "image/png"].includes(type) || raw.length === 0)
        return refuse(res, 400, "invalid_parameter", "asset data must be provided as image/jpeg or image/png");
      const photo = id("tp");
      photos.add(photo);
      return send(res, 200, { code: 100, data: { talking_photo_id: photo, talking_photo_url: `${base}/photos/${photo}.jpg` }, message: "Success" });
    }
    if (req.method === "POST" && url.pathname === "/v1/asset") {
      counts.uploads++;
      if (!["image/jpeg", "image/png", "audio/mpeg", "video/mp4", "video/webm"].includes(type) || raw.length === 0)
        return refuse(res, 400, "invalid_parameter", "asset data must be provided");
      const asset = id("asset");
      assets.add(asset);
      const fileType = type.split("/")[0] === "audio" ? "audio" : type.split("/")[0];
      return send(res, 200, { code: 100, data: { id: asset, name: asset, file_type: fileType, url: `${base}/assets/${asset}`, image_key: null } });
    }
    if (req.method === "POST" && url.pathname === "/v2/video/generate") return generate(res, raw);
    // GET /v2/user/remaining_quota: the credits left, the cheap call a connection test makes.
    if (req.method === "GET" && url.pathname === "/v2/user/remaining_quota")
      return send(res, 200, { error: null, data: { remaining_quota: 3600, details: { api: 3600 } } });
    if (req.method === "GET" && url.pathname === "/v1/video_status.get") return status(res, url.searchParams.get("video_id") ?? "");
    refuse(res, 404, "not_found", `${req.method} ${url.pathname} not found`);
  }

  function generate(res: http.ServerResponse, raw: Buffer) {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw.toString("utf8")) as Record<string, unknown>;
    } catch {
      return refuse(res, 400, "invalid_parameter", "the body is not JSON");
    }
    counts.submits++;
    generated.push(body);
    const inputs = body.video_inputs as Array<{ character?: Record<string, unknown>; voice?: Record<string, unknown> }> | undefined;
    if (!Array.isArray(inputs) || inputs.length < 1 || inputs.length > 50)
      return refuse(res, 400, "invalid_parameter", "video_inputs must hold 1 to 50 scenes");
    for (const { character: c, voice: v } of inputs) {
      if (c?.type === "avatar" && c.avatar_id !== FAKE_HEYGEN_AVATAR)
        return refuse(res, 400, "avatar_not_found", `Avatar ${String(c.avatar_id)} not found or no longer available`);
      if (c?.type === "talking_photo" && !photos.has(String(c.talking_photo_id))) return refuse(res, 400, "invalid_parameter", "talking_photo_id is invalid");
      if (c?.type !== "avatar" && c?.type !== "talking_photo") return refuse(res, 400, "invalid_parameter", "character.type must be avatar or talking_photo");
      if (v?.type === "text") {
        if (typeof v.input_text !== "string" || !v.input_text) return refuse(res, 400, "invalid_parameter", "voice.input_text is required");
        if (v.input_text.length > 1500) return refuse(res, 400, "invalid_parameter", "input_text exceeds 1500 characters");
        if (v.voice_id !== FAKE_HEYGEN_VOICE) return refuse(res, 400, "voice_not_found", `Voice ${String(v.voice_id)} not found`);
      } else if (v?.type === "audio") {
        if (!(typeof v.audio_url === "string" || assets.has(String(v.audio_asset_id))))
          return refuse(res, 400, "invalid_parameter", "voice needs audio_url or a valid audio_asset_id");
      } else return refuse(res, 400, "invalid_parameter", "voice.type must be text, audio or silence");
    }
    const dim = body.dimension as { width?: unknown; height?: unknown } | undefined;
    if (dim && !(Number.isInteger(dim.width) && Number.isInteger(dim.height))) return refuse(res, 400, "invalid_parameter", "dimension must be whole numbers");
    if (knobs.malformed) return send(res, 200, { error: null, data: {} });
    const video = id("video");
    jobs.set(video, knobs.pendingPolls);
    send(res, 200, { error: null, data: { video_id: video } });
  }

  function status(res: http.ServerResponse, video: string) {
    counts.polls++;
    if (!jobs.has(video)) return refuse(res, 404, "video_not_found", `Video ${video} not found`);
    const left = jobs.get(video)!;
    if (left > 0) {
      jobs.set(video, left - 1);
      return send(res, 200, { code: 100, data: { id: video, status: left > 1 ? "pending" : "processing", video_url: null, error: null }, message: "Success" });
    }
    if (knobs.failJob)
      return send(res, 200, {
        code: 100,
        data: {
          id: video,
          status: "failed",
          video_url: null,
          error: { code: 40119, message: "Face not detected", detail: "no face could be found in the talking photo" },
        },
        message: "Success",
      });
    send(res, 200, {
      code: 100,
      data: { id: video, status: "completed", video_url: `${base}/files/${video}.mp4`, thumbnail_url: null, duration: FAKE_HEYGEN_SECONDS, error: null },
      message: "Success",
    });
  }

  const handler: http.RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => answer(req, res, Buffer.concat(chunks)));
  };
  const server = await listenLocal(handler);
  base = server.url;
  return {
    url: base,
    knobs,
    counts,
    generated,
    reset: () => {
      Object.assign(knobs, { pendingPolls: 2, rateLimitNext: 0, hang: false, malformed: false, failJob: false });
      Object.assign(counts, { uploads: 0, submits: 0, polls: 0, downloads: 0 });
      generated.length = 0;
    },
    close: server.close,
  };
}
