import { Clapperboard, Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { EmptyState } from "@/components/studio/empty-state";
import { PageHeader } from "@/components/studio/page-header";
import { ProjectThumbnail } from "@/components/studio/project-thumbnail";
import { StatusBadge } from "@/components/studio/status-badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { getDb } from "@/db/client";
import { currentPrincipal } from "@/lib/auth/principal";
import { formatDate, formatDuration } from "@/lib/format";
import { listProjects } from "@/lib/projects/queries";

export const metadata: Metadata = { title: "Projects" };

export default async function ProjectsPage() {
  const p = await currentPrincipal();
  if (!p) redirect("/sign-in");
  const rows = await listProjects(getDb(), { workspaceId: p.workspaceId, limit: 100 });
  const newButton = (
    <Button asChild>
      <Link href="/projects/new">
        <Plus className="size-4" /> New story
      </Link>
    </Button>
  );
  return (
    <>
      <PageHeader title="Projects" description="Stories in every state: proposed, generating, finished." actions={rows.length ? newButton : undefined} />
      {rows.length === 0 ? (
        <EmptyState icon={Clapperboard} title="No projects yet" action={newButton}>
          Write a story idea and the studio proposes its scenes.
        </EmptyState>
      ) : (
        <ul className="grid grid-cols-1 gap-3">
          {rows.map(({ project, characterName }) => (
            <li key={project.id} className="min-w-0">
              <Link href={`/projects/${project.id}`} className="group block rounded-xl focus-visible:outline-2 focus-visible:outline-ring">
                <Card className="flex-row items-center gap-4 p-3 transition-shadow group-hover:shadow-md">
                  <div className="aspect-video w-24 shrink-0 overflow-hidden rounded-md bg-muted sm:w-40">
                    <ProjectThumbnail mediaId={project.thumbnailMediaId} />
                  </div>
                  <div className="min-w-0 flex-1 space-y-1">
                    <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                      <StatusBadge status={project.status} />
                      <span className="text-xs text-muted-foreground">{formatDate(project.createdAt)}</span>
                    </div>
                    {/* Two lines on a phone, one on wider screens; a title without spaces breaks anywhere rather than widen the page. */}
                    <p className="line-clamp-2 font-medium [overflow-wrap:anywhere] sm:line-clamp-1" title={project.title}>
                      {project.title}
                    </p>
                    <p className="text-sm text-muted-foreground">
                      {characterName ?? "No character"} · {project.numScenes} scenes
                      {project.totalDurationMs ? ` · ${formatDuration(project.totalDurationMs)}` : ""}
                    </p>
                    {project.status === "generating" ? <Progress value={project.progress} className="h-1.5" aria-label="Progress" /> : null}
                  </div>
                </Card>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
