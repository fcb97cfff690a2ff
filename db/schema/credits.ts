import { sql } from "drizzle-orm";
import { bigint, index, integer, numeric, pgTable, serial, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users, workspaces } from "./accounts";

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
    /** Who moved credits by hand (the owner adding credits); null for the system's own movements. */
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    idempotencyKey: text("idempotency_key").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("credit_ledger_idem_idx").on(t.idempotencyKey), index("credit_ledger_ws_idx").on(t.workspaceId)],
);

export const allowanceModes = ["add", "top_up"] as const;
export type AllowanceMode = (typeof allowanceModes)[number];

/**
 * A workspace's monthly allowance: `credits` granted on the 1st of each month (UTC) by the
 * credit-allowance cron, once per month (ledger key allowance:<workspace>:<yyyy-mm>). "add" grants
 * them all; "top_up" grants what brings the balance up to them (nothing when it is already there).
 */
export const creditAllowances = pgTable("credit_allowances", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  credits: integer("credits").notNull(),
  mode: text("mode", { enum: allowanceModes }).notNull().default("add"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
