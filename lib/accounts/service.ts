import { eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { users, workspaces } from "@/db/schema/accounts";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { giveBack, take } from "@/lib/auth/rate-limit";
import type { Principal } from "@/lib/auth/tokens";
import { grantCredits } from "@/lib/credits/ledger";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { RegisterInput } from "@/lib/validation/auth";
import { checkPasswordStrength } from "./password-strength";

export interface Account extends Principal {
  email: string;
  name: string | null;
}

/** An account that has just proved its password: sessions and tokens issued now carry its generation. */
export interface SignedInAccount extends Account {
  sessionGeneration: number;
}

/** Refuses (400, naming `field`) a password that is easy to guess, saying why. */
export function assertStrongPassword(password: string, related: Array<string | null | undefined>, field = "password", label = "password"): void {
  const verdict = checkPasswordStrength(password, related);
  if (!verdict.ok) throw new AppError("bad_request", `${label} is too weak: ${verdict.reason}`, field);
}

/** Creates a user, their personal workspace and the starting credit grant, all or nothing. */
export async function registerUser(db: Db, input: RegisterInput, opts: { bypassSignupSwitch?: boolean } = {}): Promise<Account> {
  if (!opts.bypassSignupSwitch && !env().ALLOW_SIGNUP) throw new AppError("forbidden", "Sign-up is disabled on this server");
  assertStrongPassword(input.password, [input.email, input.name]);
  const passwordHash = await hashPassword(input.password);
  const email = input.email.trim().toLowerCase();
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ email, name: input.name ?? null, passwordHash })
        .returning();
      const [ws] = await tx
        .insert(workspaces)
        .values({ name: `${input.name || email.split("@")[0]}'s studio`, ownerId: user.id })
        .returning();
      if (env().STARTING_CREDITS > 0) {
        await grantCredits(tx, ws.id, env().STARTING_CREDITS, `signup:${ws.id}`, "Starting credits");
      }
      return { userId: user.id, workspaceId: ws.id, email: user.email, name: user.name };
    });
  } catch (e) {
    if ((e as { code?: string; cause?: { code?: string } }).code === "23505" || (e as { cause?: { code?: string } }).cause?.code === "23505") {
      throw new AppError("conflict", "An account with this email already exists", "email");
    }
    throw e;
  }
}

export async function findAccountByEmail(db: Db, email: string) {
  const [row] = await db
    .select({ user: users, workspaceId: workspaces.id })
    .from(users)
    .innerJoin(workspaces, eq(workspaces.ownerId, users.id))
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
    .limit(1);
  return row ?? null;
}

/** Returns the account when the password matches, null otherwise (never says which part was wrong). */
export async function verifyCredentials(db: Db, email: string, password: string): Promise<SignedInAccount | null> {
  const row = await findAccountByEmail(db, email);
  if (!row) {
    // Spend the same time as a real check so response times do not reveal which emails exist.
    await verifyPassword(password, "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    return null;
  }
  if (!(await verifyPassword(password, row.user.passwordHash))) return null;
  return { userId: row.user.id, workspaceId: row.workspaceId, email: row.user.email, name: row.user.name, sessionGeneration: row.user.sessionGeneration };
}

const PASSWORD_CHANGE_WINDOW_SECONDS = 15 * 60;
/** Wrong current passwords one user may send in a window: a borrowed session must not become a guessing oracle. */
const PASSWORD_CHANGE_TRIES = 10;

export type UserRow = typeof users.$inferSelect;

/** The signed-in user's row; a session whose user is gone has ended. */
export async function signedInUser(db: DbOrTx, userId: string): Promise<UserRow> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new AppError("unauthorized", "Your session has ended; please sign in again");
  return user;
}

/**
 * Refuses (400 on `currentPassword`) a wrong current password. Every change that needs it (the
 * password, the email, deleting the account) shares one throttle per user: a borrowed session must
 * not become a guessing oracle.
 */
export async function proveCurrentPassword(db: Db, user: UserRow, password: string): Promise<void> {
  const key = `password-change:${user.id}`;
  const tries = await take(db, key, PASSWORD_CHANGE_WINDOW_SECONDS);
  if (tries.count > PASSWORD_CHANGE_TRIES) {
    const minutes = Math.ceil(tries.retryAfterSeconds / 60);
    throw new AppError("rate_limited", `Too many wrong current passwords; try again in ${minutes} minute${minutes === 1 ? "" : "s"}`, "currentPassword");
  }
  if (!(await verifyPassword(password, user.passwordHash))) {
    throw new AppError("bad_request", "The current password is not correct", "currentPassword");
  }
  await giveBack(db, key, PASSWORD_CHANGE_WINDOW_SECONDS);
}

/**
 * Sets a new password once the current one is proved, and ends every session and access token
 * issued before (the caller signs the browser that asked back in, as `email`).
 */
export async function changePassword(
  db: Db,
  userId: string,
  input: { currentPassword: string; newPassword: string },
): Promise<{ email: string; sessionGeneration: number }> {
  const user = await signedInUser(db, userId);
  await proveCurrentPassword(db, user, input.currentPassword);
  if (input.newPassword === input.currentPassword) throw new AppError("bad_request", "The new password must differ from the current one", "newPassword");
  assertStrongPassword(input.newPassword, [user.email, user.name], "newPassword", "new password");
  const [row] = await db
    .update(users)
    .set({ passwordHash: await hashPassword(input.newPassword), sessionGeneration: sql`${users.sessionGeneration} + 1` })
    .where(eq(users.id, userId))
    .returning({ sessionGeneration: users.sessionGeneration });
  return { email: user.email, sessionGeneration: row.sessionGeneration };
}
