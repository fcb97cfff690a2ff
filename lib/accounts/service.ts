import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users, workspaces } from "@/db/schema/accounts";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
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
export async function verifyCredentials(db: Db, email: string, password: string): Promise<Account | null> {
  const row = await findAccountByEmail(db, email);
  if (!row) {
    // Spend the same time as a real check so response times do not reveal which emails exist.
    await verifyPassword(password, "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    return null;
  }
  if (!(await verifyPassword(password, row.user.passwordHash))) return null;
  return { userId: row.user.id, workspaceId: row.workspaceId, email: row.user.email, name: row.user.name };
}
