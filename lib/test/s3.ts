import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import S3rver from "@20minutes/s3rver";

export interface TestS3 {
  /** The variables that point STORAGE_DRIVER=s3 at this server. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * An S3-compatible server on a free 127.0.0.1 port, storing under its own temporary directory,
 * with one empty bucket. Its access key pair is s3rver's fixed S3RVER/S3RVER.
 */
export async function startTestS3(bucket = "cinetwin-test"): Promise<TestS3> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "cinetwin-s3-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  return {
    env: {
      STORAGE_DRIVER: "s3",
      S3_BUCKET: bucket,
      S3_REGION: "us-east-1",
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_ACCESS_KEY_ID: "S3RVER",
      S3_SECRET_ACCESS_KEY: "S3RVER",
      S3_FORCE_PATH_STYLE: "true",
    },
    async close() {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
