"use client";

import { Loader2, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Field } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { addCreditsAction } from "./actions";

/** The owner's "Add credits": an amount (1..100,000) and an optional note for the ledger. */
export function AddCreditsForm() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [amount, setAmount] = useState("");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    start(async () => {
      const res = await addCreditsAction({ amount, note: note || undefined });
      if (!res.ok) {
        setErrors(res.fieldErrors ?? { amount: res.error });
        return void toast.error(res.error);
      }
      setErrors({});
      setAmount("");
      setNote("");
      toast.success(`Added ${Number(amount).toLocaleString("en-US")} credits`);
      router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Add credits" className="grid gap-3 rounded-lg border p-3 sm:p-4">
      <h3 className="text-sm font-medium">Add credits</h3>
      <Field id="credits-amount" label="Amount" hint="Whole credits, 1 to 100,000." error={errors.amount}>
        <Input
          id="credits-amount"
          inputMode="numeric"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          aria-invalid={!!errors.amount}
          aria-describedby={errors.amount ? "credits-amount-error" : "credits-amount-hint"}
        />
      </Field>
      <Field id="credits-note" label="Note (optional)" error={errors.note}>
        <Input id="credits-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} placeholder="e.g. December budget" />
      </Field>
      <Button type="submit" disabled={pending} className="justify-self-start">
        {pending ? <Loader2 className="size-4 animate-spin" aria-hidden /> : <Plus className="size-4" aria-hidden />}
        Add credits
      </Button>
    </form>
  );
}
