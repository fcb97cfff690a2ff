import { parseCameraMove } from "./camera-move";
import type { MotionProvider, MotionRequest, MotionResult } from "./index";

/**
 * Offline motion: a camera move over the still, parsed from the prompt. It encodes nothing: the
 * move becomes the image track's `motion` and is drawn once, when the scene's segment renders.
 */
export class LocalMotionProvider implements MotionProvider {
  readonly id = "local";

  async animate(req: MotionRequest): Promise<MotionResult> {
    return { kind: "camera", move: parseCameraMove(req.motionPrompt) };
  }
}
