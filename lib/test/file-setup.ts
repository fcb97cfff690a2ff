import fs from "node:fs";
import path from "node:path";
import { closeDb } from "@/db/client";
import { reloadEnv } from "@/lib/env";
import { stopBoss } from "@/lib/jobs/boss";
import { createTestDatabase } from "./databases";

// Runs before each test file (vitest.config.ts setupFiles): the file gets its own database and
// media folder, so files run in parallel without sharing rows, pg-boss queues or stored media.
// db/client.ts and lib/jobs/boss.ts read DATABASE_URL lazily.
//
// Files of the "shared" project run one after another in a worker that keeps its modules, so a
// file may find what the one before it left: its job worker, pg-boss and database pool are closed
// here, the environment is put back as the worker started (a file's provider keys do not reach the
// next), and the parsed environment is read again once it names the new database.
const state = globalThis as { cinetwinWorker?: Promise<{ stop(): Promise<void> }>; cinetwinTestEnv?: Record<string, string | undefined> };
if (state.cinetwinWorker) await (await state.cinetwinWorker).stop();
await stopBoss();
await closeDb();
state.cinetwinTestEnv ??= { ...process.env };
for (const key of Object.keys(process.env)) if (!(key in state.cinetwinTestEnv)) delete process.env[key];
Object.assign(process.env, state.cinetwinTestEnv);

const adminUrl = process.env.TEST_DB_ADMIN_URL;
if (!adminUrl) throw new Error("TEST_DB_ADMIN_URL is not set: run the tests through Vitest (lib/test/global-setup.ts)");
const name = await createTestDatabase(adminUrl);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();
const root = path.resolve(".test-data", "files", name);
fs.mkdirSync(root, { recursive: true });
process.env.DATA_DIR = root;
reloadEnv();
