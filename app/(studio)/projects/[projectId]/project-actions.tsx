"use client";

import { Copy, Loader2, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import { ConfirmButton } from "@/components/studio/confirm-button";
import { Button } from "@/components/ui/button";
import type { ProjectView } from "@/lib/projects/view";
import { deleteProjectAction, duplicateProjectAction } from "../actions";

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** What deleting the project takes with it, in the creator's words. */
export function deletionSummary(project: Pick<ProjectView, "scenes" | "finalVideoUrl" | "upscaledVideoUrl">): string {
  const made = project.scenes.filter((s) => s.imageUrl || s.videoUrl || s.audioUrl).length;
  const parts = [`the project`, plural(project.scenes.length, "scene")];
  if (made) parts.push(`their frames, clips and narration`);
  if (project.finalVideoUrl) parts.push(`its video (on the Videos page, its share link and any channel post of it)`);
  if (project.upscaledVideoUrl) parts.push(`its upscaled copy`);
  const last = parts.pop();
  return `This deletes ${parts.join(", ")} and ${last}. This cannot be undone.`;
}

export function ProjectActions({ project, generating }: { project: ProjectView; generating: boolean }) {
  const router = useRouter();
  const [duplicating, start] = useTransition();

  function duplicate() {
    start(async () => {
      const res = await duplicateProjectAction({ projectId: project.id });
      if (!res.ok) return void toast.error(res.error);
      toast.success("Copy created: a draft to change and approve on its own");
      router.push(`/projects/${res.data.id}`);
    });
  }

  return (
    <div className="flex flex-wrap gap-2">
      <Button size="sm" variant="outline" onClick={duplicate} disabled={duplicating}>
        {duplicating ? <Loader2 className="size-4 animate-spin" /> : <Copy className="size-4" />} Duplicate
      </Button>
      {generating ? null : (
        <ConfirmButton
          trigger={
            <>
              <Trash2 className="size-4" /> Delete
            </>
          }
          title={`Delete “${project.title}”?`}
          description={deletionSummary(project)}
          confirmLabel="Delete project"
          success={`“${project.title}” deleted`}
          redirectTo="/projects"
          action={() => deleteProjectAction({ projectId: project.id })}
        />
      )}
    </div>
  );
}
