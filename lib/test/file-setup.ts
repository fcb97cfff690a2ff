import fs from "node:fs";
import path from "node:path";
import { createTestDatabase } from "./databases";

// Runs in each test file's own worker before the file is imported (vitest.config.ts setupFiles):
// the file gets its own database and media folder, so files can run in parallel without sharing
// rows, pg-boss queues or stored media. db/client.ts and lib/jobs/boss.ts read DATABASE_URL lazily.
const adminUrl = process.env.TEST_DB_ADMIN_URL;
if (!adminUrl) throw new Error("TEST_DB_ADMIN_URL is not set: run the tests through Vitest (lib/test/global-setup.ts)");
const name = await createTestDatabase(adminUrl);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();
const root = path.resolve(".test-data", "files", name);
fs.mkdirSync(root, { recursive: true });
process.env.DATA_DIR = root;
