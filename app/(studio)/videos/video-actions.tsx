"use client";

import { Captions, Download, Link2, Trash2 } from "lucide-react";
import Link from "next/link";
import { toast } from "sonner";
import { ConfirmButton } from "@/components/studio/confirm-button";
import { Button } from "@/components/ui/button";
import { deleteVideoAction } from "./actions";

export function VideoActions({ videoId, name, shareUrl, downloadUrl }: { videoId: string; name: string; shareUrl: string; downloadUrl: string }) {
  async function copyShareLink() {
    const url = new URL(shareUrl, window.location.origin).toString();
    await navigator.clipboard?.writeText(url).catch(() => {});
    toast.success("Share link copied", { description: url });
  }
  return (
    <div className="flex items-center gap-1">
      <Button variant="ghost" size="icon" aria-label={`Copy share link of ${name}`} onClick={() => void copyShareLink()}>
        <Link2 className="size-4" />
      </Button>
      <Button asChild variant="ghost" size="icon">
        <Link href={`/videos/${videoId}/captions`} aria-label={`Captions of ${name}`} title="Captions">
          <Captions className="size-4" />
        </Link>
      </Button>
      <Button asChild variant="ghost" size="icon">
        <a href={downloadUrl} download aria-label={`Download ${name}`}>
          <Download className="size-4" />
        </a>
      </Button>
      <ConfirmButton
        size="icon"
        trigger={<Trash2 className="size-4" />}
        triggerLabel={`Delete ${name}`}
        title="Delete this video?"
        description="The file and its share link stop working. Its project stays."
        confirmLabel="Delete"
        success="Video deleted"
        action={() => deleteVideoAction({ videoId })}
      />
    </div>
  );
}
