"use client";

import { Copy, LayoutTemplate, Loader2 } from "lucide-react";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { saveProjectTemplateAction } from "../actions";

/** Saves the finished project as a template and shows the id API users pass as templateJobId. */
export function SaveTemplateButton({ projectId }: { projectId: number }) {
  const [pending, start] = useTransition();
  const [templateId, setTemplateId] = useState<string | null>(null);
  return (
    <>
      <Button
        variant="outline"
        size="sm"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const res = await saveProjectTemplateAction({ projectId });
            if (!res.ok) return void toast.error(res.error);
            setTemplateId(res.data.id);
          })
        }
      >
        {pending ? <Loader2 className="size-4 animate-spin" /> : <LayoutTemplate className="size-4" />} Save as template
      </Button>
      <Dialog open={!!templateId} onOpenChange={(o) => !o && setTemplateId(null)}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Saved as a template</DialogTitle>
            <DialogDescription>Render it again through the API with POST /api/v1/video-generation-jobs/template-jobs and this templateJobId.</DialogDescription>
          </DialogHeader>
          <div className="flex items-center gap-2">
            <code className="flex-1 truncate rounded-md bg-muted px-3 py-2 text-sm" data-testid="template-id">
              {templateId}
            </code>
            <Button
              size="icon"
              variant="outline"
              aria-label="Copy template id"
              onClick={() => void navigator.clipboard?.writeText(templateId ?? "").then(() => toast.success("Copied"))}
            >
              <Copy className="size-4" />
            </Button>
          </div>
        </DialogContent>
      </Dialog>
    </>
  );
}
