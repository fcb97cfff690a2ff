import type { Db } from "@/db/client";
import { grantMonthlyAllowances } from "@/lib/credits/manage";

/**
 * The hourly cron: this month's allowances. Any run after the first of the month (a redelivery, a
 * studio started after downtime) grants only what is still missing; the ledger's keys keep every
 * grant to once.
 */
export async function handleCreditAllowance(db: Db, now = new Date()): Promise<void> {
  const granted = await grantMonthlyAllowances(db, now);
  if (granted) console.log(`[credits] granted ${granted} monthly allowance(s) for ${now.toISOString().slice(0, 7)}`);
}
