import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatBytes, formatDate, formatDuration } from "@/lib/format";
import type { LibraryGroup, LibraryVideo } from "@/lib/videos/library";
import { VideoActions } from "./video-actions";
import { kindLabels } from "./video-filters";

function VideoLinks({ v }: { v: LibraryVideo }) {
  return <VideoActions videoId={v.id} name={v.name} shareUrl={`/v/${v.shareToken}`} downloadUrl={`/api/share/${v.shareToken}/video?download=1`} />;
}

function Facts({ v }: { v: LibraryVideo }) {
  return (
    <>
      {formatDuration(v.durationMs)} · {formatBytes(v.sizeBytes)} · {v.views} views · {formatDate(v.createdAt)}
    </>
  );
}

/** One final video (or a draft with no final) and, folded under it, the drafts of the same source. */
export function VideoCard({ group: { video: v, drafts } }: { group: LibraryGroup }) {
  return (
    <li id={`video-${v.id}`} className="min-w-0 scroll-mt-20 target:[&>div]:ring-2 target:[&>div]:ring-primary">
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
          <div className="flex flex-wrap items-center gap-1.5">
            <Badge variant="secondary">{kindLabels[v.kind]}</Badge>
            {v.draft ? <Badge variant="outline">Draft</Badge> : null}
            {v.characterName ? <span className="truncate text-xs text-muted-foreground">{v.characterName}</span> : null}
          </div>
          <CardTitle className="line-clamp-2 text-base [overflow-wrap:anywhere]">
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
              <Facts v={v} />
            </span>
            <VideoLinks v={v} />
          </CardDescription>
          {drafts.length ? <Drafts drafts={drafts} /> : null}
        </CardHeader>
      </Card>
    </li>
  );
}

function Drafts({ drafts }: { drafts: LibraryVideo[] }) {
  return (
    <details className="mt-1 rounded-md border px-3 py-2 text-sm">
      <summary className="cursor-pointer text-muted-foreground">
        {drafts.length} {drafts.length === 1 ? "draft" : "drafts"} of this video
      </summary>
      <ul className="mt-2 grid gap-2" aria-label="Drafts">
        {drafts.map((d) => (
          <li key={d.id} id={`video-${d.id}`} className="flex flex-wrap items-center justify-between gap-2">
            <span className="flex min-w-0 items-center gap-2">
              <Badge variant="outline">Draft</Badge>
              <a href={`/v/${d.shareToken}`} className="truncate hover:underline">
                {formatDate(d.createdAt)}
              </a>
            </span>
            <VideoLinks v={d} />
          </li>
        ))}
      </ul>
    </details>
  );
}
