import { createHash } from "node:crypto";
import { callScope, type ProviderCallOptions } from "../jobs";
import { falConfig, runFalJob, FAL_VENDOR, type FalConfig } from "../fal/client";
import { FAL_VIDEO_MODELS, falVideoModel, falVideoModelName, isFalModelName } from "../fal/models";
import { photoDataUri } from "../image/fal";
import { isKeptFile, keptPath, releaseKept } from "../vendor-file";
import { keepFalVideo } from "../fal/keep-video";
import { malformed } from "../vendor";
import { fitClip, MAX_SLOWDOWN } from "./fit-clip";
import type { MotionProvider, MotionRequest, MotionResult } from "./index";

const WHAT = "fal video";

/** What Kling is told to avoid, as fal's default says, plus what spoils a story's frame. */
const NEGATIVE_PROMPT = "blur, distort, and low quality, text, watermark";

/**
 * The clip length to ask for: the shortest the model makes that covers the scene, or that comes
 * within MAX_SLOWDOWN of it (fitClip slows it); past the longest, the longest (fitClip holds its end).
 */
export function falClipSeconds(durations: number[], sceneMs: number): number {
  const sorted = [...durations].sort((a, b) => a - b);
  return sorted.find((s) => s * 1000 * MAX_SLOWDOWN >= sceneMs) ?? sorted[sorted.length - 1];
}

/**
 * Animates a scene's still with an image-to-video model on fal's queue (MOTION_PROVIDER=fal;
 * FAL_VIDEO_MODEL, default Kling 2.6 Pro, `fal-ai/kling-video/v2.6/pro/image-to-video`). The still
 * goes inline as a data URI (fal takes one wherever it takes a file URL, so nothing of ours has to
 * be reachable from the internet). Kling's image-to-video takes no aspect ratio: the clip has the
 * still's shape, which is already the frame's. The clip is downloaded the moment the request
 * completes and kept in our storage, then fitted to the scene's size, frame rate and length.
 */
export class FalMotionProvider implements MotionProvider {
  readonly id = "fal";

  constructor(
    private readonly model = process.env.FAL_VIDEO_MODEL,
    private readonly config: () => FalConfig = falConfig,
  ) {}

  async animate(req: MotionRequest, outPath: string, opts: ProviderCallOptions = {}): Promise<MotionResult> {
    const cfg = this.config();
    const scope = callScope(opts);
    // The story's model when fal runs it (the Twin Actor API's "kling-2.6-pro"); else the operator's choice.
    const spec = falVideoModel(isFalModelName(req.model, FAL_VIDEO_MODELS) ? req.model : this.model);
    const still = await photoDataUri(req.imagePath);
    const seconds = falClipSeconds(spec.durations, req.durationMs);
    const input: Record<string, unknown> = {
      prompt: req.motionPrompt,
      [spec.image]: still,
      duration: String(seconds),
      negative_prompt: NEGATIVE_PROMPT,
      ...(spec.audioFlag ? { generate_audio: false } : {}),
    };
    const request = { ...input, [spec.image]: `sha256:${createHash("sha256").update(still).digest("hex")}` };
    const result = await runFalJob(
      scope,
      {
        model: spec.id,
        input,
        request,
        what: WHAT,
        onProgress: opts.onProgress,
        cost: () => (spec.usdPerSecond === undefined ? undefined : spec.usdPerSecond * seconds),
        complete: (output) => keepFalVideo(scope, output, { what: WHAT, maxBytes: 512 * 1024 * 1024, timeoutMs: cfg.timeoutMs }),
      },
      cfg,
    );
    if (!isKeptFile(result)) throw malformed(FAL_VENDOR, WHAT, "the recorded result names no kept file");
    try {
      const { durationMs } = await fitClip(await keptPath(result), outPath, req, { signal: opts.signal });
      return { kind: "clip", path: outPath, durationMs, move: falVideoModelName(spec) };
    } finally {
      await releaseKept(result);
    }
  }
}
