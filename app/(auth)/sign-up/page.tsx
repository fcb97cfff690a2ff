import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentPrincipal } from "@/lib/auth/principal";
import { env } from "@/lib/env";
import { AuthForm } from "../auth-form";

export const metadata: Metadata = { title: "Create account" };

export default async function SignUpPage() {
  if (await currentPrincipal()) redirect("/dashboard");
  if (!env().ALLOW_SIGNUP) {
    return <p className="rounded-lg border bg-card p-6 text-center text-sm">Sign-up is turned off on this server. Ask its operator for an account.</p>;
  }
  return <AuthForm mode="sign-up" />;
}
