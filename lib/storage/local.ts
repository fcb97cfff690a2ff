import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { dataDir } from "@/lib/env";

/** Media on local disk under DATA_DIR/media. An S3 driver can implement the same three calls. */
export interface StorageDriver {
  put(workspaceId: string, ext: string, source: { path: string } | { buffer: Buffer }): Promise<string>;
  localPath(storageKey: string): Promise<string>;
  remove(storageKey: string): Promise<void>;
}

const root = () => path.join(dataDir(), "media");

function resolveKey(storageKey: string): string {
  const full = path.resolve(root(), storageKey);
  if (!full.startsWith(path.resolve(root()) + path.sep)) throw new Error("storage key escapes the media root");
  return full;
}

export const localStorage: StorageDriver = {
  async put(workspaceId, ext, source) {
    const key = `${workspaceId}/${randomUUID()}.${ext.replace(/[^a-z0-9]/gi, "")}`;
    const dest = resolveKey(key);
    await fs.mkdir(path.dirname(dest), { recursive: true });
    if ("buffer" in source) await fs.writeFile(dest, source.buffer);
    else await fs.copyFile(source.path, dest);
    return key;
  },
  async localPath(storageKey) {
    return resolveKey(storageKey);
  },
  async remove(storageKey) {
    await fs.rm(resolveKey(storageKey), { force: true });
  },
};

export const storage = (): StorageDriver => localStorage;
