import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DeleteObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { env, reloadEnv } from "@/lib/env";
import { makeAccount } from "@/lib/test/factories";
import { startTestS3, type TestS3 } from "@/lib/test/s3";
import { storage } from "./local";
import { GET as mediaRoute } from "@/app/api/media/[mediaId]/route";
import { saveMedia, signedMediaPath, type MediaRow } from "./media";
import { serveMedia } from "./serve";

const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
const get = (range?: string) => new Request("http://localhost/media", { headers: range ? { range } : {} });
const body = async (res: Response) => Buffer.from(await res.arrayBuffer());

/** Sets variables for one describe block and restores them after it. */
function useEnv(vars: () => Record<string, string>) {
  const saved: Record<string, string | undefined> = {};
  beforeAll(() => {
    for (const [k, v] of Object.entries(vars())) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
    reloadEnv();
  });
  afterAll(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    reloadEnv();
  });
}

let s3: TestS3;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cinetwin-storage-"));
beforeAll(async () => {
  s3 = await startTestS3();
});
afterAll(async () => {
  await s3?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe.each(["local", "s3"] as const)("%s storage", (driver) => {
  useEnv(() => ({ DATA_DIR: dataDir, ...(driver === "s3" ? s3.env : { STORAGE_DRIVER: "local" }) }));
  let row: MediaRow;

  beforeAll(async () => {
    expect(env().STORAGE_DRIVER).toBe(driver);
    const account = await makeAccount();
    row = await saveMedia(getDb(), { workspaceId: account.workspaceId, kind: "video", mime: "video/mp4", source: { buffer: bytes } });
  });

  it("puts a buffer or a file and hands back a local path with the same bytes", async () => {
    expect(fs.readFileSync(await storage().localPath(row.storageKey))).toEqual(bytes);
    const src = path.join(dataDir, "source.bin");
    fs.writeFileSync(src, bytes.subarray(0, 100));
    const key = await storage().put(row.workspaceId, "bin", { path: src });
    expect(key).toMatch(new RegExp(`^${row.workspaceId}/[0-9a-f-]+\\.bin$`));
    expect(fs.readFileSync(await storage().localPath(key))).toEqual(bytes.subarray(0, 100));
    expect(await storage().size(key)).toBe(100);
  });

  it("serves the whole file, byte ranges and suffix ranges", async () => {
    const whole = (await serveMedia(get(), row))!;
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-length")).toBe("1000");
    expect(await body(whole)).toEqual(bytes);

    const part = (await serveMedia(get("bytes=100-199"), row))!;
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe("bytes 100-199/1000");
    expect(await body(part)).toEqual(bytes.subarray(100, 200));

    const tail = (await serveMedia(get("bytes=-10"), row))!;
    expect(tail.headers.get("content-range")).toBe("bytes 990-999/1000");
    expect(await body(tail)).toEqual(bytes.subarray(990));

    expect((await serveMedia(get("bytes=5000-"), row))!.status).toBe(416);
  });

  it("serves a range through the signed media route, and 404 once the object is gone", async () => {
    const fetchMedia = (url: string, range?: string) =>
      mediaRoute(new Request(`http://localhost${url}`, { headers: range ? { range } : {} }), {
        params: Promise.resolve({ mediaId: row.id }),
      });
    const res = await fetchMedia(signedMediaPath(row.id), "bytes=500-");
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toBe("bytes 500-999/1000");
    expect(await body(res)).toEqual(bytes.subarray(500));
    expect((await fetchMedia(`/api/media/${row.id}`)).status).toBe(404); // unsigned

    const gone = await saveMedia(getDb(), { workspaceId: row.workspaceId, kind: "video", mime: "video/mp4", source: { buffer: bytes } });
    await storage().remove(gone.storageKey);
    const missing = await mediaRoute(new Request(`http://localhost${signedMediaPath(gone.id)}`, { headers: { range: "bytes=0-9" } }), {
      params: Promise.resolve({ mediaId: gone.id }),
    });
    expect(missing.status).toBe(404);
  });

  it("removes an object: it is no longer served", async () => {
    const key = await storage().put(row.workspaceId, "bin", { buffer: bytes });
    const cached = await storage().localPath(key);
    await storage().remove(key);
    expect(fs.existsSync(cached)).toBe(false);
    expect(await storage().size(key)).toBeNull();
    expect(await storage().read(key)).toBeNull();
    expect(await serveMedia(get(), { ...row, storageKey: key })).toBeNull();
    await storage().remove(key); // removing twice is fine (a redelivered job)
  });

  it("refuses a key that leaves the storage root", async () => {
    await expect(storage().localPath("../../etc/passwd")).rejects.toThrow(/escapes/);
  });
});

describe("s3 storage specifics", () => {
  useEnv(() => ({ DATA_DIR: dataDir, ...s3.env }));

  it("downloads an object once into DATA_DIR/cache/objects and reuses that copy", async () => {
    const key = await storage().put("ws", "bin", { buffer: bytes });
    const [first, second] = await Promise.all([storage().localPath(key), storage().localPath(key)]);
    expect(first).toBe(path.join(dataDir, "cache", "objects", key));
    expect(second).toBe(first);
    expect(fs.readdirSync(path.dirname(first))).toEqual([path.basename(first)]); // no temp file left
    // The copy is used as it is, without asking the bucket again: delete the object behind the
    // driver's back and the path still comes back.
    const client = new S3Client({
      region: "us-east-1",
      endpoint: s3.env.S3_ENDPOINT,
      forcePathStyle: true,
      credentials: { accessKeyId: s3.env.S3_ACCESS_KEY_ID, secretAccessKey: s3.env.S3_SECRET_ACCESS_KEY },
    });
    await client.send(new DeleteObjectCommand({ Bucket: s3.env.S3_BUCKET, Key: key }));
    client.destroy();
    expect(await storage().localPath(key)).toBe(first);
    expect(fs.readFileSync(first)).toEqual(bytes);
  });

  it("names the missing object when a local copy is asked for", async () => {
    await expect(storage().localPath("ws/no-such-object.mp4")).rejects.toThrow(/ws\/no-such-object\.mp4 is missing from bucket cinetwin-test/);
  });
});

describe("storage configuration", () => {
  // Whatever the test run set (TEST_STORAGE_DRIVER=s3 sets them all) does not count here.
  const none = Object.fromEntries(
    ["S3_BUCKET", "S3_REGION", "S3_ENDPOINT", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY", "S3_FORCE_PATH_STYLE"].map((k) => [k, undefined]),
  );
  function parsed(vars: Record<string, string | undefined>) {
    const saved = { ...process.env };
    for (const [k, v] of Object.entries({ ...none, ...vars })) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    reloadEnv();
    try {
      return env();
    } finally {
      process.env = saved;
      reloadEnv();
    }
  }

  it("names the variable that an S3 configuration lacks", () => {
    expect(() => parsed({ STORAGE_DRIVER: "s3", S3_BUCKET: "" })).toThrow(/S3_BUCKET: required when STORAGE_DRIVER=s3/);
    expect(() => parsed({ STORAGE_DRIVER: "s3", S3_BUCKET: "b", S3_ENDPOINT: "http://127.0.0.1:9000", S3_ACCESS_KEY_ID: "k" })).toThrow(
      /S3_SECRET_ACCESS_KEY: required when STORAGE_DRIVER=s3 and S3_ENDPOINT is set/,
    );
    expect(() => parsed({ STORAGE_DRIVER: "s3", S3_BUCKET: "b", S3_SECRET_ACCESS_KEY: "s" })).toThrow(/S3_ACCESS_KEY_ID: required when STORAGE_DRIVER=s3/);
  });

  it("accepts S3 on AWS without keys (the SDK's credential chain) and defaults the region", () => {
    expect(parsed({ STORAGE_DRIVER: "s3", S3_BUCKET: "b" })).toMatchObject({
      S3_REGION: "us-east-1",
      S3_FORCE_PATH_STYLE: false,
    });
  });
});
