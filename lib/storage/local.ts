import fsp from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { dataDir, env, type Env } from "@/lib/env";
import { newStorageKey, pathUnder, type StorageDriver } from "./driver";
import { s3Storage } from "./s3";

const root = () => path.join(dataDir(), "media");

/** Media on local disk under DATA_DIR/media (the default). */
export const localStorage: StorageDriver = {
  async put(workspaceId, ext, source) {
    const key = newStorageKey(workspaceId, ext);
    const dest = pathUnder(root(), key);
    await fsp.mkdir(path.dirname(dest), { recursive: true });
    if ("buffer" in source) await fsp.writeFile(dest, source.buffer);
    else await fsp.copyFile(source.path, dest);
    return key;
  },
  async localPath(storageKey) {
    return pathUnder(root(), storageKey);
  },
  async remove(storageKey) {
    await fsp.rm(pathUnder(root(), storageKey), { force: true });
  },
  async size(storageKey) {
    try {
      return (await fsp.stat(pathUnder(root(), storageKey))).size;
    } catch {
      return null;
    }
  },
  async read(storageKey, range) {
    let handle;
    try {
      handle = await fsp.open(pathUnder(root(), storageKey));
    } catch {
      return null;
    }
    const stream = handle.createReadStream(range);
    return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
  },
};

let current: { env: Env; driver: StorageDriver } | null = null;

/** The configured storage driver (STORAGE_DRIVER): local disk, or an S3-compatible bucket. */
export function storage(): StorageDriver {
  const e = env();
  if (current?.env !== e) current = { env: e, driver: e.STORAGE_DRIVER === "s3" ? s3Storage(e) : localStorage };
  return current.driver;
}
