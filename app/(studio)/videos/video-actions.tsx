"use client";

import { Download, Link2, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
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
import { deleteVideoAction } from "./actions";

export function VideoActions({ videoId, name, shareUrl, downloadUrl }: { videoId: string; name: string; shareUrl: string; downloadUrl: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <div className="flex items-center gap-1">
      <Button
        variant="ghost"
        size="icon"
        aria-label={`Copy share link of ${name}`}
        onClick={async () => {
          const url = new URL(shareUrl, window.location.origin).toString();
          await navigator.clipboard?.writeText(url).catch(() => {});
          toast.success("Share link copied", { description: url });
        }}
      >
        <Link2 className="size-4" />
      </Button>
      <Button asChild variant="ghost" size="icon">
        <a href={downloadUrl} download aria-label={`Download ${name}`}>
          <Download className="size-4" />
        </a>
      </Button>
      <AlertDialog>
        <AlertDialogTrigger asChild>
          <Button variant="ghost" size="icon" aria-label={`Delete ${name}`} disabled={pending} className="text-destructive">
            <Trash2 className="size-4" />
          </Button>
        </AlertDialogTrigger>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Delete this video?</AlertDialogTitle>
            <AlertDialogDescription>The file and its share link stop working. Its project stays.</AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Keep</AlertDialogCancel>
            <AlertDialogAction
              onClick={() =>
                start(async () => {
                  const res = await deleteVideoAction({ videoId });
                  if (!res.ok) return void toast.error(res.error);
                  toast.success("Video deleted");
                  router.refresh();
                })
              }
            >
              Delete
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
}
