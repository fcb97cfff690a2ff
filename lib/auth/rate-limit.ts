import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rateLimits } from "@/db/schema/accounts";

export interface WindowCount {
  /** The count in the current window, this hit included. */
  count: number;
  /** Whole seconds until the current window closes and the count starts again. */
  retryAfterSeconds: number;
}

/** Longer keys are stored as their hash: a key built from a caller's input could otherwise outgrow the primary-key index. */
const MAX_KEY_LENGTH = 200;

/** The key as stored: itself when short, else a fixed-length hash of it under the same prefix. */
export function storedKey(key: string): string {
  if (key.length <= MAX_KEY_LENGTH) return key;
  return `${key.slice(0, key.indexOf(":") + 1)}sha256:${createHash("sha256").update(key).digest("hex")}`;
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
    .values({ key: storedKey(key), windowStart: sql`now()`, count: cost })
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
    sql`update rate_limits set count = greatest(count - ${cost}, 0) where key = ${storedKey(key)} and window_start >= now() - make_interval(secs => ${windowSeconds})`,
  );
}

export interface Backoff {
  /** Failures that cost nothing: the next attempt is allowed at once. */
  free: number;
  /** The wait after the first failure past `free`; it doubles with each further one. */
  baseSeconds: number;
  maxSeconds: number;
  /** Failures older than this are forgotten: the count starts again. */
  forgetSeconds: number;
}

export type BackoffGate = { allowed: true; failures: number } | { allowed: false; retryAfterSeconds: number };

/** Seconds to wait after `failures` failures. */
export function backoffSeconds(failures: number, b: Backoff): number {
  return failures < b.free ? 0 : Math.min(b.baseSeconds * 2 ** (failures - b.free), b.maxSeconds);
}

/**
 * Counts an attempt under exponential backoff, or refuses it while the wait since the last counted
 * attempt is not over. `count` is the attempts counted so far and `windowStart` the last one; a
 * refused attempt changes neither. One upsert whose update is conditional decides and counts, so
 * concurrent attempts queue on the row and each sees the one before it. `reset` forgets the count.
 */
export async function takeWithBackoff(db: Db, key: string, b: Backoff): Promise<BackoffGate> {
  const forgotten = sql`${rateLimits.windowStart} < now() - make_interval(secs => ${b.forgetSeconds})`;
  const wait = sql`least(${b.baseSeconds}::float8 * power(2, ${rateLimits.count} - ${b.free}), ${b.maxSeconds})`;
  const counted = await db
    .insert(rateLimits)
    .values({ key: storedKey(key), windowStart: sql`now()`, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: { count: sql`case when ${forgotten} then 1 else ${rateLimits.count} + 1 end`, windowStart: sql`now()` },
      setWhere: sql`${forgotten} or ${rateLimits.count} < ${b.free} or ${rateLimits.windowStart} + make_interval(secs => ${wait}) <= now()`,
    })
    .returning({ count: rateLimits.count });
  if (counted.length) return { allowed: true, failures: counted[0].count };
  const [row] = await db
    .select({ retryAfterSeconds: sql<number>`greatest(1, ceil(extract(epoch from ${rateLimits.windowStart} + make_interval(secs => ${wait}) - now())))::int` })
    .from(rateLimits)
    .where(eq(rateLimits.key, storedKey(key)));
  return { allowed: false, retryAfterSeconds: row?.retryAfterSeconds ?? 1 };
}

/** Forgets a key's count (a backoff that a success ends). */
export async function reset(db: Db, key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, storedKey(key)));
}
