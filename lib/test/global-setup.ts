import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../../db/embedded";
import { runMigrations } from "../../db/migrate";
import { testPort } from "./ports";
import { startTestS3, type TestS3 } from "./s3";

let embedded: EmbeddedDatabase | null = null;
let s3: TestS3 | null = null;

/**
 * Integration tests run against a real PostgreSQL: the embedded one (own port and data dir)
 * unless TEST_DATABASE_URL names another server. Each run gets a freshly created database.
 */
export async function setup() {
  const root = path.resolve(".test-data");
  fs.rmSync(path.join(root, "media"), { recursive: true, force: true });
  fs.rmSync(path.join(root, "cache", "objects"), { recursive: true, force: true });
  let base = process.env.TEST_DATABASE_URL;
  if (!base) {
    embedded = await startEmbeddedPostgres({ dataDir: root, port: Number(process.env.TEST_PG_PORT ?? testPort(40000)), database: "postgres" });
    base = embedded.url;
  }
  const u = new URL(base);
  if (!["127.0.0.1", "localhost", "::1"].includes(u.hostname)) throw new Error("tests refuse a non-local database");
  const dbName = `cinetwin_test`;
  u.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.query(`create database ${dbName}`);
  await admin.end();
  u.pathname = `/${dbName}`;
  process.env.DATABASE_URL = u.toString();
  process.env.DATA_DIR = root;
  process.env.AUTH_SECRET ??= "test-secret-for-vitest-only-0123456789";
  process.env.VIDEO_WIDTH ??= "320";
  process.env.VIDEO_HEIGHT ??= "180";
  // TEST_STORAGE_DRIVER=s3 runs every test's media through an S3-compatible server instead of
  // the local disk (the same variables a deployment would set).
  if (process.env.TEST_STORAGE_DRIVER === "s3") {
    s3 = await startTestS3();
    Object.assign(process.env, s3.env);
  }
  await runMigrations(process.env.DATABASE_URL);
}

export async function teardown() {
  await s3?.close();
  await embedded?.stop();
}
