import { eq, sql } from "drizzle-orm";
import { Download, Eye } from "lucide-react";
import { Logo } from "@/components/studio/logo";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Button } from "@/components/ui/button";
import { getDb } from "@/db/client";
import { generatedVideos } from "@/db/schema/videos";
import { formatDuration } from "@/lib/format";
import { findByShareToken } from "@/lib/videos/service";
import { viewsText } from "../../c/[handle]/shared";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ token: string }> }): Promise<Metadata> {
  const video = await findByShareToken(getDb(), (await params).token);
  return { title: video?.name ?? "Video", robots: { index: false } };
}

/** The public share page of a generated video: no account needed, views counted. */
export default async function SharePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const db = getDb();
  const video = await findByShareToken(db, token);
  if (!video) notFound();
  await db
    .update(generatedVideos)
    .set({ views: sql`${generatedVideos.views} + 1` })
    .where(eq(generatedVideos.id, video.id));
  return (
    <main className="mx-auto flex min-h-dvh max-w-4xl flex-col gap-4 p-4 sm:p-8">
      <Link href="/" className="w-fit">
        <Logo />
      </Link>
      <video
        controls
        playsInline
        preload="metadata"
        className="aspect-video w-full rounded-xl bg-black"
        src={`/api/share/${token}/video`}
        poster={video.thumbnailMediaId ? `/api/share/${token}/thumbnail` : undefined}
        data-testid="shared-video"
      />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">{video.name}</h1>
          <p className="flex items-center gap-3 text-sm text-muted-foreground">
            <span>{formatDuration(video.durationMs)}</span>
            <span className="flex items-center gap-1">
              <Eye className="size-4" aria-hidden /> {viewsText(video.views + 1)}
            </span>
          </p>
        </div>
        <Button asChild variant="outline">
          <a href={`/api/share/${token}/video?download=1`} download>
            <Download className="size-4" /> Download
          </a>
        </Button>
      </div>
    </main>
  );
}
