import { Separator } from "@/components/ui/separator";
import { PasswordForm } from "./password-form";
import { SETTINGS_SECTIONS, SettingsSection } from "./settings-section";
import { SignOutEverywhereButton } from "./sign-out-everywhere-button";

/** Settings › Security: change the password, or end every session and access token at once. */
export function SecurityCard() {
  return (
    <SettingsSection section={SETTINGS_SECTIONS.security} description="Your password, and the sessions signed in with it." className="grid gap-6">
      <section aria-labelledby="password-title" className="grid gap-4">
        <div className="grid gap-1">
          <h3 id="password-title" className="font-medium">
            Change password
          </h3>
          <p className="text-sm text-muted-foreground">
            Every other browser is signed out and every access token from <code className="font-mono">/auth/login</code> stops working. This one stays signed
            in.
          </p>
        </div>
        <PasswordForm />
      </section>
      <Separator />
      <section aria-labelledby="sign-out-everywhere-title" className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between sm:gap-6">
        <div className="grid gap-1">
          <h3 id="sign-out-everywhere-title" className="font-medium">
            Sign out everywhere
          </h3>
          <p className="text-sm text-muted-foreground">
            Ends every session, this one included, and every access token from <code className="font-mono">/auth/login</code>. API tokens keep working: revoke
            those above.
          </p>
        </div>
        <div className="sm:shrink-0">
          <SignOutEverywhereButton />
        </div>
      </section>
    </SettingsSection>
  );
}
