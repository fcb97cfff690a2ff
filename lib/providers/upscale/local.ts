import { upscaleVideo } from "@/lib/render/upscale";
import type { ProviderCallOptions } from "@/lib/providers/jobs";
import type { UpscaleProvider, UpscaleResult } from "./index";

/** Offline: ffmpeg lanczos + unsharp to twice the size (capped at 4K), audio copied. */
export class LocalUpscaler implements UpscaleProvider {
  readonly id = "local";

  upscale(input: string, out: string, opts: ProviderCallOptions = {}): Promise<UpscaleResult> {
    return upscaleVideo(input, out, { mode: "2x", signal: opts.signal, onProgress: opts.onProgress });
  }
}
