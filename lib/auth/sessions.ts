import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { users } from "@/db/schema/accounts";

/**
 * Ends every session cookie and access token the user holds: each carries the generation it was
 * issued in, and from now on only the new generation is current. One counter rather than a list
 * of sessions keeps the check of every request one primary-key read; the price is that a sign-out
 * ends the user's sessions everywhere, not only in the browser that signed out.
 */
export async function endSessions(db: DbOrTx, userId: string): Promise<number | null> {
  const [row] = await db
    .update(users)
    .set({ sessionGeneration: sql`${users.sessionGeneration} + 1` })
    .where(eq(users.id, userId))
    .returning({ generation: users.sessionGeneration });
  return row?.generation ?? null;
}

/**
 * Whether a session or access token of `generation` still stands: its user exists and has not
 * signed out, pressed "sign out everywhere" or changed the password since it was issued. A token
 * from before generations existed carries none and counts as generation 0.
 */
export async function isSessionCurrent(db: DbOrTx, userId: string, generation: unknown): Promise<boolean> {
  const issued = generation === undefined ? 0 : generation;
  if (typeof issued !== "number" || !/^[0-9a-f-]{36}$/i.test(userId)) return false;
  const [row] = await db.select({ generation: users.sessionGeneration }).from(users).where(eq(users.id, userId));
  return row?.generation === issued;
}
