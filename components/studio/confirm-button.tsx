"use client";

import { Loader2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTransition, type ReactNode } from "react";
import { toast } from "sonner";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";

type Result = { ok: true } | { ok: false; error: string };

/**
 * A destructive action behind a confirmation dialog: runs `action`, toasts the outcome, then
 * navigates to `redirectTo` or refreshes the page.
 */
export function ConfirmButton({
  trigger,
  triggerLabel,
  size = "sm",
  title,
  description,
  confirmLabel,
  cancelLabel = "Keep",
  success,
  redirectTo,
  action,
}: {
  trigger: ReactNode;
  triggerLabel?: string;
  size?: "sm" | "icon" | "default";
  title: string;
  description: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  success: string;
  redirectTo?: string;
  action: () => Promise<Result>;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button variant={size === "icon" ? "ghost" : "outline"} size={size} className="text-destructive" disabled={pending} aria-label={triggerLabel}>
          {pending ? <Loader2 className="size-4 animate-spin" aria-hidden /> : null}
          {trigger}
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{title}</AlertDialogTitle>
          <AlertDialogDescription>{description}</AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>{cancelLabel}</AlertDialogCancel>
          <AlertDialogAction
            className="bg-destructive text-white hover:bg-destructive/90"
            onClick={() =>
              start(async () => {
                const res = await action();
                if (!res.ok) return void toast.error(res.error);
                toast.success(success);
                if (redirectTo) router.push(redirectTo);
                router.refresh();
              })
            }
          >
            {confirmLabel}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
