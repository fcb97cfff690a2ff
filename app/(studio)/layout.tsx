import { Coins } from "lucide-react";
import { Logo } from "@/components/studio/logo";
import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { MobileNav } from "@/components/studio/mobile-nav";
import { NavLinks } from "@/components/studio/nav-links";
import { UserMenu } from "@/components/studio/user-menu";
import { ThemeToggle } from "@/components/theme/theme-toggle";
import { getDb } from "@/db/client";
import { auth } from "@/lib/auth/auth";
import { getBalance } from "@/lib/credits/ledger";

export default async function StudioLayout({ children }: { children: ReactNode }) {
  const session = await auth();
  if (!session?.user?.workspaceId) redirect("/sign-in");
  const balance = await getBalance(getDb(), session.user.workspaceId);

  return (
    <div className="flex min-h-dvh">
      <aside className="sticky top-0 hidden h-dvh w-60 shrink-0 flex-col gap-6 border-r bg-sidebar p-4 md:flex">
        <Link href="/dashboard" className="px-2">
          <Logo />
        </Link>
        <NavLinks />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b bg-background/85 px-3 backdrop-blur sm:px-6">
          <MobileNav />
          <Link href="/dashboard" className="font-semibold md:hidden">
            Cinetwin
          </Link>
          <div className="ml-auto flex items-center gap-1 sm:gap-2">
            <span
              className="flex items-center gap-1.5 rounded-full border bg-card px-3 py-1 text-sm tabular-nums"
              title="Credit balance"
              data-testid="credit-balance"
            >
              <Coins className="size-4 text-amber-500" aria-hidden />
              <span className="sr-only">Credits:</span>
              {balance.toLocaleString("en-US")}
            </span>
            <ThemeToggle />
            <UserMenu email={session.user.email ?? ""} />
          </div>
        </header>
        <main className="mx-auto w-full max-w-6xl flex-1 p-4 sm:p-6">{children}</main>
      </div>
    </div>
  );
}
