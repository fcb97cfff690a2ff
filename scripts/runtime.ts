import { randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { EmbeddedPortInUseError, startEmbeddedPostgres, type EmbeddedDatabase } from "../db/embedded";
import { runMigrations } from "../db/migrate";
import { env } from "../lib/env";

/** Loads AUTH_SECRET from DATA_DIR, generating it on first start. */
export function ensureAuthSecret(dataDir: string): void {
  if (process.env.AUTH_SECRET) return;
  const file = path.join(dataDir, "auth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  process.env.AUTH_SECRET = fs.readFileSync(file, "utf8").trim();
}

export function ensureSystemTools(opts: { browser?: boolean } = {}): void {
  execFileSync("bash", [path.resolve("scripts/system-deps.sh"), ...(opts.browser ? ["--with-browser"] : [])], {
    stdio: "inherit",
  });
}

export const DEFAULT_EMBEDDED_PG_PORT = 54329;

/** Where a data dir remembers the port its embedded PostgreSQL was given instead of the default. */
export const embeddedPortFile = (dataDir: string) => path.join(dataDir, "embedded-pg-port");

function rememberedPort(dataDir: string): number | null {
  try {
    const port = Number(fs.readFileSync(embeddedPortFile(dataDir), "utf8").trim());
    return Number.isInteger(port) && port > 0 && port < 65536 ? port : null;
  } catch {
    return null;
  }
}

/**
 * The embedded PostgreSQL of `dataDir`. EMBEDDED_PG_PORT, when set, is used as it is (and a
 * port held by another process stops the start, naming both). Otherwise the port remembered
 * in DATA_DIR, else the default; when another process holds it (a second Cinetwin with another
 * DATA_DIR, say), a free port is taken and remembered, so the next start finds the same one.
 */
export async function startLocalDatabase(dataDir: string, opts: { defaultPort?: number; log?: (line: string) => void } = {}): Promise<EmbeddedDatabase> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const explicit = process.env.EMBEDDED_PG_PORT;
  if (explicit !== undefined && explicit !== "") {
    const port = Number(explicit);
    if (!Number.isInteger(port) || port <= 0 || port >= 65536) {
      throw new Error(`EMBEDDED_PG_PORT=${explicit} is not a port number`);
    }
    try {
      return await startEmbeddedPostgres({ dataDir, port });
    } catch (e) {
      if (!(e instanceof EmbeddedPortInUseError)) throw e;
      throw new Error(
        `EMBEDDED_PG_PORT=${port}: port ${port} on 127.0.0.1 is already in use by another process. ` +
          "Stop that process, set EMBEDDED_PG_PORT to a free port, or unset it to let Cinetwin choose one.",
      );
    }
  }
  const wanted = rememberedPort(dataDir) ?? opts.defaultPort ?? DEFAULT_EMBEDDED_PG_PORT;
  const db = await startEmbeddedPostgres({ dataDir, port: wanted, onPortTaken: "choose" });
  if (db.port !== wanted && !db.reused) {
    fs.writeFileSync(embeddedPortFile(dataDir), `${db.port}\n`);
    log(`[start] port ${wanted} is taken by another process: embedded PostgreSQL uses ${db.port} (remembered in ${embeddedPortFile(dataDir)})`);
  }
  return db;
}

/**
 * DATABASE_URL when set; otherwise the embedded PostgreSQL under DATA_DIR. Either way the
 * migrations are applied and DATABASE_URL is exported for child processes.
 */
export async function prepareDatabase(dataDir: string): Promise<EmbeddedDatabase | null> {
  // Every launcher passes here first: an invalid environment (an incomplete S3 configuration,
  // say) stops it with the variable's name instead of failing the first request or job.
  env();
  let embedded: EmbeddedDatabase | null = null;
  if (!process.env.DATABASE_URL) {
    embedded = await startLocalDatabase(dataDir);
    process.env.DATABASE_URL = embedded.url;
    console.log(`[start] embedded PostgreSQL on 127.0.0.1:${embedded.port}`);
  }
  await runMigrations(process.env.DATABASE_URL);
  console.log("[start] database migrated");
  return embedded;
}
