import { index, integer, pgTable, serial, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./accounts";

/**
 * Append-only ledger. The balance is the sum of `amount`. A reservation is a negative row;
 * capture records that it became final (amount 0), refund gives it back (positive row).
 * The unique idempotency key makes every movement happen at most once.
 */
export const creditLedger = pgTable(
  "credit_ledger",
  {
    id: serial("id").primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    amount: integer("amount").notNull(),
    kind: text("kind", { enum: ["grant", "reserve", "capture", "refund", "adjust"] }).notNull(),
    reference: text("reference"),
    note: text("note"),
    idempotencyKey: text("idempotency_key").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("credit_ledger_idem_idx").on(t.idempotencyKey), index("credit_ledger_ws_idx").on(t.workspaceId)],
);
