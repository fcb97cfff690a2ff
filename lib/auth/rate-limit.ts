import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rateLimits } from "@/db/schema/accounts";

/**
 * Fixed-window counter in Postgres, so every server process shares it.
 * Returns the count in the current window after adding `cost`.
 */
export async function hit(db: Db, key: string, windowSeconds: number, cost = 1): Promise<number> {
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: new Date(), count: cost })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} < now() - make_interval(secs => ${windowSeconds}) then ${cost} else ${rateLimits.count} + ${cost} end`,
        windowStart: sql`case when ${rateLimits.windowStart} < now() - make_interval(secs => ${windowSeconds}) then now() else ${rateLimits.windowStart} end`,
      },
    })
    .returning({ count: rateLimits.count });
  return row.count;
}

export async function peek(db: Db, key: string, windowSeconds: number): Promise<number> {
  const rows = await db.execute<{ count: number }>(
    sql`select count from rate_limits where key = ${key} and window_start >= now() - make_interval(secs => ${windowSeconds})`,
  );
  return rows.rows[0]?.count ?? 0;
}
