import { randomUUID } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { S3Client } from "@aws-sdk/client-s3";
import { dataDir, type Env } from "@/lib/env";
import { newStorageKey, pathUnder, type StorageDriver } from "./driver";

type S3Config = Pick<Env, "S3_BUCKET" | "S3_REGION" | "S3_ENDPOINT" | "S3_ACCESS_KEY_ID" | "S3_SECRET_ACCESS_KEY" | "S3_FORCE_PATH_STYLE">;

// The SDK loads on first use, so a local-disk installation never pays for it.
const sdk = () => import("@aws-sdk/client-s3");

async function makeClient(c: S3Config): Promise<S3Client> {
  const { S3Client } = await sdk();
  return new S3Client({
    region: c.S3_REGION,
    endpoint: c.S3_ENDPOINT,
    forcePathStyle: c.S3_FORCE_PATH_STYLE,
    credentials: c.S3_ACCESS_KEY_ID && c.S3_SECRET_ACCESS_KEY ? { accessKeyId: c.S3_ACCESS_KEY_ID, secretAccessKey: c.S3_SECRET_ACCESS_KEY } : undefined,
    // The SDK's default trailing CRC32 checksums (aws-chunked uploads) are refused by many
    // S3-compatible servers; checksums are sent only where an operation requires them.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}

const isNotFound = (e: unknown) => {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err?.name === "NoSuchKey" || err?.name === "NotFound" || err?.$metadata?.httpStatusCode === 404;
};

/** Cached copies of objects, keyed by storage key, for the tools that need a file (ffmpeg). */
const cacheRoot = () => path.join(dataDir(), "cache", "objects");

/**
 * Media in an S3-compatible bucket. `localPath` downloads an object once into
 * DATA_DIR/cache/objects (written under a temporary name, then renamed, so a concurrent reader
 * in another process never sees half a file) and reuses that copy afterwards; objects are
 * immutable (every put makes a new key), so a cached copy never goes stale.
 */
export function s3Storage(config: S3Config): StorageDriver {
  const bucket = config.S3_BUCKET;
  if (!bucket) throw new Error("S3_BUCKET is required when STORAGE_DRIVER=s3");
  let client: Promise<S3Client> | null = null;
  const s3 = () => (client ??= makeClient(config));
  const downloads = new Map<string, Promise<string>>();

  async function download(storageKey: string, dest: string): Promise<string> {
    const { GetObjectCommand } = await sdk();
    let res;
    try {
      res = await (await s3()).send(new GetObjectCommand({ Bucket: bucket, Key: storageKey }));
    } catch (e) {
      if (isNotFound(e)) throw new Error(`stored object ${storageKey} is missing from bucket ${bucket}`);
      throw e;
    }
    await fsp.mkdir(path.dirname(dest), { recursive: true });
    const tmp = `${dest}.${randomUUID()}.part`;
    try {
      await pipeline(res.Body as Readable, fs.createWriteStream(tmp));
      await fsp.rename(tmp, dest);
    } catch (e) {
      await fsp.rm(tmp, { force: true });
      throw e;
    }
    return dest;
  }

  return {
    async put(workspaceId, ext, source) {
      const { PutObjectCommand } = await sdk();
      const key = newStorageKey(workspaceId, ext);
      const body = "buffer" in source ? source.buffer : fs.createReadStream(source.path);
      const length = "buffer" in source ? source.buffer.length : (await fsp.stat(source.path)).size;
      await (await s3()).send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentLength: length }));
      return key;
    },

    async localPath(storageKey) {
      const dest = pathUnder(cacheRoot(), storageKey);
      if (fs.existsSync(dest)) return dest;
      // One download per key at a time in this process; other processes race harmlessly (rename).
      let pending = downloads.get(storageKey);
      if (!pending) {
        pending = download(storageKey, dest).finally(() => downloads.delete(storageKey));
        downloads.set(storageKey, pending);
      }
      return pending;
    },

    async remove(storageKey) {
      const { DeleteObjectCommand } = await sdk();
      await (await s3()).send(new DeleteObjectCommand({ Bucket: bucket, Key: storageKey }));
      await fsp.rm(pathUnder(cacheRoot(), storageKey), { force: true });
    },

    async size(storageKey) {
      const { HeadObjectCommand } = await sdk();
      try {
        const head = await (await s3()).send(new HeadObjectCommand({ Bucket: bucket, Key: storageKey }));
        return head.ContentLength ?? null;
      } catch (e) {
        if (isNotFound(e)) return null;
        throw e;
      }
    },

    async read(storageKey, range) {
      const { GetObjectCommand } = await sdk();
      const command = new GetObjectCommand({
        Bucket: bucket,
        Key: storageKey,
        Range: range ? `bytes=${range.start}-${range.end}` : undefined,
      });
      let res;
      try {
        res = await (await s3()).send(command);
      } catch (e) {
        if (isNotFound(e)) return null;
        throw e;
      }
      if (!res.Body) throw new Error(`stored object ${storageKey} came without a body`);
      return res.Body.transformToWebStream() as ReadableStream<Uint8Array>;
    },
  };
}
