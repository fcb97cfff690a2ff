import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import type { ApiResponse } from "@/lib/net/api-request";
import { downloadToFile, OutboundError } from "@/lib/net/outbound";
import { probe, runFfmpeg } from "@/lib/media/ffmpeg";
import { storage } from "@/lib/storage/local";
import { callScope, runVendorJob, type PollResult, type ProviderCallOptions } from "../jobs";
import { asCallerAbort, malformed, ProviderError, vendorRequest } from "../vendor";
import type { TalkingHeadProvider, TalkingHeadRequest, TalkingHeadResult } from "./index";

const HEYGEN = "HeyGen";
const MAX_VIDEO_BYTES = 1024 * 1024 * 1024;

/**
 * HeyGen as the operator configures it: HEYGEN_API_KEY; HEYGEN_BASE_URL (default
 * https://api.heygen.com) and HEYGEN_UPLOAD_URL (default https://upload.heygen.com), operator
 * settings and so trusted; HEYGEN_AVATAR_ID, the avatar shown when a character has no photo;
 * HEYGEN_VOICE_ID, the voice that speaks text when the character's voice is not HeyGen's.
 */
export interface HeyGenConfig {
  baseUrl: string;
  uploadUrl: string;
  apiKey: string | null;
  avatarId: string | null;
  voiceId: string | null;
  timeoutMs: number;
  pollIntervalMs: number;
  maxWaitMs: number;
}

const num = (v: string | undefined, fallback: number) => (Number(v) > 0 ? Number(v) : fallback);
export function heyGenConfig(env: NodeJS.ProcessEnv = process.env): HeyGenConfig {
  const url = (v: string | undefined, fallback: string) => (v?.trim() || fallback).replace(/\/+$/, "");
  return {
    baseUrl: url(env.HEYGEN_BASE_URL, "https://api.heygen.com"),
    uploadUrl: url(env.HEYGEN_UPLOAD_URL, "https://upload.heygen.com"),
    apiKey: env.HEYGEN_API_KEY?.trim() || null,
    avatarId: env.HEYGEN_AVATAR_ID?.trim() || null,
    voiceId: env.HEYGEN_VOICE_ID?.trim() || null,
    timeoutMs: num(env.HEYGEN_TIMEOUT_MS, 120_000),
    pollIntervalMs: num(env.HEYGEN_POLL_MS, 10_000),
    maxWaitMs: num(env.HEYGEN_MAX_WAIT_MS, 30 * 60_000),
  };
}

/** One request with the X-Api-Key header; HeyGen's `{ error: { message } }` on a 2xx is a refusal too. */
async function heyGen(
  cfg: HeyGenConfig,
  req: { method: "GET" | "POST"; url: string; body?: unknown; contentType?: string; what: string; signal?: AbortSignal },
): Promise<ApiResponse> {
  if (!cfg.apiKey) throw new ProviderError("permanent", HEYGEN, `${req.what}: HEYGEN_API_KEY is not set`);
  const res = await vendorRequest({
    vendor: HEYGEN,
    what: req.what,
    method: req.method,
    url: req.url,
    headers: { "X-Api-Key": cfg.apiKey, ...(req.contentType ? { "Content-Type": req.contentType } : {}) },
    body: req.body,
    timeoutMs: cfg.timeoutMs,
    signal: req.signal,
  });
  const error = (res.json as { error?: { message?: unknown } | null } | null)?.error;
  if (error && typeof error.message === "string") throw new ProviderError("permanent", HEYGEN, `${req.what}: ${error.message}`, { status: res.status });
  return res;
}

type Rendered = { storageKey: string | null; durationMs: number };

/**
 * HeyGen's v2 video API: the character as a talking photo (the photo uploaded to
 * POST {upload}/v1/talking_photo) or a HeyGen avatar, speaking narration audio (uploaded to
 * POST {upload}/v1/asset) or text in a HeyGen voice; POST /v2/video/generate, then
 * GET /v1/video_status.get until done. Through runVendorJob: the video id is saved before any
 * polling, so a restart resumes the same video; the finished video is downloaded at once (its URL
 * expires) and, under a scope, kept in storage so the record holds our copy.
 */
export class HeyGenTalkingHeadProvider implements TalkingHeadProvider {
  readonly id = "heygen";

  constructor(private readonly config: () => HeyGenConfig = heyGenConfig) {}

  async render(req: TalkingHeadRequest, opts: ProviderCallOptions = {}): Promise<TalkingHeadResult> {
    const cfg = this.config();
    const scope = callScope(opts);
    const workspaceId = "db" in scope ? scope.workspaceId : null;
    const character = await this.characterSpec(cfg, req);
    const voice = await this.voiceSpec(cfg, req);
    const dimension = { width: req.width, height: req.height };
    let fresh = false;
    const what = "HeyGen video";
    const rendered = await runVendorJob<Rendered>(scope, {
      vendor: HEYGEN,
      model: "v2/video/generate",
      request: { character: character.key, voice: voice.key, dimension },
      pollIntervalMs: cfg.pollIntervalMs,
      maxWaitMs: cfg.maxWaitMs,
      submit: async () => {
        const video_inputs = [{ character: await character.make(scope.signal), voice: await voice.make(scope.signal) }];
        const res = await heyGen(cfg, {
          method: "POST",
          url: `${cfg.baseUrl}/v2/video/generate`,
          body: { video_inputs, dimension },
          what,
          signal: scope.signal,
        });
        const id = (res.json as { data?: { video_id?: unknown } | null } | null)?.data?.video_id;
        if (typeof id !== "string" || !id) throw malformed(HEYGEN, what, "no data.video_id");
        return id;
      },
      poll: async (videoId): Promise<PollResult<Rendered>> => {
        const url = `${cfg.baseUrl}/v1/video_status.get?video_id=${encodeURIComponent(videoId)}`;
        const res = await heyGen(cfg, { method: "GET", url, what: "HeyGen video status", signal: scope.signal });
        const d = (res.json as { data?: Record<string, unknown> | null } | null)?.data;
        const status = d?.status;
        if (status === "pending" || status === "processing" || status === "waiting") return { state: "pending", detail: status };
        if (status === "failed") return { state: "failed", reason: `HeyGen could not make the video: ${failureOf(d?.error)}` };
        if (status !== "completed" || typeof d?.video_url !== "string") throw malformed(HEYGEN, "HeyGen video status", `status ${String(status)}`);
        await this.download(cfg, d.video_url, req.outPath, scope.signal);
        fresh = true;
        const durationMs = typeof d.duration === "number" ? Math.round(d.duration * 1000) : (await probe(req.outPath)).durationMs;
        const storageKey = workspaceId ? await storage().put(workspaceId, "mp4", { path: req.outPath }) : null;
        return { state: "done", result: { storageKey, durationMs } };
      },
    });
    if (!fresh) {
      if (!rendered.storageKey) throw new Error("the recorded HeyGen video has no stored copy");
      await fs.copyFile(await storage().localPath(rendered.storageKey), req.outPath);
    }
    return { path: req.outPath, durationMs: rendered.durationMs };
  }

  /** Who appears: a HeyGen avatar asked for, else the photo as a talking photo, else HEYGEN_AVATAR_ID. */
  private async characterSpec(cfg: HeyGenConfig, req: TalkingHeadRequest) {
    const avatarId = req.avatarId ?? (req.photoPath ? null : cfg.avatarId);
    if (avatarId) return { key: { avatar_id: avatarId }, make: async () => ({ type: "avatar", avatar_id: avatarId, avatar_style: "normal" }) };
    if (!req.photoPath) throw new ProviderError("permanent", HEYGEN, "HeyGen video: the character has no photo and HEYGEN_AVATAR_ID is not set");
    // A JPEG whatever the photo was: the upload takes JPEG and PNG, and metadata stays here.
    const jpeg = await sharp(req.photoPath).rotate().flatten({ background: "#ffffff" }).jpeg({ quality: 92 }).toBuffer();
    return {
      key: { photo: sha256(await fs.readFile(req.photoPath)) },
      make: async (signal?: AbortSignal) => {
        const res = await heyGen(cfg, {
          method: "POST",
          url: `${cfg.uploadUrl}/v1/talking_photo`,
          body: jpeg,
          contentType: "image/jpeg",
          what: "HeyGen photo upload",
          signal,
        });
        const id = (res.json as { data?: { talking_photo_id?: unknown } | null } | null)?.data?.talking_photo_id;
        if (typeof id !== "string" || !id) throw malformed(HEYGEN, "HeyGen photo upload", "no data.talking_photo_id");
        return { type: "talking_photo", talking_photo_id: id };
      },
    };
  }

  /** What is said: the narration audio as an MP3 asset, else the text in a HeyGen voice. */
  private async voiceSpec(cfg: HeyGenConfig, req: TalkingHeadRequest) {
    if (req.audioPath) {
      const mp3 = path.join(req.workDir, "heygen-narration.mp3");
      await runFfmpeg(["-y", "-i", req.audioPath, "-vn", "-ac", "1", "-ar", "44100", "-c:a", "libmp3lame", "-b:a", "128k", mp3]);
      const bytes = await fs.readFile(mp3);
      return {
        key: { audio: sha256(await fs.readFile(req.audioPath)) },
        make: async (signal?: AbortSignal) => {
          const res = await heyGen(cfg, {
            method: "POST",
            url: `${cfg.uploadUrl}/v1/asset`,
            body: bytes,
            contentType: "audio/mpeg",
            what: "HeyGen audio upload",
            signal,
          });
          const id = (res.json as { data?: { id?: unknown } | null } | null)?.data?.id;
          if (typeof id !== "string" || !id) throw malformed(HEYGEN, "HeyGen audio upload", "no data.id");
          return { type: "audio", audio_asset_id: id };
        },
      };
    }
    const text = req.text?.trim();
    if (!text) throw new Error("a talking head needs narration audio or text");
    const voiceId = req.voice?.provider === "heygen" && req.voice.voiceId ? req.voice.voiceId : cfg.voiceId;
    if (!voiceId) throw new ProviderError("permanent", HEYGEN, "HeyGen video: HEYGEN_VOICE_ID is not set, and text needs a HeyGen voice");
    const spec = { type: "text", input_text: text, voice_id: voiceId };
    return { key: spec, make: async () => spec };
  }

  private async download(cfg: HeyGenConfig, url: string, dest: string, signal?: AbortSignal) {
    try {
      await fs.mkdir(path.dirname(dest), { recursive: true });
      await downloadToFile(url, {
        destPath: dest,
        maxBytes: MAX_VIDEO_BYTES,
        allowedTypes: ["video/mp4", "application/octet-stream"],
        timeoutMs: cfg.timeoutMs * 5,
        signal,
      });
    } catch (e) {
      if (!(e instanceof OutboundError) || e.reason === "aborted") throw asCallerAbort(e, signal);
      // A download that may work later is tried again by the poll loop; a refused one is final.
      throw new ProviderError(e.retryable ? "retryable" : "permanent", HEYGEN, `HeyGen video download: ${e.message}`, { cause: e });
    }
  }
}

function failureOf(error: unknown): string {
  const e = error as { message?: unknown; detail?: unknown } | null | undefined;
  const words = [e?.message, e?.detail].filter((w): w is string => typeof w === "string" && w.trim() !== "");
  return words.join(": ") || "no reason given";
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
