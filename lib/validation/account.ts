import { z } from "zod";
import { MAX_EMAIL_LENGTH, MAX_PASSWORD_LENGTH } from "./auth";
import { text } from "./text";

/** What the delete dialog also accepts instead of the account's email. */
export const DELETE_ACCOUNT_PHRASE = "delete my account";

const currentPassword = text({ label: "current password", max: MAX_PASSWORD_LENGTH, untrimmed: true });

/**
 * Settings › Account: the name (empty clears it) and the email. The current password is checked
 * by the service, and only when the email changes.
 */
export const updateProfileInput = z.object({
  name: text({ label: "name", max: 100 }),
  email: text({ label: "email", max: MAX_EMAIL_LENGTH, min: 1, required: "email is required", tooShort: "email is required" }).email(
    "email must be a valid email address",
  ),
  currentPassword: currentPassword.optional(),
});
export type UpdateProfileInput = z.infer<typeof updateProfileInput>;

/** The typed confirmation (the account's email or DELETE_ACCOUNT_PHRASE) is compared by the service, which knows the email. */
export const deleteAccountInput = z.object({
  confirmation: text({
    label: "confirmation",
    max: MAX_EMAIL_LENGTH,
    min: 1,
    required: "type your email or “delete my account”",
    tooShort: "type your email or “delete my account”",
  }),
  currentPassword: text({
    label: "current password",
    max: MAX_PASSWORD_LENGTH,
    min: 1,
    required: "current password is required",
    tooShort: "current password is required",
    untrimmed: true,
  }),
});
export type DeleteAccountInput = z.infer<typeof deleteAccountInput>;

/** Whether `typed` confirms deleting the account of `email` (case and surrounding spaces aside). */
export function confirmsDeletion(typed: string, email: string): boolean {
  const t = typed.trim().toLowerCase();
  return t === email.trim().toLowerCase() || t === DELETE_ACCOUNT_PHRASE;
}
