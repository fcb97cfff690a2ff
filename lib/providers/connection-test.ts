import type { Capability } from "@/lib/validation/provider-settings";
import { configEnv, VENDOR_VARS, type ProviderConfig } from "./choice";
import { elevenLabsConfig } from "./elevenlabs/client";
import { falConfig } from "./fal/client";
import { comfyConfig } from "./motion/comfyui";
import { openAIConfig } from "./openai/client";
import { heyGenConfig } from "./talking-head/heygen";
import { replicateConfig } from "./upscale/replicate";
import { isProviderError, vendorRequest } from "./vendor";

export type ConnectionResult = { ok: true; message: string } | { ok: false; message: string };

const TIMEOUT_MS = 10_000;

/** One cheap authenticated GET per vendor: it costs nothing and proves the address and the key. */
function probeFor(capability: Capability, cfg: ProviderConfig): { vendor: string; url: string; headers: Record<string, string>; okStatuses?: number[] } | null {
  switch (cfg.id) {
    case "openai": {
      if (capability === "transcription") {
        const env = configEnv(cfg, VENDOR_VARS.transcribe);
        const base = (env.TRANSCRIBE_OPENAI_BASE_URL?.trim() || env.OPENAI_BASE_URL?.trim() || "https://api.openai.com/v1").replace(/\/+$/, "");
        const key = env.TRANSCRIBE_OPENAI_API_KEY?.trim() || env.OPENAI_API_KEY?.trim();
        return { vendor: "OpenAI", url: `${base}/models`, headers: key ? { Authorization: `Bearer ${key}` } : {} };
      }
      const c = openAIConfig(configEnv(cfg, VENDOR_VARS.openai));
      return { vendor: "OpenAI", url: `${c.baseUrl}/models`, headers: c.apiKey ? { Authorization: `Bearer ${c.apiKey}` } : {} };
    }
    case "fal": {
      // fal has no account endpoint on its queue: the status of an unknown request is 404 with a
      // good key and 401 without one, and nothing runs.
      const c = falConfig(configEnv(cfg, VENDOR_VARS.fal));
      return {
        vendor: "fal",
        url: `${c.queueUrl}/fal-ai/flux/requests/00000000-0000-0000-0000-000000000000/status`,
        headers: { Authorization: `Key ${c.key ?? ""}` },
        okStatuses: [404],
      };
    }
    case "comfyui":
      return { vendor: "ComfyUI", url: `${comfyConfig(configEnv(cfg, VENDOR_VARS.comfyui)).baseUrl}/queue`, headers: {} };
    case "elevenlabs": {
      const c = elevenLabsConfig(configEnv(cfg, VENDOR_VARS.elevenlabs));
      return { vendor: "ElevenLabs", url: `${c.baseUrl}/v1/user`, headers: { "xi-api-key": c.apiKey ?? "" } };
    }
    case "heygen": {
      const c = heyGenConfig(configEnv(cfg, VENDOR_VARS.heygen));
      return { vendor: "HeyGen", url: `${c.baseUrl}/v2/user/remaining_quota`, headers: { "X-Api-Key": c.apiKey ?? "" } };
    }
    case "replicate": {
      const c = replicateConfig(configEnv(cfg, VENDOR_VARS.replicate));
      return { vendor: "Replicate", url: `${c.baseUrl}/v1/account`, headers: { Authorization: `Bearer ${c.token ?? ""}` } };
    }
    default:
      return null;
  }
}

/**
 * Asks the configured vendor one cheap authenticated question. The request goes through the
 * outbound guard like every vendor call, so a workspace's base URL to a private address is
 * refused here as it would be when a scene is made. The answer is "OK" or the vendor's words.
 */
export async function testProviderConnection(capability: Capability, cfg: ProviderConfig, signal?: AbortSignal): Promise<ConnectionResult> {
  const probe = probeFor(capability, cfg);
  if (!probe) return { ok: true, message: "The local provider runs offline: nothing to connect to" };
  try {
    await vendorRequest({
      vendor: probe.vendor,
      what: `${probe.vendor} connection test`,
      method: "GET",
      url: probe.url,
      headers: probe.headers,
      timeoutMs: TIMEOUT_MS,
      signal,
    });
    return { ok: true, message: `OK: ${probe.vendor} answered` };
  } catch (e) {
    if (isProviderError(e) && e.status !== undefined && probe.okStatuses?.includes(e.status))
      return { ok: true, message: `OK: ${probe.vendor} accepted the key` };
    if (isProviderError(e)) return { ok: false, message: e.message };
    throw e;
  }
}
