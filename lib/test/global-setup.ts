import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../../db/embedded";
import { runMigrations } from "../../db/migrate";
import { TEST_DB_PREFIX, TEST_TEMPLATE_DB } from "./databases";
import { testPort } from "./ports";
import { startTestS3, type TestS3 } from "./s3";

let embedded: EmbeddedDatabase | null = null;
let adminUrl: string | null = null;
let s3: TestS3 | null = null;

/**
 * Integration tests run against a real PostgreSQL: the embedded one (own port and data dir)
 * unless TEST_DATABASE_URL names another server. Migrations run once, into a template database;
 * each test file then gets its own copy of it (lib/test/file-setup.ts), so files run in parallel.
 */
export async function setup() {
  const root = path.resolve(".test-data");
  fs.rmSync(path.join(root, "media"), { recursive: true, force: true });
  fs.rmSync(path.join(root, "files"), { recursive: true, force: true });
  fs.rmSync(path.join(root, "cache", "objects"), { recursive: true, force: true });
  let base = process.env.TEST_DATABASE_URL;
  if (!base) {
    embedded = await startEmbeddedPostgres({ dataDir: root, port: Number(process.env.TEST_PG_PORT ?? testPort(40000)), database: "postgres" });
    base = embedded.url;
  }
  const u = new URL(base);
  if (!["127.0.0.1", "localhost", "::1"].includes(u.hostname)) throw new Error("tests refuse a non-local database");
  u.pathname = "/postgres";
  adminUrl = u.toString();
  await dropTestDatabases(adminUrl);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${TEST_TEMPLATE_DB}`);
  await admin.end();
  u.pathname = `/${TEST_TEMPLATE_DB}`;
  await runMigrations(u.toString());

  // Read by the workers' file-setup, which copies the template into a database of the file's own.
  process.env.TEST_DB_ADMIN_URL = adminUrl;
  process.env.DATABASE_URL = u.toString();
  process.env.DATA_DIR = root;
  process.env.AUTH_SECRET ??= "test-secret-for-vitest-only-0123456789";
  process.env.VIDEO_WIDTH ??= "320";
  process.env.VIDEO_HEIGHT ??= "180";
  // pg-boss retry delays are seconds meant for production; tests retry at once (lib/jobs/definitions.ts).
  process.env.JOB_RETRY_DELAY_SCALE ??= "0";
  // TEST_STORAGE_DRIVER=s3 runs every test's media through an S3-compatible server instead of
  // the local disk (the same variables a deployment would set).
  if (process.env.TEST_STORAGE_DRIVER === "s3") {
    s3 = await startTestS3();
    Object.assign(process.env, s3.env);
  }
  // pg-boss's schema and the studio's queues are made once, in the template, with the retry scale set above:
  // each file's copy then starts pg-boss in 110-140 ms instead of 420 (a queue is a partition table to create).
  // Imported here, after the environment it reads at load.
  const { getBoss, stopBoss } = await import("../jobs/boss");
  await getBoss();
  await stopBoss();
}

export async function teardown() {
  if (adminUrl) await dropTestDatabases(adminUrl).catch((e) => console.error("[test] could not drop test databases", e));
  await s3?.close();
  await embedded?.stop();
}

/**
 * Drops the template and every per-file database, of this run or of an interrupted one. Each
 * DROP DATABASE waits for a checkpoint (about a second each, one after another); issued together
 * on their own connections they share checkpoints.
 */
async function dropTestDatabases(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 20 });
  // The cluster may end these sessions while the drops finish (the forced drops, then its own stop): not a failure.
  pool.on("error", () => {});
  try {
    const { rows } = await pool.query<{ datname: string }>("select datname from pg_database where datname like $1", [`${TEST_DB_PREFIX}%`]);
    await Promise.all(rows.map(({ datname }) => pool.query(`drop database if exists "${datname}" with (force)`)));
  } finally {
    await pool.end();
  }
}
