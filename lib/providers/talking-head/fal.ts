import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { probe, runFfmpeg } from "@/lib/media/ffmpeg";
import { callScope, type ProviderCallOptions } from "../jobs";
import { falConfig, runFalJob, FAL_VENDOR, type FalConfig } from "../fal/client";
import { falLipSyncModel, falLipSyncResolution } from "../fal/models";
import { photoDataUri } from "../image/fal";
import { fitClip } from "../motion/fit-clip";
import { isKeptFile, keptPath, releaseKept } from "../vendor-file";
import { keepFalVideo } from "../fal/keep-video";
import { malformed, ProviderError } from "../vendor";
import type { TalkingHeadProvider, TalkingHeadRequest, TalkingHeadResult } from "./index";

const WHAT = "fal lip-sync";
/** Fabric makes 25 fps; the renderer re-times the clip to the video's rate anyway. */
const FPS = 25;

/**
 * Lip-syncs the character's photo to the narration with a lip-sync model on fal's queue
 * (TALKING_HEAD_PROVIDER=fal; FAL_KEY; FAL_LIPSYNC_MODEL or the workspace's model, default VEED
 * Fabric 1.0, `veed/fabric-1.0`). The photo, cropped to the frame's shape so the model frames the
 * face as the clip will, and the narration as MP3 go inline as data URIs (nothing of ours has to
 * be reachable from the internet). The request id is recorded at submit, so a restart polls the
 * same request; the video is downloaded the moment it is done and kept in our storage (fal's URLs
 * expire), then fitted to the frame and the narration's length, with the narration as its sound.
 */
export class FalTalkingHeadProvider implements TalkingHeadProvider {
  readonly id = "fal";

  constructor(
    private readonly model = process.env.FAL_LIPSYNC_MODEL,
    private readonly config: () => FalConfig = falConfig,
  ) {}

  async render(req: TalkingHeadRequest, opts: ProviderCallOptions = {}): Promise<TalkingHeadResult> {
    if (!req.photoPath) throw new ProviderError("permanent", FAL_VENDOR, `${WHAT}: the character has no photo to lip-sync`);
    // Lip-sync models take speech as audio: text is spoken first, by the speech provider.
    if (!req.audioPath) throw new ProviderError("permanent", FAL_VENDOR, `${WHAT}: the line has no narration audio to lip-sync to`);
    const cfg = this.config();
    const scope = callScope(opts);
    const spec = falLipSyncModel(this.model);
    const resolution = falLipSyncResolution(spec, req.width, req.height);
    const { durationMs } = await probe(req.audioPath);
    const image = await photoDataUri(await framedPhoto(req));
    const audio = await narrationDataUri(req, opts.signal);
    const input: Record<string, unknown> = { image_url: image, audio_url: audio, ...(resolution ? { resolution: resolution.name } : {}) };
    const result = await runFalJob(
      scope,
      {
        model: spec.id,
        input,
        request: { ...input, image_url: digest(image), audio_url: digest(audio) },
        what: WHAT,
        onProgress: opts.onProgress,
        cost: () => (resolution?.usdPerSecond === undefined ? undefined : resolution.usdPerSecond * (durationMs / 1000)),
        complete: (output) => keepFalVideo(scope, output, { what: WHAT, maxBytes: 1024 * 1024 * 1024, timeoutMs: cfg.timeoutMs }),
      },
      cfg,
    );
    if (!isKeptFile(result)) throw malformed(FAL_VENDOR, WHAT, "the recorded result names no kept file");
    try {
      const fitted = path.join(req.workDir, `fal-lipsync-${path.basename(req.outPath)}`);
      const fit = await fitClip(await keptPath(result), fitted, { width: req.width, height: req.height, fps: FPS, durationMs }, { signal: opts.signal });
      await withNarration(fitted, req.audioPath, fit.durationMs, req.outPath, opts.signal);
      await fs.rm(fitted, { force: true });
      return { path: req.outPath, durationMs: fit.durationMs };
    } finally {
      await releaseKept(result);
    }
  }
}

const digest = (s: string) => `sha256:${createHash("sha256").update(s).digest("hex")}`;

/** The photo cropped to the frame's shape around what draws the eye (the face), so the clip needs no further crop. */
async function framedPhoto(req: TalkingHeadRequest): Promise<string> {
  const meta = await sharp(req.photoPath!).metadata();
  const turned = (meta.orientation ?? 1) >= 5;
  const pw = (turned ? meta.height : meta.width) ?? req.width;
  const ph = (turned ? meta.width : meta.height) ?? req.height;
  const frame = req.width / req.height;
  const [w, h] = pw / ph > frame ? [Math.round(ph * frame), ph] : [pw, Math.round(pw / frame)];
  const out = path.join(req.workDir, `fal-lipsync-photo-${path.basename(req.outPath)}.jpg`);
  await sharp(req.photoPath!)
    .rotate()
    .resize(Math.max(1, w), Math.max(1, h), { fit: "cover", position: sharp.strategy.attention })
    .flatten({ background: "#ffffff" })
    .jpeg({ quality: 92 })
    .toFile(out);
  return out;
}

/** The narration as an MP3 data URI: a format every lip-sync model takes, and small. */
async function narrationDataUri(req: TalkingHeadRequest, signal?: AbortSignal): Promise<string> {
  const mp3 = path.join(req.workDir, `fal-lipsync-narration-${path.basename(req.outPath)}.mp3`);
  await runFfmpeg(["-y", "-i", req.audioPath!, "-vn", "-ac", "1", "-ar", "44100", "-c:a", "libmp3lame", "-b:a", "128k", mp3], { signal });
  return `data:audio/mpeg;base64,${(await fs.readFile(mp3)).toString("base64")}`;
}

/** The fitted clip with the narration itself as its sound (not the model's re-encoding of it), padded to the clip's length. */
async function withNarration(video: string, audio: string, durationMs: number, out: string, signal?: AbortSignal) {
  await runFfmpeg(
    [
      "-y",
      ...["-i", video, "-i", audio],
      ...["-map", "0:v:0", "-map", "1:a:0", "-c:v", "copy"],
      ...["-af", "apad", "-c:a", "aac", "-b:a", "128k", "-t", (durationMs / 1000).toFixed(3), "-movflags", "+faststart"],
      out,
    ],
    { signal },
  );
}
