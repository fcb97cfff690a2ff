import { Film, SearchX } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { EmptyState } from "@/components/studio/empty-state";
import { PageHeader } from "@/components/studio/page-header";
import { StatusBadge } from "@/components/studio/status-badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { getDb } from "@/db/client";
import { currentPrincipal } from "@/lib/auth/principal";
import { listCharacters } from "@/lib/characters/service";
import { formatDate } from "@/lib/format";
import { parseVideoLibraryFilter, type VideoLibraryFilter } from "@/lib/validation/video-library";
import { groupDrafts, listLibraryVideos } from "@/lib/videos/library";
import { listVideoJobs } from "@/lib/videos/service";
import { VideoCard } from "./video-card";
import { kindLabels, VideoFilters } from "./video-filters";

export const metadata: Metadata = { title: "Videos" };

export default async function VideosPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const p = await currentPrincipal();
  if (!p) redirect("/sign-in");
  const db = getDb();
  const filter = parseVideoLibraryFilter(await searchParams);
  const filtered = Boolean(filter.q || filter.kind || filter.character);
  const [videos, recent, characters] = await Promise.all([
    listLibraryVideos(db, { workspaceId: p.workspaceId, filter }),
    listVideoJobs(db, { workspaceId: p.workspaceId, limit: 20 }),
    listCharacters(db, { workspaceId: p.workspaceId, limit: 200 }),
  ]);
  const groups = groupDrafts(videos);
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
      <VideoFilters filter={filter} characters={characters} />
      {groups.length ? (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {groups.map((g) => (
            <VideoCard key={g.video.id} group={g} />
          ))}
        </ul>
      ) : filtered ? (
        <EmptyState
          icon={SearchX}
          title="No videos match"
          action={
            <Button asChild variant="outline">
              <Link href="/videos">Show all videos</Link>
            </Button>
          }
        >
          Nothing matches {describe(filter, characters)}. Try another name, kind or character.
        </EmptyState>
      ) : (
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
      )}
    </>
  );
}

/** The filter in words, for the empty state: "“launch” among story videos of Maya". */
function describe(f: VideoLibraryFilter, characters: Array<{ id: number; name: string }>) {
  const parts = [f.q ? `\u201c${f.q}\u201d` : "this filter"];
  if (f.kind) parts.push(`among ${kindLabels[f.kind].toLowerCase()} videos`);
  const who = f.character ? characters.find((c) => c.id === f.character)?.name : undefined;
  if (who) parts.push(`of ${who}`);
  return parts.join(" ");
}
