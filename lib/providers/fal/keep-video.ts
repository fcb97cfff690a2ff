import type { Unrecorded, VendorCallScope } from "../jobs";
import { checkClip } from "../motion/fit-clip";
import { malformed } from "../vendor";
import { keepVendorFile, type KeptFile } from "../vendor-file";
import { FAL_VENDOR } from "./client";

/**
 * A fal video model's answer (`{ video: { url } }`), kept in our storage at once (fal's URLs
 * expire) and checked to be a playable clip; a missing URL is a malformed answer.
 */
export function keepFalVideo(
  scope: VendorCallScope | Unrecorded,
  output: unknown,
  opts: { what: string; maxBytes: number; timeoutMs: number },
): Promise<KeptFile> {
  const url = (output as { video?: { url?: unknown } } | null)?.video?.url;
  if (typeof url !== "string" || !url) throw malformed(FAL_VENDOR, opts.what, "no video.url");
  return keepVendorFile(scope, url, {
    vendor: FAL_VENDOR,
    what: opts.what,
    ext: "mp4",
    maxBytes: opts.maxBytes,
    allowedTypes: ["video/*", "application/octet-stream"],
    // Downloads of a finished clip get at least two minutes, however short the API's own deadline.
    timeoutMs: Math.max(opts.timeoutMs, 120_000),
    signal: scope.signal,
    check: (file) => checkClip(file, FAL_VENDOR, opts.what),
  });
}
