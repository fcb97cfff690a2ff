"use client";

import { useQueryClient } from "@tanstack/react-query";
import { AudioLines, Loader2, Mic, Play, Square, Upload } from "lucide-react";
import { useEffect, useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { StatusBadge } from "@/components/studio/status-badge";
import type { VoiceView } from "@/lib/characters/voice-view";
import { characterVoiceKeys, useCharacterVoice } from "@/lib/hooks/use-character-voice";
import { errorDetail } from "@/lib/hooks/fetch-json";
import { cn } from "@/lib/utils";
import { VOICE_SAMPLE_ACCEPT, VOICE_SAMPLE_MAX_BYTES, VOICE_SAMPLE_MAX_MS, VOICE_SAMPLE_MIN_MS } from "@/lib/validation/voice";
import { retryVoiceCloneAction } from "../actions";
import { useAudioPreview } from "../use-audio-preview";
import { useVoiceRecorder } from "./use-voice-recorder";
import { VoiceStatus } from "./voice-status";

const clock = (ms: number) => `${Math.floor(ms / 60000)}:${String(Math.floor((ms % 60000) / 1000)).padStart(2, "0")}`;
// Shown with the studio's usual status colours.
const badge: Record<VoiceView["status"], { status: string; label: string }> = {
  none: { status: "pending", label: "No voice" },
  processing: { status: "running", label: "Processing" },
  ready: { status: "completed", label: "Ready" },
  failed: { status: "failed", label: "Failed" },
};

export function VoiceCard({ characterId, voiceId, initial }: { characterId: number; voiceId: string | null; initial: VoiceView }) {
  const queryClient = useQueryClient();
  const { data: voice = initial, error: pollError } = useCharacterVoice(characterId, initial);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [retrying, startRetry] = useTransition();
  const preview = useAudioPreview();
  const [hasPreview, setHasPreview] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const markProcessing = () =>
    queryClient.setQueryData(characterVoiceKeys.detail(characterId), (v: VoiceView | undefined) =>
      v ? { ...v, status: "processing" as const, error: null, profile: null, measured: null } : v,
    );

  async function upload(file: File) {
    setUploadError(null);
    if (file.size > VOICE_SAMPLE_MAX_BYTES) return setUploadError(`That file is ${(file.size / 1048576).toFixed(1)} MB; the limit is 20 MB.`);
    if (file.size === 0) return setUploadError("That file is empty.");
    const form = new FormData();
    form.set("person_id", String(characterId));
    form.set("provider", "local");
    form.set("audio_file", file);
    setUploading(true);
    try {
      const res = await fetch("/api/v1/voice-clone/clone", { method: "POST", body: form });
      if (!res.ok) return setUploadError(errorDetail(await res.json().catch(() => null)) ?? `The upload failed (${res.status}); please try again.`);
      markProcessing();
      toast.success("Sample uploaded: analysing the voice");
    } catch {
      setUploadError("The upload did not reach the server; check your connection and try again.");
    } finally {
      setUploading(false);
      if (fileInput.current) fileInput.current.value = "";
    }
  }

  const recorder = useVoiceRecorder({ minMs: VOICE_SAMPLE_MIN_MS, maxMs: VOICE_SAMPLE_MAX_MS, onRecorded: (file) => void upload(file) });
  const recording = recorder.state === "recording";
  const stopButton = useRef<HTMLButtonElement>(null);
  const statusBox = useRef<HTMLDivElement>(null);
  const wasRecording = useRef(false);
  // Keyboard users land on Stop when a take starts, and on the status (the controls are busy
  // while the take uploads) when it ends.
  useEffect(() => {
    if (recording) stopButton.current?.focus();
    else if (wasRecording.current) statusBox.current?.focus();
    wasRecording.current = recording;
  }, [recording]);
  const busy = uploading || recording || recorder.state === "starting" || voice.status === "processing";

  function retry() {
    startRetry(async () => {
      const res = await retryVoiceCloneAction({ characterId });
      if (!res.ok) return void toast.error(res.error);
      markProcessing();
    });
  }

  function playPreview() {
    const p = voice.profile;
    // The URL changes with the voice, so the browser never replays a stale preview from its cache.
    const version = voice.status === "ready" && p ? `${p.engineVoice}-${p.pitch}-${p.rate}` : (voiceId ?? "default");
    setHasPreview(true);
    void preview.play(`/api/characters/${characterId}/voice/preview?v=${encodeURIComponent(version)}`);
  }

  const error = recorder.error ?? uploadError;
  return (
    <Card role="region" aria-labelledby="voice-title">
      <CardHeader>
        <CardTitle id="voice-title" role="heading" aria-level={2}>
          Voice
        </CardTitle>
        <CardDescription>Clone how this character sounds from a short recording. Narration follows its pitch and pace once it is ready.</CardDescription>
        <CardAction>
          <StatusBadge status={badge[voice.status].status} label={badge[voice.status].label} />
        </CardAction>
      </CardHeader>
      <CardContent className="grid gap-4">
        <div ref={statusBox} tabIndex={-1} className="rounded-lg outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50">
          <VoiceStatus voice={voice} retrying={retrying} onRetry={retry} />
        </div>
        {pollError ? <p className="text-sm text-destructive">{pollError.message}</p> : null}

        <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-center">
          {recording ? (
            <Button key="stop" ref={stopButton} type="button" variant="destructive" onClick={recorder.stop}>
              <Square className="size-4 fill-current" aria-hidden /> Stop recording
            </Button>
          ) : (
            <Button key="record" type="button" variant="outline" onClick={() => void recorder.start()} disabled={busy || !recorder.supported}>
              {recorder.state === "starting" ? <Loader2 className="size-4 animate-spin" aria-hidden /> : <Mic className="size-4" aria-hidden />}
              Record a sample
            </Button>
          )}
          <label
            className={cn(
              buttonVariants({ variant: "outline" }),
              "cursor-pointer focus-within:ring-[3px] focus-within:ring-ring/50",
              busy && "pointer-events-none opacity-50",
            )}
          >
            {uploading ? <Loader2 className="size-4 animate-spin" aria-hidden /> : <Upload className="size-4" aria-hidden />}
            Upload a sample
            <input
              ref={fileInput}
              type="file"
              accept={VOICE_SAMPLE_ACCEPT}
              className="sr-only"
              disabled={busy}
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void upload(file);
              }}
            />
          </label>
          <Button type="button" onClick={playPreview} disabled={preview.state !== "idle" || voice.status === "processing"} className="sm:ml-auto">
            {preview.state === "loading" ? (
              <Loader2 className="size-4 animate-spin" aria-hidden />
            ) : preview.state === "playing" ? (
              <AudioLines className="size-4" aria-hidden />
            ) : (
              <Play className="size-4" aria-hidden />
            )}
            {preview.state === "playing" ? "Playing…" : "Preview voice"}
          </Button>
        </div>

        {recording ? (
          <p role="status" className="flex items-center gap-2 text-sm font-medium text-destructive" data-testid="recording-indicator">
            <span className="relative flex size-2.5" aria-hidden>
              <span className="absolute inline-flex size-full animate-ping rounded-full bg-red-500 opacity-75" />
              <span className="relative inline-flex size-2.5 rounded-full bg-red-600" />
            </span>
            Recording {clock(recorder.elapsedMs)} / {clock(VOICE_SAMPLE_MAX_MS)}: read a few sentences aloud, then stop
          </p>
        ) : null}
        {error ? (
          <p role="alert" className="text-sm text-destructive">
            {error}
          </p>
        ) : (
          <p className="text-xs text-muted-foreground">
            mp3, wav, m4a, ogg, webm or flac; 3 seconds to 5 minutes, up to 20 MB.
            {!recorder.supported ? " This browser cannot record here: upload a file instead." : ""}
          </p>
        )}

        <audio {...preview.audioProps} controls preload="none" aria-label="Voice preview" className={cn("w-full", !hasPreview && "hidden")} />
      </CardContent>
    </Card>
  );
}
