"use client";

import { Loader2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { Field } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { changePasswordAction } from "./actions";

type Name = "currentPassword" | "newPassword" | "confirmPassword";
const empty: Record<Name, string> = { currentPassword: "", newPassword: "", confirmPassword: "" };
const fields: Array<{ name: Name; label: string; autoComplete: string; hint?: string }> = [
  { name: "currentPassword", label: "Current password", autoComplete: "current-password" },
  {
    name: "newPassword",
    label: "New password",
    autoComplete: "new-password",
    hint: "At least 8 characters and hard to guess: a few uncommon words work well.",
  },
  { name: "confirmPassword", label: "Confirm new password", autoComplete: "new-password" },
];

/** Settings › Security: a new password for the account; this browser stays signed in, every other session ends. */
export function PasswordForm() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<Partial<Record<Name, string>>>({});
  const refs = useRef<Partial<Record<Name, HTMLInputElement | null>>>({});

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    start(async () => {
      const res = await changePasswordAction(values);
      if (!res.ok) {
        const fe = res.fieldErrors ?? {};
        const next = { currentPassword: fe.currentPassword, newPassword: fe.newPassword, confirmPassword: fe.confirmPassword };
        if (!next.currentPassword && !next.newPassword && !next.confirmPassword) next.currentPassword = res.error;
        setErrors(next);
        // Keyboard and screen-reader users land on the first field to fix.
        refs.current[fields.find((f) => next[f.name])!.name]?.focus();
        return void toast.error(res.error);
      }
      setErrors({});
      setValues(empty);
      if (!res.data.signedIn) return void router.push("/sign-in");
      toast.success("Password changed. Every other session and access token is signed out.");
      router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Change password" className="grid gap-4 sm:max-w-md">
      {fields.map((f) => (
        <Field key={f.name} id={f.name} label={f.label} hint={f.hint} error={errors[f.name]}>
          <Input
            ref={(el) => void (refs.current[f.name] = el)}
            id={f.name}
            name={f.name}
            type="password"
            autoComplete={f.autoComplete}
            value={values[f.name]}
            onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}
            aria-invalid={!!errors[f.name]}
            aria-describedby={errors[f.name] ? `${f.name}-error` : f.hint ? `${f.name}-hint` : undefined}
          />
        </Field>
      ))}
      <Button type="submit" disabled={pending} className="w-full sm:w-fit">
        {pending ? <Loader2 className="size-4 animate-spin" aria-hidden /> : null}
        Change password
      </Button>
    </form>
  );
}
