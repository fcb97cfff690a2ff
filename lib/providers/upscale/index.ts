import type { ProviderCallOptions } from "@/lib/providers/jobs";
import { LocalUpscaler } from "./local";
import { ReplicateUpscaler } from "./replicate";

/** The upscaled video as written to `out`, measured by ffprobe. */
export interface UpscaleResult {
  path: string;
  width: number;
  height: number;
  durationMs: number;
  sizeBytes: number;
}

/**
 * Doubles a video's size: `input` is read, never changed; the result is written to `out`.
 * Implementations honour the signal, report progress where they can, and record vendor calls
 * under the scope when one is given (a restart resumes the vendor's job).
 */
export interface UpscaleProvider {
  readonly id: string;
  upscale(input: string, out: string, opts?: ProviderCallOptions): Promise<UpscaleResult>;
}

const PROVIDERS: Record<string, () => UpscaleProvider> = {
  local: () => new LocalUpscaler(),
  replicate: () => new ReplicateUpscaler(),
};

/**
 * The upscaler chosen by env UPSCALE_PROVIDER (default "local": ffmpeg lanczos + sharpen). Throws
 * on an unknown value so a typo fails the first upscale instead of silently using another one.
 */
export function getUpscaleProvider(): UpscaleProvider {
  const id = (process.env.UPSCALE_PROVIDER ?? "").trim().toLowerCase() || "local";
  const make = PROVIDERS[id];
  if (!make) throw new Error(`Unknown UPSCALE_PROVIDER "${id}". Supported values: ${Object.keys(PROVIDERS).join(", ")}.`);
  return make();
}
