import fs from "node:fs/promises";
import path from "node:path";
import { runFfmpeg } from "@/lib/media/ffmpeg";
import { buildCameraMoveArgs, frameCount, parseCameraMove } from "./camera-move";
import type { MotionProvider, MotionRequest, MotionResult } from "./index";

/** Offline motion: a camera move over the still, parsed from the prompt and rendered by ffmpeg. */
export class LocalMotionProvider implements MotionProvider {
  readonly id = "local";

  async animate(
    req: MotionRequest,
    outPath: string,
    opts: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {},
  ): Promise<MotionResult> {
    if (req.width % 2 || req.height % 2) throw new Error(`H.264 needs an even size, got ${req.width}x${req.height}`);
    const move = parseCameraMove(req.motionPrompt);
    const frames = frameCount(req.durationMs, req.fps);
    const durationMs = Math.round((frames * 1000) / req.fps);
    await fs.mkdir(path.dirname(outPath), { recursive: true });
    const args = buildCameraMoveArgs({ imagePath: req.imagePath, outPath, move, width: req.width, height: req.height, fps: req.fps, frames });
    await runFfmpeg(args, {
      signal: opts.signal,
      onProgress: opts.onProgress && ((ms) => opts.onProgress!(Math.min(1, ms / durationMs))),
    });
    return { path: outPath, durationMs, move };
  }
}
