/**
 * One command to run the studio: system tools, database (embedded unless DATABASE_URL),
 * migrations, a production build when missing, then the Next.js server (scripts/server.mjs) with
 * the job worker inside it. `--dev` runs `next dev` instead.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ensureAuthSecret, prepareDatabase, ensureSystemTools } from "./runtime";

const dev = process.argv.includes("--dev");
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
const dataDir = path.resolve(process.env.DATA_DIR ?? "./data");
process.env.DATA_DIR = dataDir;
const port = process.env.PORT ?? "3000";

ensureSystemTools();
ensureAuthSecret(dataDir);
const embedded = await prepareDatabase(dataDir);

const nextBin = path.resolve("node_modules/next/dist/bin/next");
if (!dev && !fs.existsSync(path.resolve(".next/BUILD_ID"))) {
  console.log("[start] no production build yet: running next build (once)");
  const build = spawn(process.execPath, [nextBin, "build"], { stdio: "inherit", env: process.env });
  const code = await new Promise<number>((r) => build.on("exit", (c) => r(c ?? 1)));
  if (code !== 0) {
    await embedded?.stop();
    process.exit(code);
  }
}

// Production serves through scripts/server.mjs, which records each request's TCP peer for the
// login throttle; `next dev` stays as is (a local tool, with hot reload).
const server = spawn(process.execPath, dev ? [nextBin, "dev", "-p", port] : [path.resolve("scripts/server.mjs")], {
  stdio: "inherit",
  env: { ...process.env, PORT: port },
});
console.log(`[start] Cinetwin on http://localhost:${port}`);

let stopping = false;
const shutdown = (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  server.kill(signal);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
server.on("exit", (code) => {
  void Promise.resolve(embedded?.stop())
    .catch(() => {})
    .finally(() => process.exit(code ?? 0));
});
