"use server";

import { AuthError } from "next-auth";
import { getDb } from "@/db/client";
import { registerUser } from "@/lib/accounts/service";
import { signIn, signOut } from "@/lib/auth/auth";
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
    if (e instanceof AuthError) return { error: "Wrong email or password (or too many attempts: wait 15 minutes)" };
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

export async function signOutAction() {
  await signOut({ redirectTo: "/sign-in" });
}
