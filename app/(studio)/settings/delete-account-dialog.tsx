"use client";

import { Loader2 } from "lucide-react";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Field } from "@/components/forms/field";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { confirmsDeletion, DELETE_ACCOUNT_PHRASE } from "@/lib/validation/account";
import { deleteAccountAction } from "./actions";

type Name = "confirmation" | "currentPassword";

/**
 * "Delete account": the button stays disabled until the user has typed their email (or the
 * phrase) and a password. On success the session is gone, so the browser goes to sign-in outright.
 */
export function DeleteAccountDialog({ email }: { email: string }) {
  const [open, setOpen] = useState(false);
  const [pending, start] = useTransition();
  const [values, setValues] = useState({ confirmation: "", currentPassword: "" });
  const [errors, setErrors] = useState<Partial<Record<Name, string>>>({});
  const ready = confirmsDeletion(values.confirmation, email) && values.currentPassword.length > 0;

  function onOpenChange(next: boolean) {
    if (pending) return;
    setOpen(next);
    if (!next) {
      setValues({ confirmation: "", currentPassword: "" });
      setErrors({});
    }
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!ready) return;
    start(async () => {
      const res = await deleteAccountAction(values);
      if (!res.ok) {
        const fe = res.fieldErrors ?? {};
        setErrors({ confirmation: fe.confirmation, currentPassword: fe.currentPassword ?? (fe.confirmation ? undefined : res.error) });
        return void toast.error(res.error);
      }
      // A full load: nothing of the studio's client state may outlive the account.
      window.location.assign("/sign-in?deleted=1");
    });
  }

  const field = (name: Name, props: React.ComponentProps<typeof Input>) => (
    <Input
      id={`delete-${name}`}
      name={name}
      value={values[name]}
      onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
      aria-invalid={!!errors[name]}
      aria-describedby={errors[name] ? `delete-${name}-error` : name === "confirmation" ? "delete-confirmation-hint" : undefined}
      {...props}
    />
  );

  return (
    <AlertDialog open={open} onOpenChange={onOpenChange}>
      <AlertDialogTrigger asChild>
        <Button variant="outline" className="w-full text-destructive sm:w-fit">
          Delete account
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <form onSubmit={onSubmit} noValidate aria-label="Delete account" className="grid gap-4">
          <AlertDialogHeader>
            <AlertDialogTitle>Delete your account?</AlertDialogTitle>
            <AlertDialogDescription>
              Your workspace, its characters, stories, videos, posts, credits, API tokens and every stored file are deleted for good. This cannot be undone:
              export your data first if you want a copy.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <Field
            id="delete-confirmation"
            label={`Type your email or “${DELETE_ACCOUNT_PHRASE}”`}
            hint={<span className="break-all">Your email is {email}</span>}
            error={errors.confirmation}
          >
            {field("confirmation", { autoComplete: "off", spellCheck: false, autoCapitalize: "none" })}
          </Field>
          <Field id="delete-currentPassword" label="Current password" error={errors.currentPassword}>
            {field("currentPassword", { type: "password", autoComplete: "current-password" })}
          </Field>
          <AlertDialogFooter>
            <AlertDialogCancel type="button" disabled={pending}>
              Keep my account
            </AlertDialogCancel>
            <Button type="submit" variant="destructive" disabled={!ready || pending}>
              {pending ? <Loader2 className="size-4 animate-spin" aria-hidden /> : null}
              Delete account
            </Button>
          </AlertDialogFooter>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}
