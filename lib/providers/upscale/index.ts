import { chosenId, configEnv, VENDOR_VARS, type ProviderConfig } from "@/lib/providers/choice";
import type { ProviderCallOptions } from "@/lib/providers/jobs";
import { LocalUpscaler } from "./local";
import { replicateConfig, ReplicateUpscaler } from "./replicate";

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

const PROVIDERS: Record<string, (cfg?: ProviderConfig) => UpscaleProvider> = {
  local: () => new LocalUpscaler(),
  replicate: (cfg) =>
    new ReplicateUpscaler(() => {
      const rc = replicateConfig(configEnv(cfg, VENDOR_VARS.replicate));
      return cfg?.model ? { ...rc, model: cfg.model } : rc;
    }),
};

/**
 * The upscaler chosen by env UPSCALE_PROVIDER (default "local": ffmpeg lanczos + sharpen). Throws
 * on an unknown value so a typo fails the first upscale instead of silently using another one.
 */
export function getUpscaleProvider(cfg?: ProviderConfig): UpscaleProvider {
  const id = chosenId(cfg, process.env.UPSCALE_PROVIDER);
  const make = PROVIDERS[id];
  if (!make) throw new Error(`Unknown UPSCALE_PROVIDER "${id}". Supported values: ${Object.keys(PROVIDERS).join(", ")}.`);
  return make(cfg);
}
