import { AlertCircle, CheckCircle2 } from "lucide-react";

/** A CSV preview row's verdict: ready, or in need of a fix (its problems are spelled out in the row). */
export function RowCheck({ ok }: { ok: boolean }) {
  return ok ? (
    <CheckCircle2 className="size-4 text-emerald-600" aria-label="Ready" />
  ) : (
    <AlertCircle className="size-4 text-destructive" aria-label="Needs a fix" />
  );
}
