"use client";

import { Loader2, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Field } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { createApiTokenAction } from "./actions";
import { SecretOnceDialog } from "./secret-once-dialog";

export function CreateTokenForm({ apiBase }: { apiBase: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [name, setName] = useState("");
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    start(async () => {
      const res = await createApiTokenAction({ name });
      if (!res.ok) {
        setError(res.fieldErrors?.name ?? res.error);
        return void toast.error(res.error);
      }
      setError(undefined);
      setName("");
      setCreated({ name: res.data.name, token: res.data.token });
      router.refresh();
    });
  }

  const curl = created ? `curl -H "Authorization: Bearer ${created.token}" ${apiBase}/persons` : "";

  return (
    <>
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="flex-1">
          <Field id="token-name" label="Token name" hint="What it is for, e.g. “Zapier” or “CI pipeline”." error={error}>
            <Input
              id="token-name"
              name="name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={60}
              autoComplete="off"
              aria-invalid={!!error}
              aria-describedby={error ? "token-name-error" : "token-name-hint"}
            />
          </Field>
        </div>
        <Button type="submit" disabled={pending} className="sm:mb-[1.375rem]">
          {pending ? <Loader2 className="size-4 animate-spin" aria-hidden /> : <Plus className="size-4" aria-hidden />}
          Create token
        </Button>
      </form>

      <SecretOnceDialog
        secret={created?.token ?? null}
        onClose={() => setCreated(null)}
        title="Your new API token"
        description={`“${created?.name ?? ""}” is ready. Use it as a Bearer token or in the X-API-Key header.`}
        warningTitle="Copy it now"
        warning="This token won’t be shown again. If you lose it, revoke it and create another."
        copyLabel="Copy token"
        testId="new-api-token"
      >
        <div className="space-y-1">
          <p className="text-sm text-muted-foreground">Try it:</p>
          <pre className="rounded-md border bg-muted px-3 py-2 font-mono text-xs break-all whitespace-pre-wrap select-all">{curl}</pre>
        </div>
      </SecretOnceDialog>
    </>
  );
}
