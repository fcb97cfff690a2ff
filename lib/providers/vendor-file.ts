import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { downloadToFile, OutboundError } from "@/lib/net/outbound";
import { storage } from "@/lib/storage/local";
import type { Unrecorded, VendorCallScope } from "./jobs";
import { asCallerAbort, ProviderError } from "./vendor";

/**
 * A file a vendor made, kept by us the moment its job is done: vendors' result URLs expire (fal's
 * within hours, ComfyUI's output folder gets cleaned), so a recorded job's result names our stored
 * copy, and a later attempt that reuses the record still finds the file. An unrecorded call (a
 * preview) keeps it in a temporary folder, which the caller removes.
 */
export type KeptFile = { storageKey: string; contentType: string } | { localPath: string; contentType: string };

export interface KeepOptions {
  vendor: string;
  what: string;
  /** Extension of the stored object ("png", "mp4"). */
  ext: string;
  maxBytes: number;
  allowedTypes: string[];
  timeoutMs: number;
  signal?: AbortSignal;
  /** Checks the downloaded file before it is kept (that it is a picture, a video); throws to refuse it. */
  check?: (file: string) => Promise<void>;
}

/** Downloads the vendor's output through the outbound module and keeps it; download failures as ProviderErrors. */
export async function keepVendorFile(scope: VendorCallScope | Unrecorded, url: string, opts: KeepOptions): Promise<KeptFile> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `cinetwin-${opts.vendor.toLowerCase()}-`));
  const dest = path.join(dir, `output.${opts.ext}`);
  let contentType: string;
  try {
    ({ contentType } = await downloadToFile(url, {
      destPath: dest,
      maxBytes: opts.maxBytes,
      allowedTypes: opts.allowedTypes,
      timeoutMs: opts.timeoutMs,
      signal: opts.signal,
    }));
  } catch (e) {
    await fs.rm(dir, { recursive: true, force: true });
    throw downloadError(opts, asCallerAbort(e, opts.signal));
  }
  try {
    await opts.check?.(dest);
  } catch (e) {
    await fs.rm(dir, { recursive: true, force: true });
    throw e;
  }
  if (!("db" in scope)) return { localPath: dest, contentType };
  try {
    return { storageKey: await storage().put(scope.workspaceId, opts.ext, { path: dest }), contentType };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** A path on this machine holding the kept file. */
export const keptPath = async (kept: KeptFile): Promise<string> => ("localPath" in kept ? kept.localPath : storage().localPath(kept.storageKey));

/** Removes a temporary copy (a stored one stays: the record names it). */
export async function releaseKept(kept: KeptFile): Promise<void> {
  if ("localPath" in kept) await fs.rm(path.dirname(kept.localPath), { recursive: true, force: true });
}

/** Whether a record's result is a kept file. */
export const isKeptFile = (v: unknown): v is KeptFile =>
  !!v &&
  typeof v === "object" &&
  typeof (v as Record<string, unknown>).contentType === "string" &&
  (typeof (v as Record<string, unknown>).storageKey === "string" || typeof (v as Record<string, unknown>).localPath === "string");

function downloadError(opts: Pick<KeepOptions, "vendor" | "what">, e: unknown): unknown {
  if (!(e instanceof OutboundError)) return e;
  if (e.reason === "aborted") return e;
  const what = `${opts.what}: downloading the result`;
  if (e.reason === "timeout") return new ProviderError("timeout", opts.vendor, `${what} took too long`, { cause: e });
  // A 5xx or a dropped connection may work next time; a wrong type, a refusal or an oversized file will not.
  if (e.retryable) return new ProviderError("retryable", opts.vendor, `${what} failed (${e.detail})`, { cause: e });
  return new ProviderError("permanent", opts.vendor, `${what} was refused (${e.detail})`, { cause: e, status: e.status ?? undefined });
}
