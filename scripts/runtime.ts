import { randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../db/embedded";
import { runMigrations } from "../db/migrate";

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

/**
 * DATABASE_URL when set; otherwise the embedded PostgreSQL under DATA_DIR. Either way the
 * migrations are applied and DATABASE_URL is exported for child processes.
 */
export async function prepareDatabase(dataDir: string): Promise<EmbeddedDatabase | null> {
  let embedded: EmbeddedDatabase | null = null;
  if (!process.env.DATABASE_URL) {
    const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
    embedded = await startEmbeddedPostgres({ dataDir, port });
    process.env.DATABASE_URL = embedded.url;
    console.log(`[start] embedded PostgreSQL on 127.0.0.1:${port}`);
  }
  await runMigrations(process.env.DATABASE_URL);
  console.log("[start] database migrated");
  return embedded;
}
