"use client";

import { AlertTriangle, Loader2, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Field } from "@/components/forms/field";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { createApiTokenAction } from "./actions";
import { CopyButton } from "./copy-button";

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

      <Dialog open={!!created} onOpenChange={(open) => !open && setCreated(null)}>
        <DialogContent className="sm:max-w-lg">
          <DialogHeader>
            <DialogTitle>Your new API token</DialogTitle>
            <DialogDescription>“{created?.name}” is ready. Use it as a Bearer token or in the X-API-Key header.</DialogDescription>
          </DialogHeader>
          <Alert variant="destructive">
            <AlertTriangle className="size-4" aria-hidden />
            <AlertTitle>Copy it now</AlertTitle>
            <AlertDescription>This token won’t be shown again. If you lose it, revoke it and create another.</AlertDescription>
          </Alert>
          <div className="flex items-center gap-2">
            <code data-testid="new-api-token" className="min-w-0 flex-1 rounded-md border bg-muted px-3 py-2 font-mono text-sm break-all select-all">
              {created?.token}
            </code>
            {created ? <CopyButton value={created.token} label="Copy token" /> : null}
          </div>
          <div className="space-y-1">
            <p className="text-sm text-muted-foreground">Try it:</p>
            <pre className="overflow-x-auto rounded-md border bg-muted px-3 py-2 font-mono text-xs">{curl}</pre>
          </div>
          <DialogFooter>
            <Button type="button" onClick={() => setCreated(null)}>
              Done
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </>
  );
}
