import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rateLimits } from "@/db/schema/accounts";

export interface WindowCount {
  /** The count in the current window, this hit included. */
  count: number;
  /** Whole seconds until the current window closes and the count starts again. */
  retryAfterSeconds: number;
}

/**
 * Fixed-window counter in Postgres, so every server process shares it. One upsert both adds
 * `cost` and reads the result, so concurrent callers each see a distinct count (no read-then-write
 * gap to slip through). Window times are the database's clock, never this process's.
 */
export async function take(db: Db, key: string, windowSeconds: number, cost = 1): Promise<WindowCount> {
  const expired = sql`${rateLimits.windowStart} < now() - make_interval(secs => ${windowSeconds})`;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: sql`now()`, count: cost })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${expired} then ${cost} else ${rateLimits.count} + ${cost} end`,
        windowStart: sql`case when ${expired} then now() else ${rateLimits.windowStart} end`,
      },
    })
    .returning({
      count: rateLimits.count,
      retryAfterSeconds: sql<number>`greatest(1, ceil(extract(epoch from ${rateLimits.windowStart} + make_interval(secs => ${windowSeconds}) - now())))::int`,
    });
  return row;
}

/** Returns the count in the current window after adding `cost`. */
export async function hit(db: Db, key: string, windowSeconds: number, cost = 1): Promise<number> {
  return (await take(db, key, windowSeconds, cost)).count;
}

/** Gives `cost` back to the current window (never below zero); an expired window is left alone. */
export async function giveBack(db: Db, key: string, windowSeconds: number, cost = 1): Promise<void> {
  await db.execute(
    sql`update rate_limits set count = greatest(count - ${cost}, 0) where key = ${key} and window_start >= now() - make_interval(secs => ${windowSeconds})`,
  );
}
