"use client";

import { CalendarCheck, Loader2 } from "lucide-react";
import { Field } from "@/components/forms/field";
import { NativeSelect } from "@/components/forms/native-select";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { formatDuration } from "@/lib/format";
import type { CalendarData, DialogState } from "./calendar-view";
import { CaptionsField } from "./captions-field";
import { PostPreview } from "./post-preview";
import { PreflightPanel } from "./preflight-panel";
import { TargetsField } from "./targets-field";
import { usePostForm } from "./use-post-form";

const zone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** "New post" and "Edit post": the form on the left, each platform's preview and the pre-flight check on the right. */
export function PostDialog({ state, onClose, ...data }: { state: DialogState; onClose: () => void } & CalendarData) {
  return (
    <Dialog open={!!state} onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="sm:max-w-5xl">{state ? <PostForm state={state} data={data} done={onClose} /> : null}</DialogContent>
    </Dialog>
  );
}

function PostForm({ state, data, done }: { state: NonNullable<DialogState>; data: CalendarData; done: (postId: string) => void }) {
  const f = usePostForm(state, data, done);
  const { values, set, errors } = f;
  const video = data.videos.find((v) => v.id === values.videoId) ?? null;
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        f.submit();
      }}
      className="grid min-w-0 gap-5"
    >
      <DialogHeader>
        <DialogTitle>{state.mode === "edit" ? "Edit post" : "New post"}</DialogTitle>
        <DialogDescription>Times in {zone()}. Each platform gets its own caption; the check below runs as you type.</DialogDescription>
      </DialogHeader>
      <div className="grid min-w-0 gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="grid min-w-0 content-start gap-4">
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="post-character" label="Character" error={errors.characterId}>
              <NativeSelect id="post-character" value={values.characterId ?? ""} onChange={(e) => set("characterId", Number(e.target.value) || null)}>
                {data.characters.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </NativeSelect>
            </Field>
            <Field id="post-when" label="Date and time" error={errors.when}>
              <Input id="post-when" type="datetime-local" value={values.when} onChange={(e) => set("when", e.target.value)} aria-invalid={!!errors.when} />
            </Field>
          </div>
          <Field id="post-title" label="Title" error={errors.title}>
            <Input
              id="post-title"
              value={values.title}
              onChange={(e) => set("title", e.target.value)}
              aria-invalid={!!errors.title}
              placeholder="Lisbon at dawn"
            />
          </Field>
          <Field
            id="post-video"
            label="Video"
            error={errors.videoId}
            hint={data.videos.length ? undefined : "No finished videos yet: render one from a story, the editor or bulk reels."}
          >
            <NativeSelect id="post-video" value={values.videoId ?? ""} onChange={(e) => set("videoId", e.target.value || null)} disabled={!data.videos.length}>
              <option value="">No video yet</option>
              {data.videos.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name} · {formatDuration(v.durationMs)}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <Field id="post-script" label="Script" error={errors.script} hint="What the video says, kept with the post (optional).">
            <Textarea id="post-script" rows={2} value={values.script} onChange={(e) => set("script", e.target.value)} />
          </Field>
          <TargetsField value={values.targets} onChange={(t) => set("targets", t)} error={errors.targets} accounts={data.accounts} platforms={data.platforms} />
          <CaptionsField platforms={f.platforms} caption={f.caption} onChange={f.setCaption} errors={errors} info={data.platforms} />
        </div>
        <div className="grid min-w-0 content-start gap-4">
          <PostPreview
            platforms={f.platforms}
            caption={f.caption}
            video={video}
            info={data.platforms}
            author={data.characters.find((c) => c.id === values.characterId)?.name ?? ""}
          />
          <PreflightPanel check={f.check} videoId={values.videoId} onVideo={(id) => f.set("videoId", id)} />
        </div>
      </div>
      <DialogFooter>
        <Button type="submit" disabled={f.saving || f.blocked}>
          {f.saving ? <Loader2 className="animate-spin" aria-hidden /> : <CalendarCheck aria-hidden />}
          {state.mode === "edit" ? "Save" : "Schedule"}
        </Button>
      </DialogFooter>
    </form>
  );
}
