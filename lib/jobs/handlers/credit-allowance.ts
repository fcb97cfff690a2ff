import type { Db } from "@/db/client";
import { grantMonthlyAllowances } from "@/lib/credits/manage";

/**
 * The monthly cron (1st, 00:05 UTC): this month's allowances. A redelivery or a late run later in
 * the month grants only what is still missing; the ledger's keys keep every grant to once.
 */
export async function handleCreditAllowance(db: Db, now = new Date()): Promise<void> {
  const granted = await grantMonthlyAllowances(db, now);
  if (granted) console.log(`[credits] granted ${granted} monthly allowance(s) for ${now.toISOString().slice(0, 7)}`);
}
