import { Logo } from "@/components/studio/logo";
import type { ReactNode } from "react";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-dvh items-center justify-center bg-gradient-to-br from-primary/10 via-background to-background p-4">
      <div className="w-full max-w-sm space-y-6">
        <Logo large className="justify-center" />
        {children}
      </div>
    </main>
  );
}
