import { z } from "zod";

/** What a workspace picks a provider for; one settings row each. */
export const capabilities = ["story", "image", "motion", "speech", "voice-clone", "transcription", "talking-head", "upscale"] as const;
export type Capability = (typeof capabilities)[number];

export const vendorIds = ["local", "openai", "fal", "comfyui", "elevenlabs", "heygen", "replicate"] as const;
export type VendorId = (typeof vendorIds)[number];

/** The providers each capability supports, "local" (offline, free) first. */
export const capabilityVendors: Record<Capability, readonly VendorId[]> = {
  story: ["local", "openai"],
  image: ["local", "openai", "fal"],
  motion: ["local", "fal", "comfyui"],
  speech: ["local", "openai", "elevenlabs"],
  "voice-clone": ["local", "elevenlabs"],
  transcription: ["local", "openai"],
  "talking-head": ["local", "heygen", "fal"],
  upscale: ["local", "replicate"],
};

export const capabilityNames: Record<Capability, string> = {
  story: "Story writer",
  image: "Images",
  motion: "Motion",
  speech: "Speech",
  "voice-clone": "Voice clone",
  transcription: "Transcription",
  "talking-head": "Talking head",
  upscale: "Upscale",
};

export const vendorNames: Record<VendorId, string> = {
  local: "Local (offline)",
  openai: "OpenAI-compatible",
  fal: "fal",
  comfyui: "ComfyUI",
  elevenlabs: "ElevenLabs",
  heygen: "HeyGen",
  replicate: "Replicate",
};

/** Vendors a workspace may point elsewhere (a self-hosted server speaking the same API). */
export const vendorsWithBaseUrl: readonly VendorId[] = ["openai", "comfyui"];

/**
 * One capability's settings as the form sends them. `apiKey`: a new key, or absent to keep the
 * stored one; `removeKey` forgets the stored key.
 */
export const providerSettingInput = z
  .object({
    capability: z.enum(capabilities, { message: "Capability: choose one of the listed capabilities" }),
    providerId: z.enum(vendorIds, { message: "Provider: choose one of the listed providers" }),
    model: z
      .string()
      .trim()
      .max(200, "Model: at most 200 characters")
      .regex(/^[\w./:@-]*$/, "Model: letters, digits and . / : @ - _ only")
      .optional()
      .transform((v) => v || null),
    baseUrl: z
      .string()
      .trim()
      .max(500, "Base URL: at most 500 characters")
      .optional()
      .transform((v) => v || null)
      .refine((v) => v === null || /^https?:\/\/[^\s]+$/i.test(v), "Base URL: an http(s) address such as https://api.example.com/v1"),
    apiKey: z
      .string()
      .trim()
      .max(500, "API key: at most 500 characters")
      .regex(/^[\x21-\x7e]*$/, "API key: printable characters without spaces")
      .optional()
      .transform((v) => v || null),
    removeKey: z.boolean().default(false),
    fallbackToOffline: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    if (!capabilityVendors[v.capability].includes(v.providerId))
      ctx.addIssue({
        code: "custom",
        path: ["providerId"],
        message: `Provider: ${vendorNames[v.providerId]} does not offer ${capabilityNames[v.capability].toLowerCase()}`,
      });
    if (v.baseUrl && !vendorsWithBaseUrl.includes(v.providerId))
      ctx.addIssue({ code: "custom", path: ["baseUrl"], message: `Base URL: only an OpenAI-compatible or ComfyUI provider takes one` });
  });
export type ProviderSettingInput = z.infer<typeof providerSettingInput>;

export const capabilityInput = z.object({ capability: z.enum(capabilities, { message: "Capability: choose one of the listed capabilities" }) });
