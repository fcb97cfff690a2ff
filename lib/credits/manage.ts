import { randomUUID } from "node:crypto";
import { desc, eq, gt, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { workspaces } from "@/db/schema/accounts";
import { creditAllowances, creditLedger, type AllowanceMode } from "@/db/schema/credits";
import { AppError } from "@/lib/errors";
import type { AddCreditsInput, SetAllowanceInput } from "@/lib/validation/credits";
import { getBalanceHundredths } from "./ledger";
import { toHundredths } from "./units";

/**
 * Credits a creator manages: the owner adds credits by hand and sets a monthly allowance that the
 * credit-allowance cron grants on the 1st (UTC). Reads for the Settings page's Credits card.
 */

interface Caller {
  userId: string;
  workspaceId: string;
}

/** Whether the caller owns the workspace: only the owner moves credits by hand. */
export async function isWorkspaceOwner(db: DbOrTx, caller: Caller): Promise<boolean> {
  const [ws] = await db.select({ ownerId: workspaces.ownerId }).from(workspaces).where(eq(workspaces.id, caller.workspaceId));
  return ws?.ownerId === caller.userId;
}

async function requireOwner(db: DbOrTx, caller: Caller, what: string): Promise<void> {
  if (!(await isWorkspaceOwner(db, caller))) throw new AppError("forbidden", `Only the workspace's owner can ${what}`);
}

/** Adds credits by hand: one grant row naming the owner as its actor. Each call is its own addition. */
export async function addCredits(db: DbOrTx, caller: Caller, input: AddCreditsInput): Promise<{ balance: number }> {
  await requireOwner(db, caller, "add credits");
  await db.insert(creditLedger).values({
    workspaceId: caller.workspaceId,
    amountHundredths: toHundredths(input.amount),
    kind: "grant",
    reference: "manual",
    note: input.note?.trim() || "Added by the owner",
    actorId: caller.userId,
    idempotencyKey: `manual:${caller.workspaceId}:${randomUUID()}`,
  });
  return { balance: (await getBalanceHundredths(db, caller.workspaceId)) / 100 };
}

export interface Allowance {
  credits: number;
  mode: AllowanceMode;
}

/** The workspace's monthly allowance; 0 credits when none is set. */
export async function getAllowance(db: DbOrTx, workspaceId: string): Promise<Allowance> {
  const [row] = await db.select().from(creditAllowances).where(eq(creditAllowances.workspaceId, workspaceId));
  return row ? { credits: row.credits, mode: row.mode } : { credits: 0, mode: "add" };
}

/** Sets (or with 0 credits, turns off) the monthly allowance. Takes effect from the next 1st. */
export async function setAllowance(db: DbOrTx, caller: Caller, input: SetAllowanceInput): Promise<Allowance> {
  await requireOwner(db, caller, "set the monthly allowance");
  await db
    .insert(creditAllowances)
    .values({ workspaceId: caller.workspaceId, credits: input.credits, mode: input.mode })
    .onConflictDoUpdate({ target: creditAllowances.workspaceId, set: { credits: input.credits, mode: input.mode, updatedAt: new Date() } });
  return { credits: input.credits, mode: input.mode };
}

export interface LedgerEntry {
  id: number;
  kind: string;
  /** Whole or fractional credits, signed (a reservation is negative). */
  amount: number;
  note: string | null;
  reference: string | null;
  createdAt: Date;
}

/** The workspace's most recent ledger entries, newest first. */
export async function listLedgerEntries(db: DbOrTx, workspaceId: string, limit = 20): Promise<LedgerEntry[]> {
  const rows = await db
    .select({
      id: creditLedger.id,
      kind: creditLedger.kind,
      amountHundredths: creditLedger.amountHundredths,
      note: creditLedger.note,
      reference: creditLedger.reference,
      createdAt: creditLedger.createdAt,
    })
    .from(creditLedger)
    // A capture moves nothing (amount 0): it only marks a reservation final.
    .where(sql`${creditLedger.workspaceId} = ${workspaceId} and ${creditLedger.kind} <> 'capture'`)
    .orderBy(desc(creditLedger.createdAt), desc(creditLedger.id))
    .limit(limit);
  return rows.map(({ amountHundredths, ...r }) => ({ ...r, amount: amountHundredths / 100 }));
}

/** "2026-12" for a date in December 2026, in UTC: the month an allowance belongs to. */
export const allowanceMonth = (now: Date) => now.toISOString().slice(0, 7);

/** The ledger key that makes a workspace's allowance happen once a month. */
export const allowanceKey = (workspaceId: string, month: string) => `allowance:${workspaceId}:${month}`;

/**
 * Grants one workspace its allowance for `month`, at most once: the keyed row is written even when
 * a top-up has nothing to add (amount 0), so a second run in the same month, after credits were
 * spent, does not top up again. The workspace row is locked so a top-up reads a settled balance.
 */
async function grantAllowance(tx: DbOrTx, workspaceId: string, allowance: Allowance, month: string): Promise<boolean> {
  await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, workspaceId)).for("update");
  const key = allowanceKey(workspaceId, month);
  const [done] = await tx.select({ id: creditLedger.id }).from(creditLedger).where(eq(creditLedger.idempotencyKey, key));
  if (done) return false;
  const target = toHundredths(allowance.credits);
  const amount = allowance.mode === "top_up" ? Math.max(0, target - (await getBalanceHundredths(tx, workspaceId))) : target;
  const inserted = await tx
    .insert(creditLedger)
    .values({
      workspaceId,
      amountHundredths: amount,
      kind: "grant",
      reference: "allowance",
      note: allowance.mode === "top_up" ? `Monthly allowance ${month}: topped up to ${allowance.credits}` : `Monthly allowance ${month}`,
      idempotencyKey: key,
    })
    .onConflictDoNothing({ target: creditLedger.idempotencyKey })
    .returning({ id: creditLedger.id });
  return inserted.length > 0;
}

/**
 * The monthly cron's work: every workspace with an allowance gets this month's grant, once, however
 * many times it runs and on however many workers. Returns how many were granted by this run.
 */
export async function grantMonthlyAllowances(db: Db, now = new Date()): Promise<number> {
  const month = allowanceMonth(now);
  const due = await db.select().from(creditAllowances).where(gt(creditAllowances.credits, 0));
  let granted = 0;
  for (const row of due) {
    const ok = await db.transaction((tx) => grantAllowance(tx, row.workspaceId, { credits: row.credits, mode: row.mode }, month));
    if (ok) granted++;
  }
  return granted;
}
