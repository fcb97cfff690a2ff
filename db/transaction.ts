import { drizzle } from "drizzle-orm/node-postgres";
import type { PoolClient } from "pg";
import { getPool, schema, type Db } from "./client";

export interface TxContext {
  tx: Db;
  /** Runs SQL on the same connection: lets pg-boss enqueue inside the transaction. */
  executeSql: (text: string, values: unknown[]) => Promise<{ rows: unknown[] }>;
}

/**
 * A transaction on one pooled connection, exposed both as a drizzle handle and as a raw
 * executor, so rows and the jobs that act on them commit (or roll back) together.
 */
export async function withTransaction<T>(fn: (ctx: TxContext) => Promise<T>): Promise<T> {
  const client: PoolClient = await getPool().connect();
  try {
    await client.query("begin");
    const tx = drizzle({ client, schema }) as unknown as Db;
    const result = await fn({ tx, executeSql: (text, values) => client.query(text, values) });
    await client.query("commit");
    return result;
  } catch (e) {
    await client.query("rollback").catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}
