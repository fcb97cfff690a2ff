import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { DbOrTx } from "@/db/client";
import { AppError } from "@/lib/errors";
import { getImageProvider } from "@/lib/providers/image";
import { addToLibrary, type LibraryItem } from "./service";

/** The longest side a painted image may have; the Studio's frames are at most 1080×1920. */
export const PAINT_MAX_SIDE = 1920;

/**
 * Paints an image from a short prompt with the configured image provider and keeps it in the
 * workspace's library, named after the prompt, like any upload. Each call paints a new picture
 * (a fresh seed), so painting again offers another take. Only a provider that paints for free
 * (the offline painter) may be used here: the price table has no entry for paid painting.
 */
export async function paintIntoLibrary(db: DbOrTx, workspaceId: string, req: { prompt: string; width: number; height: number }): Promise<LibraryItem> {
  const ok = (n: number) => Number.isInteger(n) && n >= 16 && n <= PAINT_MAX_SIDE;
  if (!ok(req.width) || !ok(req.height)) throw new AppError("bad_request", `the size must be 16 to ${PAINT_MAX_SIDE} whole pixels a side`, "size");
  const provider = getImageProvider();
  if (!provider.freePreview) throw new AppError("bad_request", "Painting backgrounds is not available with the configured image provider", "prompt");
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "cinetwin-paint-"));
  try {
    const out = path.join(dir, "painted.png");
    await provider.generate({ prompt: req.prompt, width: req.width, height: req.height, seed: randomUUID() }, out);
    return await addToLibrary(db, workspaceId, { path: out, name: `${req.prompt.slice(0, 80)}.png` });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
