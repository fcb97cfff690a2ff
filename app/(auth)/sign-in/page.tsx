import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentPrincipal } from "@/lib/auth/principal";
import { env } from "@/lib/env";
import { AuthForm } from "../auth-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string; deleted?: string }> }) {
  if (await currentPrincipal()) redirect("/dashboard");
  const { next, deleted } = await searchParams;
  const safeNext = next?.startsWith("/") && !next.startsWith("//") ? next : undefined;
  const notice = deleted ? "Your account and everything in it have been deleted." : undefined;
  return <AuthForm mode="sign-in" next={safeNext} signupEnabled={env().ALLOW_SIGNUP} notice={notice} />;
}
