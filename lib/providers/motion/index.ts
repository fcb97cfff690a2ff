import type { CameraMove } from "./camera-move";
import { ComfyMotionProvider } from "./comfyui";
import { FalMotionProvider } from "./fal";
import { LocalMotionProvider } from "./local";
import { chosenId, chosenModel, configEnv, VENDOR_VARS, type ProviderConfig } from "@/lib/providers/choice";
import { falConfig } from "@/lib/providers/fal/client";
import type { ProviderCallOptions } from "@/lib/providers/jobs";
import { comfyConfig } from "./comfyui";

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

const PROVIDERS: Record<string, (cfg?: ProviderConfig) => MotionProvider> = {
  local: () => new LocalMotionProvider(),
  fal: (cfg) => new FalMotionProvider(chosenModel(cfg), () => falConfig(configEnv(cfg, VENDOR_VARS.fal))),
  comfyui: (cfg) => new ComfyMotionProvider(() => comfyConfig(configEnv(cfg, VENDOR_VARS.comfyui))),
};

/**
 * The motion provider chosen by env MOTION_PROVIDER: "local" (default, an ffmpeg camera move),
 * "fal" (an image-to-video model on fal's queue; FAL_KEY, FAL_VIDEO_MODEL) or "comfyui" (the
 * operator's own workflow; COMFYUI_URL, COMFYUI_WORKFLOW).
 * An unknown value throws so a typo fails loudly.
 */
export function getMotionProvider(cfg?: ProviderConfig): MotionProvider {
  const id = chosenId(cfg, process.env.MOTION_PROVIDER);
  const make = PROVIDERS[id];
  if (!make) throw new Error(`Unknown MOTION_PROVIDER "${id}". Supported values: ${Object.keys(PROVIDERS).join(", ")}.`);
  return make(cfg);
}
