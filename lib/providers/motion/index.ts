import type { CameraMove } from "./camera-move";
import { ComfyMotionProvider } from "./comfyui";
import { FalMotionProvider } from "./fal";
import { LocalMotionProvider } from "./local";
import type { ProviderCallOptions } from "@/lib/providers/jobs";

export type { CameraMove } from "./camera-move";
export { parseCameraMove } from "./camera-move";

/** A still to animate, the free-text camera direction, and the clip's exact length and format. */
export interface MotionRequest {
  imagePath: string;
  motionPrompt: string;
  durationMs: number;
  width: number;
  height: number;
  fps: number;
  /** The story's video model ("kling-2.6-pro"); a provider that knows the name uses that model, others ignore it. */
  model?: string | null;
}

/**
 * How a still becomes moving picture. A "camera" result is a camera move the timeline renderer
 * draws while it renders the scene (nothing is encoded here: render once); a "clip" is video a
 * provider made, which the timeline uses as a video track.
 */
export type MotionResult =
  | { kind: "camera"; move: CameraMove }
  | {
      kind: "clip";
      path: string;
      /** The clip's real length: whole frames, so it can differ from the request by under one frame. */
      durationMs: number;
      /** What to call the motion (the provider's model or "clip"); shown with the scene. */
      move: string;
    };

/** Decides a scene's motion; a provider that makes video writes it to `outPath`. */
export interface MotionProvider {
  readonly id: string;
  animate(req: MotionRequest, outPath: string, opts?: ProviderCallOptions): Promise<MotionResult>;
}

const PROVIDERS: Record<string, () => MotionProvider> = {
  local: () => new LocalMotionProvider(),
  fal: () => new FalMotionProvider(),
  comfyui: () => new ComfyMotionProvider(),
};

/**
 * The motion provider chosen by env MOTION_PROVIDER: "local" (default, an ffmpeg camera move),
 * "fal" (an image-to-video model on fal's queue; FAL_KEY, FAL_VIDEO_MODEL) or "comfyui" (the
 * operator's own workflow; COMFYUI_URL, COMFYUI_WORKFLOW).
 * An unknown value throws so a typo fails loudly.
 */
export function getMotionProvider(): MotionProvider {
  const id = (process.env.MOTION_PROVIDER ?? "").trim().toLowerCase() || "local";
  const make = PROVIDERS[id];
  if (!make) throw new Error(`Unknown MOTION_PROVIDER "${id}". Supported values: ${Object.keys(PROVIDERS).join(", ")}.`);
  return make();
}
