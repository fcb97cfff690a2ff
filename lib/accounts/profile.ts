import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema/accounts";
import { AppError } from "@/lib/errors";
import type { UpdateProfileInput } from "@/lib/validation/account";
import { proveCurrentPassword, signedInUser } from "./service";

export const EMAIL_IN_USE = "That email is already in use";

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === "23505" || (e as { cause?: { code?: string } }).cause?.code === "23505";

/**
 * Saves the user's name and email. A new email (compared without case) needs the current password,
 * since whoever holds the email can sign in; emails are unique without regard to case.
 */
export async function updateProfile(db: Db, userId: string, input: UpdateProfileInput): Promise<{ name: string | null; email: string; emailChanged: boolean }> {
  const user = await signedInUser(db, userId);
  const email = input.email.trim().toLowerCase();
  const emailChanged = email !== user.email.toLowerCase();
  if (emailChanged) {
    if (!input.currentPassword) throw new AppError("bad_request", "Enter your current password to change your email", "currentPassword");
    await proveCurrentPassword(db, user, input.currentPassword);
    const [taken] = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(sql`lower(${users.email})`, email), ne(users.id, userId)));
    if (taken) throw new AppError("conflict", EMAIL_IN_USE, "email");
  }
  try {
    const [row] = await db
      .update(users)
      .set({ name: input.name || null, ...(emailChanged ? { email } : {}) })
      .where(eq(users.id, userId))
      .returning({ name: users.name, email: users.email });
    return { ...row, emailChanged };
  } catch (e) {
    // Two accounts taking the same email at once: the unique index decides.
    if (isUniqueViolation(e)) throw new AppError("conflict", EMAIL_IN_USE, "email");
    throw e;
  }
}
