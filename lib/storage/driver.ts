import { randomUUID } from "node:crypto";
import path from "node:path";

/** A byte range, both ends inclusive (as in an HTTP Range header). */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where media bytes live. Callers use put, localPath and remove; serve.ts also reads through
 * size and read, so a stored object can be streamed without a local copy.
 */
export interface StorageDriver {
  put(workspaceId: string, ext: string, source: { path: string } | { buffer: Buffer }): Promise<string>;
  /** A path on this machine holding the object's bytes (for ffmpeg and friends). */
  localPath(storageKey: string): Promise<string>;
  remove(storageKey: string): Promise<void>;
  /** The object's size in bytes, or null when there is no such object. */
  size(storageKey: string): Promise<number | null>;
  /** The object's bytes, or one range of them; null when there is no such object. */
  read(storageKey: string, range?: ByteRange): Promise<ReadableStream<Uint8Array> | null>;
}

export function newStorageKey(workspaceId: string, ext: string): string {
  return `${workspaceId}/${randomUUID()}.${ext.replace(/[^a-z0-9]/gi, "")}`;
}

/** The file for `storageKey` below `root`; a key that would leave `root` is refused. */
export function pathUnder(root: string, storageKey: string): string {
  const full = path.resolve(root, storageKey);
  if (!full.startsWith(path.resolve(root) + path.sep)) throw new Error("storage key escapes the media root");
  return full;
}
