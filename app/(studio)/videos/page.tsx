import { Film } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { EmptyState } from "@/components/studio/empty-state";
import { PageHeader } from "@/components/studio/page-header";
import { StatusBadge } from "@/components/studio/status-badge";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { getDb } from "@/db/client";
import { currentPrincipal } from "@/lib/auth/principal";
import { formatBytes, formatDate, formatDuration } from "@/lib/format";
import { listGeneratedVideos, listVideoJobs } from "@/lib/videos/service";
import { VideoActions } from "./video-actions";

export const metadata: Metadata = { title: "Videos" };

export default async function VideosPage() {
  const p = await currentPrincipal();
  if (!p) redirect("/sign-in");
  const db = getDb();
  const [videos, recent] = await Promise.all([
    listGeneratedVideos(db, { workspaceId: p.workspaceId, limit: 200 }),
    listVideoJobs(db, { workspaceId: p.workspaceId, limit: 20 }),
  ]);
  const jobs = recent.filter((j) => j.status === "queued" || j.status === "running" || j.status === "failed");
  return (
    <>
      <PageHeader title="Videos" description="Every generated video: play, share, download." />
      {jobs.length ? (
        <section aria-label="In progress" className="mb-6 grid gap-2">
          {jobs.map((j) => (
            <Card key={j.id} className="flex-row items-center gap-4 px-4 py-3">
              <StatusBadge status={j.status === "running" ? "generating" : j.status} />
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium">{j.name}</p>
                {j.status === "failed" ? (
                  <p className="text-xs text-destructive">{j.errorMessage}</p>
                ) : (
                  <Progress value={j.progress} className="mt-1 h-1.5" aria-label={`${j.name} progress`} />
                )}
              </div>
              <span className="text-xs text-muted-foreground">{formatDate(j.createdAt)}</span>
            </Card>
          ))}
        </section>
      ) : null}
      {videos.length === 0 ? (
        <EmptyState
          icon={Film}
          title="No videos yet"
          action={
            <Button asChild>
              <Link href="/projects/new">Write a story</Link>
            </Button>
          }
        >
          Approve a story&apos;s scenes, or send a job to the API, and the video appears here when it is ready.
        </EmptyState>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {videos.map((v) => (
            <li key={v.id} id={`video-${v.id}`} className="scroll-mt-20 target:[&>div]:ring-2 target:[&>div]:ring-primary">
              <Card className="h-full gap-3 overflow-hidden pt-0">
                <video
                  controls
                  playsInline
                  preload="none"
                  poster={v.thumbnailMediaId ? `/api/share/${v.shareToken}/thumbnail` : undefined}
                  src={`/api/share/${v.shareToken}/video`}
                  className="aspect-video w-full bg-black"
                />
                <CardHeader className="gap-1">
                  <CardTitle className="line-clamp-2 text-base">
                    {v.projectId ? (
                      <Link href={`/projects/${v.projectId}`} className="hover:underline">
                        {v.name}
                      </Link>
                    ) : (
                      v.name
                    )}
                  </CardTitle>
                  <CardDescription className="flex flex-wrap items-center justify-between gap-2">
                    <span>
                      {formatDuration(v.durationMs)} · {formatBytes(v.sizeBytes)} · {v.views} views · {formatDate(v.createdAt)}
                    </span>
                    <VideoActions videoId={v.id} name={v.name} shareUrl={`/v/${v.shareToken}`} downloadUrl={`/api/share/${v.shareToken}/video?download=1`} />
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
