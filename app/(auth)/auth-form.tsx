"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Field } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { signInAction, signUpAction, type AuthFormState } from "./actions";

export function AuthForm({
  mode,
  next,
  signupEnabled = true,
  notice,
}: {
  mode: "sign-in" | "sign-up";
  next?: string;
  signupEnabled?: boolean;
  /** A word about what just happened (an account deleted), above the form. */
  notice?: string;
}) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(mode === "sign-in" ? signInAction : signUpAction, undefined);
  const fe = state?.fieldErrors ?? {};
  const signUp = mode === "sign-up";
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">{signUp ? "Create your studio" : "Welcome back"}</CardTitle>
        <CardDescription>{signUp ? "An account gives you a private workspace and starting credits." : "Sign in to your studio."}</CardDescription>
      </CardHeader>
      <form action={action} noValidate>
        <CardContent className="grid gap-4">
          {notice && !state?.error ? (
            <p role="status" className="rounded-md bg-muted px-3 py-2 text-sm">
              {notice}
            </p>
          ) : null}
          {next ? <input type="hidden" name="next" value={next} /> : null}
          {signUp ? (
            <Field id="name" label="Name" error={fe.name}>
              <Input id="name" name="name" autoComplete="name" placeholder="Alex Chen" />
            </Field>
          ) : null}
          <Field id="email" label="Email" error={fe.email}>
            <Input id="email" name="email" type="email" autoComplete="email" required aria-invalid={!!fe.email} />
          </Field>
          <Field id="password" label="Password" error={fe.password} hint={signUp ? "At least 8 characters." : undefined}>
            <Input
              id="password"
              name="password"
              type="password"
              autoComplete={signUp ? "new-password" : "current-password"}
              required
              aria-invalid={!!fe.password}
            />
          </Field>
          {state?.error ? (
            <p role="alert" className="rounded-md bg-destructive/10 px-3 py-2 text-sm text-destructive">
              {state.error}
            </p>
          ) : null}
        </CardContent>
        <CardFooter className="mt-6 flex flex-col gap-3">
          <Button type="submit" className="w-full" disabled={pending}>
            {pending ? "Please wait…" : signUp ? "Create account" : "Sign in"}
          </Button>
          {signUp ? (
            <p className="text-sm text-muted-foreground">
              Have an account?{" "}
              <Link className="text-primary underline-offset-4 hover:underline" href="/sign-in">
                Sign in
              </Link>
            </p>
          ) : signupEnabled ? (
            <p className="text-sm text-muted-foreground">
              New here?{" "}
              <Link className="text-primary underline-offset-4 hover:underline" href="/sign-up">
                Create an account
              </Link>
            </p>
          ) : null}
        </CardFooter>
      </form>
    </Card>
  );
}
