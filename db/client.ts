import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as accounts from "./schema/accounts";
import * as bulk from "./schema/bulk";
import * as captions from "./schema/captions";
import * as characters from "./schema/characters";
import * as credits from "./schema/credits";
import * as jobs from "./schema/jobs";
import * as media from "./schema/media";
import * as projects from "./schema/projects";
import * as providers from "./schema/providers";
import * as social from "./schema/social";
import * as videos from "./schema/videos";
import * as webhooks from "./schema/webhooks";

export const schema = { ...accounts, ...bulk, ...captions, ...characters, ...credits, ...jobs, ...media, ...projects, ...providers, ...social, ...videos, ...webhooks };
export type Db = NodePgDatabase<typeof schema>;
/** A handle that is either the database or an open transaction. */
export type DbOrTx = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { cinetwinPool?: pg.Pool; cinetwinDb?: Db };

export function getPool(): pg.Pool {
  if (!globalForDb.cinetwinPool) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set (scripts/start.ts sets it for the embedded database)");
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle connection that the server ends (a restart, a dropped database) emits an error on the
    // pool; unhandled, it would take the whole process down. The pool replaces the connection.
    pool.on("error", (e) => console.error("[db] idle connection lost:", e.message));
    globalForDb.cinetwinPool = pool;
  }
  return globalForDb.cinetwinPool;
}

/** The process-wide database handle. */
export function getDb(): Db {
  if (!globalForDb.cinetwinDb) globalForDb.cinetwinDb = drizzle({ client: getPool(), schema });
  return globalForDb.cinetwinDb;
}

export async function closeDb(): Promise<void> {
  const pool = globalForDb.cinetwinPool;
  globalForDb.cinetwinPool = undefined;
  globalForDb.cinetwinDb = undefined;
  await pool?.end();
}
