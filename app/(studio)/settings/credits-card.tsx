import { Coins, ReceiptText } from "lucide-react";
import { EmptyState } from "@/components/studio/empty-state";
import { getDb } from "@/db/client";
import { getBalance } from "@/lib/credits/ledger";
import { getAllowance, isWorkspaceOwner, listLedgerEntries, type LedgerEntry } from "@/lib/credits/manage";
import { formatDate } from "@/lib/format";
import { AddCreditsForm } from "./add-credits-form";
import { AllowanceForm } from "./allowance-form";
import { SETTINGS_SECTIONS, SettingsSection } from "./settings-section";

const KIND_WORDS: Record<string, string> = { grant: "Added", reserve: "Reserved", refund: "Given back", adjust: "Adjusted", capture: "Charged" };

/** What a ledger entry was, in words: its note, else its kind. */
const what = (e: LedgerEntry) => e.note ?? `${KIND_WORDS[e.kind] ?? e.kind}${e.reference ? ` · ${e.reference}` : ""}`;

function LedgerList({ entries }: { entries: LedgerEntry[] }) {
  if (entries.length === 0) return <EmptyState icon={ReceiptText} title="No credit movements yet" />;
  return (
    <ul aria-label="Recent credit movements" className="min-w-0 divide-y rounded-lg border text-sm">
      {entries.map((e) => (
        <li key={e.id} className="flex items-center gap-3 px-3 py-2 sm:px-4">
          <div className="min-w-0 flex-1">
            <p className="truncate">{what(e)}</p>
            <time className="text-xs text-muted-foreground" dateTime={e.createdAt.toISOString()}>
              {formatDate(e.createdAt)}
            </time>
          </div>
          <span className={`shrink-0 tabular-nums ${e.amount < 0 ? "text-muted-foreground" : "text-emerald-600 dark:text-emerald-400"}`}>
            {e.amount > 0 ? "+" : ""}
            {e.amount.toLocaleString("en-US")}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Settings > Credits: the balance, the last 20 movements, and (for the owner) adding credits and the monthly allowance. */
export async function CreditsCard({ principal }: { principal: { userId: string; workspaceId: string } }) {
  const db = getDb();
  const [balance, entries, allowance, owner] = await Promise.all([
    getBalance(db, principal.workspaceId),
    listLedgerEntries(db, principal.workspaceId, 20),
    getAllowance(db, principal.workspaceId),
    isWorkspaceOwner(db, principal),
  ]);
  return (
    <SettingsSection
      section={SETTINGS_SECTIONS.credits}
      description="Credits pay for generation and rendering. Only the workspace's owner can add them or set a monthly allowance."
      className="grid gap-6"
    >
      <p className="flex items-center gap-2 text-2xl font-semibold">
        <Coins className="size-6 text-amber-500" aria-hidden />
        <span data-testid="settings-credit-balance" className="tabular-nums">
          {balance.toLocaleString("en-US")}
        </span>
        <span className="text-sm font-normal text-muted-foreground">credits</span>
      </p>
      {owner ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <AddCreditsForm />
          <AllowanceForm initial={allowance} />
        </div>
      ) : null}
      <div className="grid gap-2">
        <h3 className="text-sm font-medium">Recent movements</h3>
        <LedgerList entries={entries} />
      </div>
    </SettingsSection>
  );
}
