import { is, sql, type SQL } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { schema, type DbOrTx } from "@/db/client";

/**
 * Which rows of every table belong to one account: what "Export all my data" writes and what
 * deleting the account must leave none of. Every table of db/schema is named here or carries a
 * workspace id; a new table that does neither makes the export fail rather than quietly leave it out.
 */

export interface AccountScope {
  workspaceId: string;
  userId: string;
}

const col = (name: string) => sql.identifier(name);

/** Tables whose rows reach a workspace only through another table's rows. */
const reachedThrough: Record<string, (s: AccountScope) => SQL> = {
  users: (s) => sql`${col("id")} = ${s.userId}`,
  workspaces: (s) => sql`${col("id")} = ${s.workspaceId}`,
  post_target_events: (s) => sql`${col("target_id")} in (select id from post_targets where workspace_id = ${s.workspaceId})`,
  channel_events: (s) => sql`${col("channel_video_id")} in (select id from channel_videos where workspace_id = ${s.workspaceId})`,
};

/** The server's own bookkeeping, no account's data: sign-in throttles, job leases, worker heartbeats. */
export const serverTables = ["rate_limits", "job_leases", "workers"] as const;

/**
 * Columns never exported: password and token hashes, sealed provider keys and platform tokens,
 * OAuth verifiers, webhook signing secrets, and the keyed hashes of channel viewers (theirs, not ours).
 */
export const secretColumns: Record<string, readonly string[]> = {
  users: ["password_hash"],
  api_tokens: ["token_hash"],
  workspace_providers: ["sealed_key"],
  social_accounts: ["access_token_sealed", "refresh_token_sealed"],
  oauth_states: ["state_hash", "code_verifier"],
  webhook_endpoints: ["secret"],
  channel_events: ["viewer_key"],
};

export interface ExportTable {
  name: string;
  table: PgTable;
  where: (s: AccountScope) => SQL;
}

/** Every table holding an account's rows, in a stable order (by name). */
export function accountTables(): ExportTable[] {
  const out: ExportTable[] = [];
  for (const value of Object.values(schema)) {
    if (!is(value, PgTable)) continue;
    const { name, columns } = getTableConfig(value);
    if ((serverTables as readonly string[]).includes(name)) continue;
    const through = reachedThrough[name];
    if (through) out.push({ name, table: value, where: through });
    else if (columns.some((c) => c.name === "workspace_id")) out.push({ name, table: value, where: (s) => sql`${col("workspace_id")} = ${s.workspaceId}` });
    else throw new Error(`lib/accounts/export-tables.ts does not say whose rows table ${name} holds`);
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** The account's rows of one table as Postgres names them (snake_case), secrets left out. */
export async function accountRows(db: DbOrTx, t: ExportTable, scope: AccountScope): Promise<Array<Record<string, unknown>>> {
  const res = await db.execute<Record<string, unknown>>(sql`select * from ${t.table} where ${t.where(scope)} order by 1`);
  const omit = secretColumns[t.name] ?? [];
  return res.rows.map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => !omit.includes(k))));
}

/** How many rows of each table the account has (what a deletion must bring to zero). */
export async function accountRowCounts(db: DbOrTx, scope: AccountScope): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of accountTables()) {
    const res = await db.execute<{ n: number }>(sql`select count(*)::int as n from ${t.table} where ${t.where(scope)}`);
    counts[t.name] = res.rows[0].n;
  }
  return counts;
}
