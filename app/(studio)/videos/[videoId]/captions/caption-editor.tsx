"use client";

import { Download, Flame, Save } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Progress } from "@/components/ui/progress";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { TaskStatus } from "@/db/schema/jobs";
import { isTaskDone, useTask } from "@/lib/hooks/use-task";
import { toSrt, toVtt } from "@/lib/render/captions";
import { burnInCaptionsAction, saveCaptionsAction } from "./actions";
import { CaptionRow, type Line, lineProblem } from "./caption-row";

interface Props {
  videoId: string;
  captionId: string;
  videoSrc: string;
  initial: Line[];
  method: string | null;
  burnIn: { taskId: string; status: TaskStatus; error: string | null } | null;
  burnedUrl: string | null;
}

/** The video and its caption lines side by side: the line being spoken is highlighted; clicking a line's time seeks there. */
export function CaptionEditor(props: Props) {
  const video = useRef<HTMLVideoElement>(null);
  const [lines, setLines] = useState(props.initial);
  const [nowMs, setNowMs] = useState(0);
  const problems = useMemo(() => lines.map(lineProblem), [lines]);
  const dirty = JSON.stringify(lines) !== JSON.stringify(props.initial);
  const active = lines.findIndex((l) => nowMs >= l.startMs && nowMs < l.endMs);
  const seek = (ms: number) => {
    if (!video.current) return;
    video.current.currentTime = ms / 1000;
    setNowMs(ms);
  };
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.1fr)]">
      <div className="space-y-4 lg:sticky lg:top-4 lg:self-start">
        <video
          ref={video}
          src={props.videoSrc}
          controls
          playsInline
          className="max-h-[60vh] w-full rounded-lg bg-black object-contain"
          onTimeUpdate={(e) => setNowMs(Math.round(e.currentTarget.currentTime * 1000))}
        >
          <track kind="captions" srcLang="en" label="Your edits" src={`data:text/vtt;charset=utf-8,${encodeURIComponent(previewVtt(lines))}`} default />
        </video>
        <p className="text-xs text-muted-foreground">
          Your edited lines play at the top of the player; the video&apos;s own captions stay where they are until you burn the edits in, which replaces them.
        </p>
        <Downloads lines={lines} />
        <BurnIn {...props} dirty={dirty} />
      </div>
      <Card className="gap-0 p-0">
        <div className="flex flex-wrap items-center justify-between gap-2 border-b px-4 py-3">
          <p className="text-sm text-muted-foreground">
            {lines.length} lines · {props.method === "narration" ? "from the narration, timed as spoken" : "transcribed"}
          </p>
          <SaveButton {...props} lines={lines} disabled={!dirty || problems.some(Boolean)} />
        </div>
        <ol aria-label="Caption lines" className="max-h-[70vh] divide-y overflow-y-auto">
          {lines.map((line, i) => (
            <CaptionRow
              key={i}
              index={i}
              line={line}
              active={i === active}
              problem={problems[i]}
              onSeek={() => seek(line.startMs)}
              onChange={(next) => setLines((all) => all.map((l, j) => (j === i ? next : l)))}
            />
          ))}
        </ol>
      </Card>
    </div>
  );
}

/** The lines as WebVTT cues placed near the top, clear of captions the video already shows at the bottom. */
function previewVtt(lines: Line[]): string {
  return toVtt(lines).replace(/^(\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3})$/gm, "$1 line:6%");
}

function SaveButton({ videoId, captionId, lines, disabled }: Props & { lines: Line[]; disabled: boolean }) {
  const [pending, start] = useTransition();
  const router = useRouter();
  return (
    <Button
      size="sm"
      disabled={disabled || pending}
      onClick={() =>
        start(async () => {
          const r = await saveCaptionsAction({ videoId, captionId, segments: lines });
          if (!r.ok) return void toast.error(r.error);
          toast.success("Captions saved");
          router.refresh();
        })
      }
    >
      <Save className="size-4" aria-hidden /> Save
    </Button>
  );
}

function Downloads({ lines }: { lines: Line[] }) {
  const href = (text: string, type: string) => `data:${type};charset=utf-8,${encodeURIComponent(text)}`;
  return (
    <div className="flex flex-wrap gap-2">
      <Button asChild variant="outline" size="sm">
        <a href={href(toSrt(lines), "application/x-subrip")} download="captions.srt">
          <Download className="size-4" aria-hidden /> SRT
        </a>
      </Button>
      <Button asChild variant="outline" size="sm">
        <a href={href(toVtt(lines), "text/vtt")} download="captions.vtt">
          <Download className="size-4" aria-hidden /> VTT
        </a>
      </Button>
    </div>
  );
}

const PRESET_LABELS = { plain: "Plain (outlined)", boxed: "Boxed", highlight: "Word highlight (reels)" } as const;

function BurnIn({ videoId, captionId, burnIn, burnedUrl, dirty }: Props & { dirty: boolean }) {
  const router = useRouter();
  const [preset, setPreset] = useState<keyof typeof PRESET_LABELS>("plain");
  const [position, setPosition] = useState<"bottom" | "center" | "top">("bottom");
  const [taskId, setTaskId] = useState(burnIn && !isTaskDone({ status: burnIn.status }) ? burnIn.taskId : null);
  const [pending, start] = useTransition();
  const task = useTask(taskId);
  const running = !!taskId && !isTaskDone(task.data);
  useEffect(() => {
    if (taskId && isTaskDone(task.data)) router.refresh();
  }, [taskId, task.data, router]);
  return (
    <Card className="gap-3 p-4">
      <div className="grid grid-cols-2 gap-3">
        <div className="space-y-1">
          <Label htmlFor="caption-style">Style</Label>
          <Select value={preset} onValueChange={(v) => setPreset(v as typeof preset)}>
            <SelectTrigger id="caption-style" className="w-full">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {Object.entries(PRESET_LABELS).map(([v, label]) => (
                <SelectItem key={v} value={v}>
                  {label}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        <div className="space-y-1">
          <Label htmlFor="caption-position">Position</Label>
          <Select value={position} onValueChange={(v) => setPosition(v as typeof position)}>
            <SelectTrigger id="caption-position" className="w-full">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="bottom">Bottom</SelectItem>
              <SelectItem value="center">Center</SelectItem>
              <SelectItem value="top">Top</SelectItem>
            </SelectContent>
          </Select>
        </div>
      </div>
      <Button
        disabled={pending || running || dirty}
        title={dirty ? "Save your edits first" : undefined}
        onClick={() =>
          start(async () => {
            const r = await burnInCaptionsAction({ videoId, captionId, preset, position });
            if (r.ok) setTaskId(r.data.taskId);
            else toast.error(r.error);
          })
        }
      >
        <Flame className="size-4" aria-hidden /> {burnedUrl ? "Burn in again" : "Burn captions in"}
      </Button>
      {running ? <Progress value={task.data?.progress ?? 0} aria-label="Burn-in progress" /> : null}
      {!running && (task.data?.status === "failed" || burnIn?.status === "failed") ? (
        <p className="text-sm text-destructive">{task.data?.error ?? burnIn?.error}</p>
      ) : null}
      {burnedUrl && !running ? (
        <a className="text-sm text-primary underline-offset-4 hover:underline" href={`${burnedUrl}&download=1`}>
          Download the video with captions burned in
        </a>
      ) : null}
    </Card>
  );
}
