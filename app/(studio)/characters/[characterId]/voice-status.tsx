"use client";

import { AlertCircle, AudioLines, CheckCircle2, Loader2, Mic, RotateCcw } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { VoiceView } from "@/lib/characters/voice-view";

function Detail({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="rounded-lg border bg-muted/30 px-3 py-2">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="font-medium tabular-nums">{value}</dd>
      {hint ? <dd className="text-xs text-muted-foreground">{hint}</dd> : null}
    </div>
  );
}

/** What the character's voice is doing now; announced to screen readers as it changes. */
export function VoiceStatus({ voice, retrying, onRetry }: { voice: VoiceView; retrying: boolean; onRetry: () => void }) {
  return (
    <div role="status" aria-live="polite" data-testid="voice-status" data-status={voice.status}>
      {voice.status === "none" ? (
        <div className="flex items-start gap-3 rounded-lg border border-dashed px-4 py-5">
          <span className="flex size-9 shrink-0 items-center justify-center rounded-full bg-primary/10 text-primary">
            <Mic className="size-4" aria-hidden />
          </span>
          <div className="grid gap-1 text-sm">
            <p className="font-medium">No voice yet</p>
            <p className="text-muted-foreground">
              Stories use the default narrator until you add a sample. Record or upload 10 to 30 seconds of natural speech: read a paragraph aloud in a quiet
              room.
            </p>
          </div>
        </div>
      ) : voice.status === "processing" ? (
        <div className="flex items-center gap-3 rounded-lg border px-4 py-5 text-sm">
          <Loader2 className="size-5 animate-spin text-primary" aria-hidden />
          <div>
            <p className="font-medium">Analysing the sample…</p>
            <p className="text-muted-foreground">Measuring pitch and pace. This takes a few seconds; narration uses the default voice meanwhile.</p>
          </div>
        </div>
      ) : voice.status === "ready" && voice.profile ? (
        <div className="grid gap-3">
          <p className="flex items-center gap-2 text-sm font-medium text-emerald-700 dark:text-emerald-400">
            <CheckCircle2 className="size-4" aria-hidden /> Voice ready: narration speaks like the sample
          </p>
          <dl className="grid grid-cols-1 gap-2 text-sm sm:grid-cols-3">
            <Detail
              label="Pitch"
              value={`${voice.profile.pitch ?? "–"} of 99`}
              hint={voice.measured ? `sample ≈ ${Math.round(voice.measured.f0Hz)} Hz` : undefined}
            />
            <Detail
              label="Pace"
              value={`${voice.profile.rate ?? "–"} words/min`}
              hint={voice.measured ? `${voice.measured.syllablesPerSecond.toFixed(1)} syllables/s heard` : undefined}
            />
            <Detail
              label="Engine voice"
              value={voice.profile.engineVoice?.endsWith("+f3") ? "Higher register" : "Lower register"}
              hint={`${voice.profile.engineVoice ?? "default"} · ${voice.provider ?? "local"}`}
            />
          </dl>
        </div>
      ) : (
        <Alert variant="destructive">
          <AlertCircle className="size-4" aria-hidden />
          <AlertTitle>Voice cloning failed</AlertTitle>
          <AlertDescription className="grid gap-3">
            <p>{voice.error ?? "The sample could not be analysed."}</p>
            <div className="flex flex-wrap gap-2">
              <Button type="button" size="sm" variant="outline" onClick={onRetry} disabled={retrying}>
                {retrying ? <Loader2 className="size-4 animate-spin" aria-hidden /> : <RotateCcw className="size-4" aria-hidden />}
                Try again
              </Button>
              <span className="flex items-center gap-1 text-xs text-muted-foreground">
                <AudioLines className="size-3.5" aria-hidden /> or record / upload a new sample below
              </span>
            </div>
          </AlertDescription>
        </Alert>
      )}
    </div>
  );
}
