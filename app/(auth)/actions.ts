"use server";

import { AuthError } from "next-auth";
import { getDb } from "@/db/client";
import { registerUser } from "@/lib/accounts/service";
import { signIn, SignInThrottled, signOut } from "@/lib/auth/auth";
import { waitInWords } from "@/lib/auth/login-throttle";
import { currentPrincipal } from "@/lib/auth/principal";
import { endSessions } from "@/lib/auth/sessions";
import { isAppError } from "@/lib/errors";
import { registerInput, signInInput } from "@/lib/validation/auth";
import { formText } from "@/lib/validation/form-data";

export type AuthFormState = { error?: string; fieldErrors?: Record<string, string> } | undefined;

function firstErrors(issues: { path: PropertyKey[]; message: string }[]) {
  const out: Record<string, string> = {};
  for (const i of issues) out[String(i.path[0] ?? "_")] ??= i.message;
  return out;
}

export async function signInAction(_: AuthFormState, form: FormData): Promise<AuthFormState> {
  const parsed = signInInput.safeParse({ email: form.get("email"), password: form.get("password") });
  if (!parsed.success) return { error: "Check the highlighted fields", fieldErrors: firstErrors(parsed.error.issues) };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: formText(form, "next") || "/dashboard" });
  } catch (e) {
    if (e instanceof SignInThrottled) return { error: `Too many failed attempts; try again in ${waitInWords(e.retryAfterSeconds)}` };
    if (e instanceof AuthError) return { error: "Wrong email or password" };
    throw e; // the redirect after a successful sign-in
  }
}

export async function signUpAction(_: AuthFormState, form: FormData): Promise<AuthFormState> {
  const parsed = registerInput.safeParse({
    email: form.get("email"),
    password: form.get("password"),
    name: form.get("name") || undefined,
  });
  if (!parsed.success) return { error: "Check the highlighted fields", fieldErrors: firstErrors(parsed.error.issues) };
  try {
    await registerUser(getDb(), parsed.data);
  } catch (e) {
    if (isAppError(e)) return { error: e.message, fieldErrors: e.field ? { [e.field]: e.message } : undefined };
    console.error("[sign-up]", e);
    return { error: "Could not create the account; please try again" };
  }
  await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo: "/dashboard" });
}

/**
 * Ends every session and access token of the user, this browser's included. Auth.js's signOut
 * event does the same, but swallows its errors: here a failure to end them is not hidden behind a
 * cleared cookie.
 */
export async function signOutAction() {
  const p = await currentPrincipal();
  if (p) await endSessions(getDb(), p.userId);
  await signOut({ redirectTo: "/sign-in" });
}
