import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { workspaces } from "@/db/schema/accounts";
import { creditLedger } from "@/db/schema/credits";
import { AppError } from "@/lib/errors";
import { formatCredits, toHundredths } from "./units";

/**
 * The credit ledger. Amounts are stored in hundredths of a credit (exact for fractional prices);
 * every function here that takes or returns `amount` speaks whole credits as it always did, and
 * the `...Hundredths` entry points take fractional prices exactly.
 */

/** The balance in hundredths of a credit. */
export async function getBalanceHundredths(db: DbOrTx, workspaceId: string): Promise<number> {
  const [row] = await db
    .select({ balance: sql<string>`coalesce(sum(${creditLedger.amountHundredths}), 0)::bigint` })
    .from(creditLedger)
    .where(eq(creditLedger.workspaceId, workspaceId));
  return Number(row?.balance ?? 0);
}

/** The balance in credits, with its fraction (49.7). */
export async function getBalance(db: DbOrTx, workspaceId: string): Promise<number> {
  return (await getBalanceHundredths(db, workspaceId)) / 100;
}

async function insertOnce(db: DbOrTx, row: typeof creditLedger.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(creditLedger).values(row).onConflictDoNothing({ target: creditLedger.idempotencyKey }).returning({ id: creditLedger.id });
  return inserted.length > 0;
}

export function grantCredits(db: DbOrTx, workspaceId: string, amount: number, idempotencyKey: string, note?: string) {
  if (!Number.isInteger(amount) || amount <= 0) throw new AppError("bad_request", "amount must be a positive integer", "amount");
  return insertOnce(db, { workspaceId, amountHundredths: toHundredths(amount), kind: "grant", idempotencyKey, note });
}

interface ReserveArgs {
  workspaceId: string;
  reference: string;
  idempotencyKey: string;
}

/**
 * Reserves `amount` whole credits. Must run inside a transaction: the workspace row is locked so
 * two concurrent reservations cannot both pass the balance check.
 */
export function reserveCredits(tx: DbOrTx, args: ReserveArgs & { amount: number }): Promise<void> {
  const { amount, ...rest } = args;
  return reserveCreditHundredths(tx, { ...rest, hundredths: toHundredths(amount) });
}

/** Reserves a fractional price exactly: `hundredths` of a credit (120 = 1.2 credits). As reserveCredits otherwise. */
export async function reserveCreditHundredths(tx: DbOrTx, args: ReserveArgs & { hundredths: number }): Promise<void> {
  if (!Number.isInteger(args.hundredths) || args.hundredths < 0) throw new Error(`a reservation is a whole number of hundredths, got ${args.hundredths}`);
  await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, args.workspaceId)).for("update");
  const [existing] = await tx.select({ id: creditLedger.id }).from(creditLedger).where(eq(creditLedger.idempotencyKey, args.idempotencyKey));
  if (existing) return;
  const balance = await getBalanceHundredths(tx, args.workspaceId);
  if (balance < args.hundredths) {
    throw new AppError(
      "insufficient_credits",
      `Insufficient credits: this needs ${formatCredits(args.hundredths)} credits and the balance is ${formatCredits(balance)}`,
    );
  }
  await insertOnce(tx, {
    workspaceId: args.workspaceId,
    amountHundredths: -args.hundredths,
    kind: "reserve",
    reference: args.reference,
    idempotencyKey: args.idempotencyKey,
  });
}

/**
 * Marks a reservation final. Idempotent; a reservation already refunded is not captured. With
 * `amount` (whole credits) or `amountHundredths`, the work is billed that much instead of what was
 * reserved (work priced by what it actually produced): an `adjust` row gives back the difference,
 * or takes the rest.
 */
export async function captureCredits(
  tx: DbOrTx,
  args: { workspaceId: string; reference: string; reserveKey: string; amount?: number; amountHundredths?: number },
) {
  const refunded = await tx
    .select({ id: creditLedger.id })
    .from(creditLedger)
    .where(and(eq(creditLedger.idempotencyKey, `refund:${args.reserveKey}`)));
  if (refunded.length) return false;
  const captured = await insertOnce(tx, {
    workspaceId: args.workspaceId,
    amountHundredths: 0,
    kind: "capture",
    reference: args.reference,
    idempotencyKey: `capture:${args.reserveKey}`,
  });
  const billed = args.amountHundredths ?? (args.amount === undefined ? undefined : toHundredths(args.amount));
  if (!captured || billed === undefined) return captured;
  const [reserve] = await tx.select({ amount: creditLedger.amountHundredths }).from(creditLedger).where(eq(creditLedger.idempotencyKey, args.reserveKey));
  const reserved = -(reserve?.amount ?? 0);
  const difference = reserved - billed;
  if (difference !== 0) {
    await insertOnce(tx, {
      workspaceId: args.workspaceId,
      amountHundredths: difference,
      kind: "adjust",
      reference: args.reference,
      note: `billed ${formatCredits(billed)} of ${formatCredits(reserved)} reserved`,
      idempotencyKey: `adjust:${args.reserveKey}`,
    });
  }
  return true;
}

/** Gives a reservation back. Idempotent; a captured reservation is not refunded. */
export async function refundCredits(tx: DbOrTx, args: { workspaceId: string; reference: string; reserveKey: string }) {
  const [reserve] = await tx.select({ amount: creditLedger.amountHundredths }).from(creditLedger).where(eq(creditLedger.idempotencyKey, args.reserveKey));
  if (!reserve) return false;
  const captured = await tx
    .select({ id: creditLedger.id })
    .from(creditLedger)
    .where(eq(creditLedger.idempotencyKey, `capture:${args.reserveKey}`));
  if (captured.length) return false;
  return insertOnce(tx, {
    workspaceId: args.workspaceId,
    amountHundredths: -reserve.amount,
    kind: "refund",
    reference: args.reference,
    idempotencyKey: `refund:${args.reserveKey}`,
  });
}
