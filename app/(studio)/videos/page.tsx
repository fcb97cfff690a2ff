import { and, desc, eq, isNotNull } from "drizzle-orm";
import { Download, Film } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { EmptyState } from "@/components/studio/empty-state";
import { PageHeader } from "@/components/studio/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { media } from "@/db/schema/media";
import { projects } from "@/db/schema/projects";
import { currentPrincipal } from "@/lib/auth/principal";
import { formatBytes, formatDate, formatDuration } from "@/lib/format";
import { signedMediaPath } from "@/lib/storage/media";

export const metadata: Metadata = { title: "Videos" };

export default async function VideosPage() {
  const p = await currentPrincipal();
  if (!p) redirect("/sign-in");
  const rows = await getDb()
    .select({ project: projects, video: media })
    .from(projects)
    .innerJoin(media, eq(media.id, projects.finalVideoMediaId))
    .where(and(eq(projects.workspaceId, p.workspaceId), isNotNull(projects.finalVideoMediaId)))
    .orderBy(desc(projects.completedAt));
  return (
    <>
      <PageHeader title="Videos" description="Every finished video, ready to play or download." />
      {rows.length === 0 ? (
        <EmptyState
          icon={Film}
          title="No videos yet"
          action={
            <Button asChild>
              <Link href="/projects/new">Write a story</Link>
            </Button>
          }
        >
          Approve a story&apos;s scenes and its video appears here when it is ready.
        </EmptyState>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {rows.map(({ project, video }) => (
            <li key={project.id}>
              <Card className="h-full overflow-hidden pt-0">
                <video
                  controls
                  playsInline
                  preload="none"
                  poster={project.thumbnailMediaId ? signedMediaPath(project.thumbnailMediaId) : undefined}
                  src={signedMediaPath(video.id)}
                  className="aspect-video w-full bg-black"
                />
                <CardHeader>
                  <CardTitle className="line-clamp-2 text-base">
                    <Link href={`/projects/${project.id}`} className="hover:underline">
                      {project.title}
                    </Link>
                  </CardTitle>
                  <CardDescription className="flex flex-wrap items-center justify-between gap-2">
                    <span>
                      {formatDuration(video.durationMs)} · {formatBytes(video.sizeBytes)} · {formatDate(project.completedAt ?? project.createdAt)}
                    </span>
                    <Button asChild variant="ghost" size="sm">
                      <a href={signedMediaPath(video.id, { download: true })} download aria-label={`Download ${project.title}`}>
                        <Download className="size-4" />
                      </a>
                    </Button>
                  </CardDescription>
                </CardHeader>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
