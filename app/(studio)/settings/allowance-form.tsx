"use client";

import { Loader2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Field } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { AllowanceMode } from "@/db/schema/credits";
import { setCreditAllowanceAction } from "./actions";

const MODES: Array<{ value: AllowanceMode; label: string; hint: string }> = [
  { value: "add", label: "Add N", hint: "N more every month; unused credits carry over." },
  { value: "top_up", label: "Top up to N", hint: "Brings the balance back up to N; unused credits do not pile up." },
];

/** The owner's monthly allowance: N credits on the 1st of each month (UTC), added or topped up to. */
export function AllowanceForm({ initial }: { initial: { credits: number; mode: AllowanceMode } }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [credits, setCredits] = useState(String(initial.credits));
  const [mode, setMode] = useState<AllowanceMode>(initial.mode);
  const [error, setError] = useState<string>();

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    start(async () => {
      const res = await setCreditAllowanceAction({ credits, mode });
      if (!res.ok) {
        setError(res.fieldErrors?.credits ?? res.error);
        return void toast.error(res.error);
      }
      setError(undefined);
      toast.success(res.data.credits ? "Monthly allowance saved" : "Monthly allowance turned off");
      router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Monthly allowance" className="grid gap-3 rounded-lg border p-3 sm:p-4">
      <h3 className="text-sm font-medium">Monthly allowance</h3>
      <Field id="allowance-credits" label="Credits each month (N)" hint="Granted on the 1st of each month (UTC). 0 turns it off." error={error}>
        <Input
          id="allowance-credits"
          inputMode="numeric"
          value={credits}
          onChange={(e) => setCredits(e.target.value)}
          aria-invalid={!!error}
          aria-describedby={error ? "allowance-credits-error" : "allowance-credits-hint"}
        />
      </Field>
      <fieldset className="grid gap-2">
        <legend className="sr-only">How the allowance is granted</legend>
        {MODES.map((m) => (
          <label key={m.value} className="flex items-start gap-2 text-sm">
            <input type="radio" name="allowance-mode" className="mt-0.5 size-4 accent-primary" checked={mode === m.value} onChange={() => setMode(m.value)} />
            <span>
              {m.label} <span className="text-xs text-muted-foreground">— {m.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <Button type="submit" variant="outline" disabled={pending} className="justify-self-start">
        {pending ? <Loader2 className="size-4 animate-spin" aria-hidden /> : null}
        Save allowance
      </Button>
    </form>
  );
}
