"use client";

import { AlertTriangle } from "lucide-react";
import type { ReactNode } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { CopyButton } from "./copy-button";

/** Shows a secret the server keeps only hashed (an API token, a signing secret): this once, with a copy button. */
export function SecretOnceDialog({
  secret,
  onClose,
  title,
  description,
  warningTitle,
  warning,
  copyLabel,
  testId,
  children,
}: {
  /** Null closes the dialog. */
  secret: string | null;
  onClose: () => void;
  title: string;
  description: ReactNode;
  warningTitle: string;
  warning: string;
  copyLabel: string;
  testId: string;
  children?: ReactNode;
}) {
  return (
    <Dialog open={!!secret} onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="sm:max-w-lg">
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        <Alert variant="destructive">
          <AlertTriangle className="size-4" aria-hidden />
          <AlertTitle>{warningTitle}</AlertTitle>
          <AlertDescription>{warning}</AlertDescription>
        </Alert>
        <div className="flex items-center gap-2">
          <code data-testid={testId} className="min-w-0 flex-1 rounded-md border bg-muted px-3 py-2 font-mono text-sm break-all select-all">
            {secret}
          </code>
          {secret ? <CopyButton value={secret} label={copyLabel} /> : null}
        </div>
        {children}
        <DialogFooter>
          <Button type="button" onClick={onClose}>
            Done
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
