"use client";

import { TriangleAlert } from "lucide-react";
import Link from "next/link";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { platforms as socialPlatforms } from "@/db/schema/characters";
import { CHANNEL } from "@/lib/calendar/form";
import type { AccountChoice, PlatformInfo } from "@/lib/calendar/types";
import { platformNames } from "@/lib/social/preflight";

function Choice({
  id,
  label,
  checked,
  disabled,
  onChange,
  note,
}: {
  id: string;
  label: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (on: boolean) => void;
  note?: React.ReactNode;
}) {
  return (
    <li className="flex items-start gap-2">
      <Checkbox id={id} checked={checked} disabled={disabled} onCheckedChange={(v) => onChange(v === true)} className="mt-0.5" />
      <div className="grid min-w-0 gap-0.5">
        <Label htmlFor={id} className={disabled ? "text-muted-foreground" : undefined}>
          {label}
        </Label>
        {note ? <p className="text-xs text-muted-foreground">{note}</p> : null}
      </div>
    </li>
  );
}

const listed = (names: string[]) => (names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names[0]);

/** One line for the platforms without an account: where to connect them, or that this server cannot publish there yet. */
function UnconnectedHint({ accounts, platforms }: { accounts: AccountChoice[]; platforms: PlatformInfo }) {
  const missing = socialPlatforms.filter((p) => !accounts.some((a) => a.platform === p));
  const connectable = missing.filter((p) => platforms[p].supported).map((p) => platformNames[p]);
  const unavailable = missing.filter((p) => !platforms[p].supported).map((p) => platformNames[p]);
  if (!missing.length) return null;
  return (
    <p className="text-xs text-muted-foreground">
      {connectable.length ? (
        <>
          Connect {listed(connectable)} in{" "}
          <Link href="/settings#accounts" className="underline">
            Settings
          </Link>
          .{" "}
        </>
      ) : null}
      {unavailable.length ? `Publishing to ${listed(unavailable)} is not available on this server yet.` : null}
    </p>
  );
}

/** Where the post goes: the built-in channel and each connected account; platforms without one are shown, disabled, with where to connect them. */
export function TargetsField({
  value,
  onChange,
  error,
  accounts,
  platforms,
}: {
  value: string[];
  onChange: (targets: string[]) => void;
  error?: string;
  accounts: AccountChoice[];
  platforms: PlatformInfo;
}) {
  const toggle = (key: string, on: boolean) => onChange(on ? [...value.filter((k) => k !== key), key] : value.filter((k) => k !== key));
  return (
    <fieldset className="grid gap-2" aria-describedby={error ? "post-targets-error" : undefined}>
      <legend className="mb-1 text-sm font-medium">Publish to</legend>
      <ul className="grid gap-2 sm:grid-cols-2">
        <Choice
          id="target-channel"
          label="Your channel"
          checked={value.includes(CHANNEL)}
          onChange={(on) => toggle(CHANNEL, on)}
          note="Your character's public page on this server"
        />
        {socialPlatforms.map((p) => {
          const mine = accounts.filter((a) => a.platform === p);
          if (!mine.length)
            return <Choice key={p} id={`target-${p}`} label={`${platformNames[p]} · not connected`} checked={false} disabled onChange={() => {}} />;
          return mine.map((a) => (
            <Choice
              key={a.id}
              id={`target-${a.id}`}
              label={`${platformNames[p]} · ${a.handle}`}
              checked={value.includes(a.id)}
              onChange={(on) => toggle(a.id, on)}
              note={
                a.problem ? (
                  <span className="flex items-start gap-1 text-amber-700 dark:text-amber-300">
                    <TriangleAlert className="mt-0.5 size-3 shrink-0" aria-hidden /> {a.problem}
                  </span>
                ) : undefined
              }
            />
          ));
        })}
      </ul>
      <UnconnectedHint accounts={accounts} platforms={platforms} />
      {error ? (
        <p id="post-targets-error" role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
