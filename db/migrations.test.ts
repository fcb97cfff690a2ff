import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { TEST_DB_PREFIX } from "@/lib/test/databases";

const adminUrl = process.env.TEST_DB_ADMIN_URL!;
const name = `${TEST_DB_PREFIX}_migration_${randomBytes(4).toString("hex")}`;
const dbUrl = () => Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Applies the migrations up to and including `lastTag` (a copy of the folder with a shorter journal). */
async function migrateUpTo(client: pg.Client, lastTag?: string) {
  const source = path.resolve("db/migrations");
  let folder = source;
  if (lastTag) {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), "cinetwin-migrations-"));
    await fs.cp(source, folder, { recursive: true });
    const journalPath = path.join(folder, "meta/_journal.json");
    const journal = JSON.parse(await fs.readFile(journalPath, "utf8")) as { entries: Array<{ tag: string }> };
    journal.entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === lastTag) + 1);
    await fs.writeFile(journalPath, JSON.stringify(journal));
  }
  try {
    await migrate(drizzle({ client }), { migrationsFolder: folder });
  } finally {
    if (folder !== source) await fs.rm(folder, { recursive: true, force: true });
  }
}

afterAll(() => admin((c) => c.query(`drop database if exists ${name} with (force)`)));

describe("migration 0013 (credits in hundredths)", () => {
  it("multiplies the existing ledger rows by 100 and keeps `amount` in credits for SQL readers", async () => {
    await admin((c) => c.query(`create database ${name}`));
    const client = new pg.Client({ connectionString: dbUrl() });
    await client.connect();
    try {
      await migrateUpTo(client, "0012_saved_timelines");
      // Rows as the whole-credit ledger wrote them (the foreign keys are not what is tested here).
      await client.query("set session_replication_role = replica");
      const ws = "00000000-0000-4000-8000-000000000001";
      await client.query(`insert into workspaces (id, name, owner_id) values ($1, 'w', $1)`, [ws]);
      await client.query(
        `insert into credit_ledger (workspace_id, amount, kind, idempotency_key) values ($1, 100, 'grant', 'g'), ($1, -30, 'reserve', 'r'), ($1, 30, 'refund', 'f')`,
        [ws],
      );
      await client.query("set session_replication_role = origin");
      await migrateUpTo(client);
      const { rows } = await client.query<{ amount_hundredths: string; amount: string }>("select amount_hundredths, amount from credit_ledger order by id");
      expect(rows.map((r) => [Number(r.amount_hundredths), r.amount])).toEqual([
        [10000, "100.00"],
        [-3000, "-30.00"],
        [3000, "30.00"],
      ]);
    } finally {
      await client.end();
    }
  });
});
