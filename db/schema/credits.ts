import { sql } from "drizzle-orm";
import { bigint, index, numeric, pgTable, serial, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./accounts";

/**
 * Append-only ledger. The balance is the sum of `amountHundredths`: credits are kept in
 * hundredths so fractional prices (a Holoworld-style scene costs 0.3) are exact integers. A
 * reservation is a negative row; capture records that it became final (amount 0), refund gives
 * it back (positive row). The unique idempotency key makes every movement happen at most once.
 */
export const creditLedger = pgTable(
  "credit_ledger",
  {
    id: serial("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** A bigint: a balance of millions of credits is billions of hundredths. */
    amountHundredths: bigint("amount_hundredths", { mode: "number" }).notNull(),
    /**
     * The same amount in credits, computed by Postgres, for whoever reads the table with SQL
     * (operators, the e2e specs): the code reads and writes `amountHundredths` only.
     */
    amount: numeric("amount", { precision: 14, scale: 2 }).generatedAlwaysAs(sql`amount_hundredths / 100.0`),
    kind: text("kind", { enum: ["grant", "reserve", "capture", "refund", "adjust"] }).notNull(),
    reference: text("reference"),
    note: text("note"),
    idempotencyKey: text("idempotency_key").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("credit_ledger_idem_idx").on(t.idempotencyKey), index("credit_ledger_ws_idx").on(t.workspaceId)],
);
