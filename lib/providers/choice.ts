/**
 * A provider as a workspace configured it (Settings > Providers), handed to the get*Provider
 * factories. Absent, a factory reads the operator's environment as before. The key is already
 * unsealed: this value lives on the server only and is never serialised to a page.
 */
export interface ProviderConfig {
  id: string;
  /** The model to ask for; null: the provider's env setting or default. */
  model: string | null;
  /** The workspace's own API root; null: the operator's (env) or the vendor's. Never trusted by the outbound guard. */
  baseUrl: string | null;
  apiKey: string | null;
}

/** The env variables a vendor's config reads its address and key from. */
export interface VendorVars {
  baseUrl?: string;
  /** Every variable the config may take the key from (a fallback such as OPENAI_API_KEY too). */
  apiKeys?: string[];
}

export const VENDOR_VARS = {
  openai: { baseUrl: "OPENAI_BASE_URL", apiKeys: ["OPENAI_API_KEY"] },
  transcribe: { baseUrl: "TRANSCRIBE_OPENAI_BASE_URL", apiKeys: ["TRANSCRIBE_OPENAI_API_KEY", "OPENAI_API_KEY"] },
  fal: { apiKeys: ["FAL_KEY"] },
  comfyui: { baseUrl: "COMFYUI_URL" },
  elevenlabs: { apiKeys: ["ELEVENLABS_API_KEY"] },
  heygen: { apiKeys: ["HEYGEN_API_KEY"] },
  replicate: { apiKeys: ["REPLICATE_API_TOKEN"] },
} satisfies Record<string, VendorVars>;

/**
 * The environment a vendor's config function reads, with the workspace's settings laid over the
 * operator's. A workspace base URL never receives the operator's key: with one, only the
 * workspace's own key (or none) is sent. Without one, the operator's address is used with the
 * workspace's key, else the operator's.
 */
export function configEnv(cfg: ProviderConfig | undefined, vars: VendorVars, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  if (!cfg) return env;
  const out: NodeJS.ProcessEnv = { ...env };
  if (cfg.baseUrl && vars.baseUrl) {
    out[vars.baseUrl] = cfg.baseUrl;
    for (const k of vars.apiKeys ?? []) out[k] = cfg.apiKey ?? "";
  } else if (cfg.apiKey) {
    for (const k of vars.apiKeys ?? []) out[k] = cfg.apiKey;
  }
  return out;
}

/** The model a workspace chose, as a constructor's optional argument (undefined keeps its default). */
export const chosenModel = (cfg: ProviderConfig | undefined) => cfg?.model ?? undefined;

/** The factory's id: the workspace's choice, else the env variable, else "local". */
export const chosenId = (cfg: ProviderConfig | undefined, envValue: string | undefined) => cfg?.id ?? ((envValue ?? "").trim().toLowerCase() || "local");
