import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { workspaces } from "@/db/schema/accounts";
import { creditLedger } from "@/db/schema/credits";
import { AppError } from "@/lib/errors";

export async function getBalance(db: DbOrTx, workspaceId: string): Promise<number> {
  const [row] = await db
    .select({ balance: sql<number>`coalesce(sum(${creditLedger.amount}), 0)::int` })
    .from(creditLedger)
    .where(eq(creditLedger.workspaceId, workspaceId));
  return row?.balance ?? 0;
}

async function insertOnce(db: DbOrTx, row: typeof creditLedger.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(creditLedger).values(row).onConflictDoNothing({ target: creditLedger.idempotencyKey }).returning({ id: creditLedger.id });
  return inserted.length > 0;
}

export function grantCredits(db: DbOrTx, workspaceId: string, amount: number, idempotencyKey: string, note?: string) {
  if (!Number.isInteger(amount) || amount <= 0) throw new AppError("bad_request", "amount must be a positive integer", "amount");
  return insertOnce(db, { workspaceId, amount, kind: "grant", idempotencyKey, note });
}

/**
 * Reserves `amount` credits. Must run inside a transaction: the workspace row is locked so
 * two concurrent reservations cannot both pass the balance check.
 */
export async function reserveCredits(tx: DbOrTx, args: { workspaceId: string; amount: number; reference: string; idempotencyKey: string }): Promise<void> {
  await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, args.workspaceId)).for("update");
  const [existing] = await tx.select({ id: creditLedger.id }).from(creditLedger).where(eq(creditLedger.idempotencyKey, args.idempotencyKey));
  if (existing) return;
  const balance = await getBalance(tx, args.workspaceId);
  if (balance < args.amount) {
    throw new AppError("insufficient_credits", `Insufficient credits: this needs ${args.amount} credits and the balance is ${balance}`);
  }
  await insertOnce(tx, {
    workspaceId: args.workspaceId,
    amount: -args.amount,
    kind: "reserve",
    reference: args.reference,
    idempotencyKey: args.idempotencyKey,
  });
}

/**
 * Marks a reservation final. Idempotent; a reservation already refunded is not captured. With
 * `amount`, the work is billed that much instead of what was reserved (work priced by what it
 * actually produced): an `adjust` row gives back the difference, or takes the rest.
 */
export async function captureCredits(tx: DbOrTx, args: { workspaceId: string; reference: string; reserveKey: string; amount?: number }) {
  const refunded = await tx
    .select({ id: creditLedger.id })
    .from(creditLedger)
    .where(and(eq(creditLedger.idempotencyKey, `refund:${args.reserveKey}`)));
  if (refunded.length) return false;
  const captured = await insertOnce(tx, {
    workspaceId: args.workspaceId,
    amount: 0,
    kind: "capture",
    reference: args.reference,
    idempotencyKey: `capture:${args.reserveKey}`,
  });
  if (!captured || args.amount === undefined) return captured;
  const [reserve] = await tx.select({ amount: creditLedger.amount }).from(creditLedger).where(eq(creditLedger.idempotencyKey, args.reserveKey));
  const difference = -(reserve?.amount ?? 0) - args.amount;
  if (difference !== 0) {
    await insertOnce(tx, {
      workspaceId: args.workspaceId,
      amount: difference,
      kind: "adjust",
      reference: args.reference,
      note: `billed ${args.amount} of ${-(reserve?.amount ?? 0)} reserved`,
      idempotencyKey: `adjust:${args.reserveKey}`,
    });
  }
  return true;
}

/** Gives a reservation back. Idempotent; a captured reservation is not refunded. */
export async function refundCredits(tx: DbOrTx, args: { workspaceId: string; reference: string; reserveKey: string }) {
  const [reserve] = await tx.select({ amount: creditLedger.amount }).from(creditLedger).where(eq(creditLedger.idempotencyKey, args.reserveKey));
  if (!reserve) return false;
  const captured = await tx
    .select({ id: creditLedger.id })
    .from(creditLedger)
    .where(eq(creditLedger.idempotencyKey, `capture:${args.reserveKey}`));
  if (captured.length) return false;
  return insertOnce(tx, {
    workspaceId: args.workspaceId,
    amount: -reserve.amount,
    kind: "refund",
    reference: args.reference,
    idempotencyKey: `refund:${args.reserveKey}`,
  });
}
