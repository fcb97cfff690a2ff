"use client";

import { Loader2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { Field } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { updateProfileAction } from "./actions";

type Name = "name" | "email" | "currentPassword";

/** Settings › Account: the name and email; a new email asks for the current password. */
export function ProfileForm({ name, email }: { name: string; email: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [values, setValues] = useState({ name, email, currentPassword: "" });
  const [errors, setErrors] = useState<Partial<Record<Name, string>>>({});
  const refs = useRef<Partial<Record<Name, HTMLInputElement | null>>>({});
  const emailChanged = values.email.trim().toLowerCase() !== email.toLowerCase();

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    start(async () => {
      const res = await updateProfileAction({ ...values, currentPassword: emailChanged ? values.currentPassword : undefined });
      if (!res.ok) {
        const fe = res.fieldErrors ?? {};
        const next: Partial<Record<Name, string>> = { name: fe.name, email: fe.email, currentPassword: fe.currentPassword };
        if (!next.name && !next.email && !next.currentPassword) next.email = res.error;
        setErrors(next);
        // Keyboard and screen-reader users land on the first field to fix.
        refs.current[(["name", "email", "currentPassword"] as const).find((f) => next[f])!]?.focus();
        return void toast.error(res.error);
      }
      setErrors({});
      setValues({ name: res.data.name ?? "", email: res.data.email, currentPassword: "" });
      toast.success("Account saved");
      router.refresh();
    });
  }

  const input = (field: Name, props: React.ComponentProps<typeof Input>) => (
    <Input
      ref={(el) => void (refs.current[field] = el)}
      id={`account-${field}`}
      name={field}
      value={values[field]}
      onChange={(e) => {
        setValues((v) => ({ ...v, [field]: e.target.value }));
        // An error about the old value would now describe a value no longer there.
        setErrors((errs) => ({ ...errs, [field]: undefined }));
      }}
      aria-invalid={!!errors[field]}
      aria-describedby={errors[field] ? `account-${field}-error` : field === "currentPassword" ? `account-${field}-hint` : undefined}
      {...props}
    />
  );

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Name and email" className="grid gap-4 sm:max-w-md">
      <Field id="account-name" label="Name" error={errors.name}>
        {input("name", { autoComplete: "name", placeholder: "Alex Chen" })}
      </Field>
      <Field id="account-email" label="Email" error={errors.email}>
        {input("email", { type: "email", autoComplete: "email" })}
      </Field>
      {emailChanged ? (
        <Field id="account-currentPassword" label="Current password" hint="Needed to change the email you sign in with." error={errors.currentPassword}>
          {input("currentPassword", { type: "password", autoComplete: "current-password" })}
        </Field>
      ) : null}
      <Button type="submit" disabled={pending} className="w-full sm:w-fit">
        {pending ? <Loader2 className="size-4 animate-spin" aria-hidden /> : null}
        Save
      </Button>
    </form>
  );
}
