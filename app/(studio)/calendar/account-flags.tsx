import { TriangleAlert } from "lucide-react";
import Link from "next/link";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import type { AccountChoice } from "@/lib/calendar/types";
import { platformNames } from "@/lib/social/preflight";

/** Expired, revoked or soon-expiring accounts, flagged above the calendar (their posts carry a warning mark too). */
export function AccountFlags({ accounts }: { accounts: AccountChoice[] }) {
  const flagged = accounts.filter((a) => a.problem);
  if (!flagged.length) return null;
  return (
    <Alert className="border-amber-500/40 bg-amber-500/10">
      <TriangleAlert className="text-amber-600" aria-hidden />
      <AlertTitle>{flagged.length === 1 ? "An account needs attention" : `${flagged.length} accounts need attention`}</AlertTitle>
      <AlertDescription>
        <ul className="grid gap-0.5">
          {flagged.map((a) => (
            <li key={a.id}>
              {platformNames[a.platform]} {a.handle}: {a.problem}.
            </li>
          ))}
        </ul>
        <Link href="/settings#accounts" className="underline">
          Reconnect in Settings
        </Link>
      </AlertDescription>
    </Alert>
  );
}
