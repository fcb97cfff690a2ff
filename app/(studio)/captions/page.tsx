import { Captions, Check, Flame } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { EmptyState } from "@/components/studio/empty-state";
import { PageHeader } from "@/components/studio/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { currentPrincipal } from "@/lib/auth/principal";
import { captionSummariesOfVideos, type VideoCaptionSummary } from "@/lib/captions/service";
import { formatDate, formatDuration } from "@/lib/format";
import { listGeneratedVideos } from "@/lib/videos/service";

export const metadata: Metadata = { title: "Captions" };

const METHOD: Record<NonNullable<VideoCaptionSummary["method"]>, string> = {
  narration: "from the narration",
  local: "transcribed here",
  openai: "transcribed (Whisper)",
};

/** Every video with where its captions stand: the way into each video's caption editor. */
export default async function CaptionsOverviewPage() {
  const p = await currentPrincipal();
  if (!p) redirect("/sign-in");
  const db = getDb();
  const videos = await listGeneratedVideos(db, { workspaceId: p.workspaceId, limit: 200 });
  const summaries = await captionSummariesOfVideos(db, { workspaceId: p.workspaceId, videoIds: videos.map((v) => v.id) });
  const captioned = videos.filter((v) => summaries.get(v.id)?.lines).length;
  return (
    <>
      <PageHeader
        title="Captions"
        description={
          videos.length
            ? `${captioned} of ${videos.length} videos captioned. Captions of a Cinetwin render come from its narration, timed as it was spoken.`
            : "Subtitles for your videos: made from the narration, edited line by line, burned in or downloaded as SRT and VTT."
        }
      />
      {videos.length === 0 ? (
        <EmptyState
          icon={Captions}
          title="No videos to caption yet"
          action={
            <Button asChild>
              <Link href="/projects/new">Write a story</Link>
            </Button>
          }
        >
          When a story or a render finishes, its video appears here, ready for captions.
        </EmptyState>
      ) : (
        <ul className="grid grid-cols-1 gap-2" aria-label="Videos and their captions">
          {videos.map((v) => {
            const s = summaries.get(v.id);
            return (
              <li key={v.id} className="min-w-0">
                <Card className="flex-row items-center gap-3 px-3 py-3 sm:gap-4 sm:px-4">
                  {/* eslint-disable-next-line @next/next/no-img-element -- a signed, size-known thumbnail; next/image would proxy it */}
                  <img
                    src={v.thumbnailMediaId ? `/api/share/${v.shareToken}/thumbnail` : undefined}
                    alt=""
                    className="aspect-video w-20 shrink-0 rounded-sm bg-muted object-cover sm:w-28"
                  />
                  <div className="min-w-0 flex-1 space-y-1">
                    <p className="truncate text-sm font-medium">{v.name}</p>
                    <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-muted-foreground">
                      <span>{v.durationMs ? formatDuration(v.durationMs) : "—"}</span>
                      <span aria-hidden>·</span>
                      {s?.lines ? (
                        <>
                          <Badge variant="secondary" className="gap-1">
                            <Check className="size-3" aria-hidden />
                            {s.lines} lines
                          </Badge>
                          {s.method ? <span>{METHOD[s.method]}</span> : null}
                          {s.burned ? (
                            <Badge variant="outline" className="gap-1">
                              <Flame className="size-3" aria-hidden />
                              burned in
                            </Badge>
                          ) : null}
                          <span className="hidden sm:inline">edited {formatDate(s.updatedAt)}</span>
                        </>
                      ) : (
                        <span>{s ? "captions in progress" : "no captions"}</span>
                      )}
                    </p>
                  </div>
                  <Button asChild size="sm" variant={s?.lines ? "outline" : "default"} className="shrink-0">
                    <Link href={`/videos/${v.id}/captions`} aria-label={`${s?.lines ? "Edit captions" : "Caption"}: ${v.name}`}>
                      {s?.lines ? "Edit" : "Caption"}
                    </Link>
                  </Button>
                </Card>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
