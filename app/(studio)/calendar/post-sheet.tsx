"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Loader2, Pencil, Send, Trash2 } from "lucide-react";
import { useTransition } from "react";
import { toast } from "sonner";
import { ConfirmButton } from "@/components/studio/confirm-button";
import { StatusBadge } from "@/components/studio/status-badge";
import { Button } from "@/components/ui/button";
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from "@/components/ui/sheet";
import { isLocked, statusLabels } from "@/lib/calendar/events";
import type { PostView } from "@/lib/calendar/types";
import { postKeys, usePost } from "@/lib/hooks/use-posts";
import { deletePostAction, publishNowAction } from "./actions";
import type { CalendarData } from "./calendar-view";
import { TargetCard } from "./target-card";

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: "full", timeStyle: "short" });

/** A post's detail: its video, each target's state and live timeline, and what can still be done with it. */
export function PostSheet({
  postId,
  onClose,
  onEdit,
  ...data
}: { postId: string | null; onClose: () => void; onEdit: (post: PostView) => void } & CalendarData) {
  const { data: post, error } = usePost(postId);
  return (
    <Sheet open={!!postId} onOpenChange={(open) => !open && onClose()}>
      <SheetContent className="w-full gap-0 overflow-y-auto sm:max-w-lg">
        <SheetHeader className="border-b pr-10">
          <SheetTitle className="break-words">{post?.title ?? "Post"}</SheetTitle>
          <SheetDescription>
            {post ? `${when(post.scheduledAt)} · ${data.characters.find((c) => c.id === post.characterId)?.name ?? ""}` : " "}
          </SheetDescription>
        </SheetHeader>
        {error ? (
          <p role="alert" className="p-4 text-sm text-destructive">
            {error.message}
          </p>
        ) : !post || post.id !== postId ? (
          <Loader2 className="m-4 size-5 animate-spin text-muted-foreground" aria-label="Loading the post" />
        ) : (
          <PostDetail post={post} data={data} onClose={onClose} onEdit={onEdit} />
        )}
      </SheetContent>
    </Sheet>
  );
}

function PostDetail({ post, data, onClose, onEdit }: { post: PostView; data: CalendarData; onClose: () => void; onEdit: (post: PostView) => void }) {
  const queryClient = useQueryClient();
  const [pending, start] = useTransition();
  const video = data.videos.find((v) => v.id === post.videoId);
  const refresh = () => queryClient.invalidateQueries({ queryKey: postKeys.all });
  const editable = !isLocked(post, new Date());

  const publish = () =>
    start(async () => {
      const res = await publishNowAction({ postId: post.id });
      if (!res.ok) return void toast.error(res.error);
      toast.success("Publishing now");
      await refresh();
    });

  return (
    <div className="grid gap-5 p-4">
      <div className="flex flex-wrap items-center gap-2">
        <StatusBadge status={post.status} label={statusLabels[post.status]} />
        <div className="ml-auto flex flex-wrap gap-2">
          {post.status === "scheduled" ? (
            <Button size="sm" onClick={publish} disabled={pending}>
              {pending ? <Loader2 className="animate-spin" aria-hidden /> : <Send aria-hidden />} Publish now
            </Button>
          ) : null}
          {editable ? (
            <Button size="sm" variant="outline" onClick={() => onEdit(post)}>
              <Pencil aria-hidden /> Edit
            </Button>
          ) : null}
          {post.status !== "publishing" ? (
            <ConfirmButton
              trigger={
                <>
                  <Trash2 aria-hidden /> Delete
                </>
              }
              title="Delete this post?"
              description="It leaves the calendar. What is already published on a platform stays there."
              confirmLabel="Delete post"
              success="Post deleted"
              action={async () => {
                const res = await deletePostAction({ postId: post.id });
                if (res.ok) {
                  onClose();
                  await refresh();
                }
                return res;
              }}
            />
          ) : null}
        </div>
      </div>
      {video ? (
        <video
          controls
          playsInline
          preload="metadata"
          poster={video.posterUrl ?? undefined}
          src={video.videoUrl}
          className="mx-auto aspect-[9/16] max-h-80 rounded-lg bg-black"
          aria-label={video.name}
        />
      ) : (
        <p className="rounded-lg border border-dashed p-3 text-sm text-muted-foreground">
          {post.videoId ? "The video was deleted." : "No video attached yet: edit the post to attach a finished video before its time."}
        </p>
      )}
      {post.script ? <p className="text-sm whitespace-pre-line text-muted-foreground">{post.script}</p> : null}
      <section aria-label="Targets" className="grid gap-3">
        <h3 className="text-sm font-medium">Where it goes</h3>
        <ul className="grid gap-3">
          {post.targets.map((t) => (
            <TargetCard key={t.id} target={t} onRetried={refresh} />
          ))}
        </ul>
      </section>
    </div>
  );
}
