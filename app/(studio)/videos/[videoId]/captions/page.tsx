import { Captions } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { PageHeader } from "@/components/studio/page-header";
import { EmptyState } from "@/components/studio/empty-state";
import { Button } from "@/components/ui/button";
import { getDb } from "@/db/client";
import { currentPrincipal } from "@/lib/auth/principal";
import { latestCaptionOfVideo } from "@/lib/captions/service";
import { isAppError } from "@/lib/errors";
import { signedMediaPath } from "@/lib/storage/media";
import { getGeneratedVideo } from "@/lib/videos/service";
import { CaptionEditor } from "./caption-editor";
import { GenerateCaptions } from "./generate-captions";

export const metadata: Metadata = { title: "Captions" };

export default async function CaptionsPage({ params }: { params: Promise<{ videoId: string }> }) {
  const p = await currentPrincipal();
  if (!p) redirect("/sign-in");
  const { videoId } = await params;
  const db = getDb();
  const video = await getGeneratedVideo(db, { workspaceId: p.workspaceId, videoId }).catch((e: unknown) => {
    if (isAppError(e)) notFound();
    throw e;
  });
  const view = await latestCaptionOfVideo(db, { workspaceId: p.workspaceId, videoId });
  const running = view?.task && (view.task.status === "queued" || view.task.status === "running") ? view.task.id : null;
  const burnOut = view?.burnIn?.status === "succeeded" && typeof view.burnIn.result?.outputMediaId === "string" ? view.burnIn.result.outputMediaId : null;
  return (
    <>
      <PageHeader
        title={`Captions · ${video.name}`}
        description="Edit the lines, check them against the video, then burn them in or download SRT and VTT."
        actions={
          <Button asChild variant="outline">
            <Link href="/videos">All videos</Link>
          </Button>
        }
      />
      {view?.caption.segments ? (
        <CaptionEditor
          videoId={video.id}
          captionId={view.caption.id}
          videoSrc={`/api/share/${video.shareToken}/video`}
          initial={view.caption.segments.map(({ text, startMs, endMs }) => ({ text, startMs, endMs }))}
          method={view.caption.method}
          burnIn={view.burnIn ? { taskId: view.burnIn.id, status: view.burnIn.status, error: view.burnIn.error } : null}
          burnedUrl={burnOut ? signedMediaPath(burnOut) : null}
        />
      ) : (
        <EmptyState
          icon={Captions}
          title={running ? "Making captions…" : view?.task?.status === "failed" ? "Captions failed" : "No captions yet"}
          action={<GenerateCaptions videoId={video.id} taskId={running} />}
        >
          {view?.task?.error ??
            "Captions of a Cinetwin render come from its narration, timed exactly as it was spoken; other videos are transcribed on this machine (English)."}
        </EmptyState>
      )}
    </>
  );
}
