import { Separator } from "@/components/ui/separator";
import type { TaskView } from "@/lib/tasks/view";
import { AccountExport } from "./account-export";
import { DeleteAccountDialog } from "./delete-account-dialog";
import { ProfileForm } from "./profile-form";
import { SETTINGS_SECTIONS, SettingsSection } from "./settings-section";

/** Settings › Account: name and email, a copy of everything, and deleting the account. */
export function AccountCard({ name, email, lastExport, now }: { name: string | null; email: string; lastExport: TaskView | null; now: Date }) {
  const expiresAt = typeof lastExport?.result?.expiresAt === "string" ? Date.parse(lastExport.result.expiresAt) : null;
  const expired = expiresAt !== null && expiresAt < now.getTime();
  return (
    <SettingsSection section={SETTINGS_SECTIONS.account} description="Who you are here, a copy of everything you made, and leaving." className="grid gap-6">
      <section aria-labelledby="profile-title" className="grid gap-4">
        <h3 id="profile-title" className="font-medium">
          Name and email
        </h3>
        <ProfileForm name={name ?? ""} email={email} />
      </section>
      <Separator />
      <section aria-labelledby="export-title" className="grid gap-3">
        <div className="grid gap-1">
          <h3 id="export-title" className="font-medium">
            Export all my data
          </h3>
          <p className="text-sm text-muted-foreground">
            A zip of every row of your workspace (one JSON file per table, secrets such as password and token hashes left out) and every stored file.
          </p>
        </div>
        <AccountExport initialTask={lastExport} initialExpired={expired} />
      </section>
      <Separator />
      <section aria-labelledby="delete-account-title" className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between sm:gap-6">
        <div className="grid gap-1">
          <h3 id="delete-account-title" className="font-medium">
            Delete account
          </h3>
          <p className="text-sm text-muted-foreground">Deletes your workspace, everything in it and every stored file, for good.</p>
        </div>
        <div className="sm:shrink-0">
          <DeleteAccountDialog email={email} />
        </div>
      </section>
    </SettingsSection>
  );
}
