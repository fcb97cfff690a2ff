"use client";

import { Check, Copy, FileDown, FileUp } from "lucide-react";
import { useId, useMemo, useState } from "react";
import { toast } from "sonner";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { type EditorCreative, parseImport } from "./model";

export function CopyButton({ text, label }: { text: string; label: string }) {
  const [done, setDone] = useState(false);
  return (
    <Button
      type="button"
      size="sm"
      variant="outline"
      onClick={() => {
        navigator.clipboard.writeText(text).then(
          () => {
            setDone(true);
            setTimeout(() => setDone(false), 1500);
          },
          () => toast.error("Could not copy: select the text and copy it by hand"),
        );
      }}
    >
      {done ? <Check aria-hidden /> : <Copy aria-hidden />} {label}
    </Button>
  );
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The exact POST /api/v1/video-generation-jobs body, and a curl command that sends it. */
export function ExportDialog({ videoCreative, dynamicVariables }: { videoCreative: Record<string, unknown>; dynamicVariables: Record<string, string> }) {
  const [callback, setCallback] = useState("");
  const callbackId = useId();
  const body = useMemo(
    () => JSON.stringify({ videoCreative, dynamicVariables, ...(callback.trim() ? { callback: callback.trim() } : {}) }, null, 2),
    [videoCreative, dynamicVariables, callback],
  );
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  const curl = `curl -X POST ${shellQuote(`${origin}/api/v1/video-generation-jobs`)} \\\n  -H "Authorization: Bearer $CINETWIN_API_TOKEN" \\\n  -H "Content-Type: application/json" \\\n  --data ${shellQuote(JSON.stringify(JSON.parse(body)))}`;
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button variant="outline">
          <FileDown aria-hidden /> Export to API
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90dvh] overflow-y-auto sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>Export to API</DialogTitle>
          <DialogDescription>
            POST this body to <code className="font-mono">/api/v1/video-generation-jobs</code> with an API token; poll the returned id at{" "}
            <code className="font-mono">/api/v1/video-generation-jobs/{"{id}"}</code>.
          </DialogDescription>
        </DialogHeader>
        <div className="grid gap-1.5">
          <Label htmlFor={callbackId}>Callback URL (optional)</Label>
          <Input
            id={callbackId}
            type="url"
            value={callback}
            onChange={(e) => setCallback(e.target.value)}
            placeholder="https://example.com/webhooks/cinetwin"
          />
        </div>
        <div className="grid min-w-0 gap-2">
          <div className="flex items-center justify-between gap-2">
            <h3 className="text-sm font-semibold">JSON body</h3>
            <CopyButton text={body} label="Copy JSON" />
          </div>
          <pre aria-label="JSON body" className="max-h-72 overflow-auto rounded-md bg-muted p-3 font-mono text-xs">
            {body}
          </pre>
        </div>
        <div className="grid min-w-0 gap-2">
          <div className="flex items-center justify-between gap-2">
            <h3 className="text-sm font-semibold">curl</h3>
            <CopyButton text={curl} label="Copy curl" />
          </div>
          <pre aria-label="curl command" className="max-h-48 overflow-auto rounded-md bg-muted p-3 font-mono text-xs whitespace-pre-wrap break-all">
            {curl}
          </pre>
          <p className="text-xs text-muted-foreground">Set CINETWIN_API_TOKEN to a token from your account&apos;s API tokens.</p>
        </div>
      </DialogContent>
    </Dialog>
  );
}

export function ImportDialog({ onImport }: { onImport: (c: EditorCreative, vars: Record<string, string>) => void }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  function submit() {
    try {
      const { creative, dynamicVariables } = parseImport(text);
      onImport(creative, dynamicVariables);
      setOpen(false);
      setText("");
      setError(null);
      toast.success(`Imported ${creative.scenes.length} scene${creative.scenes.length === 1 ? "" : "s"}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : "Could not read that JSON");
    }
  }
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) setError(null);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline">
          <FileUp aria-hidden /> Import
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>Import a video</DialogTitle>
          <DialogDescription>
            Paste a job body <code className="font-mono">{"{ videoCreative, dynamicVariables }"}</code> or a bare videoCreative. It replaces what is in the
            editor.
          </DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Label htmlFor={id}>Job JSON</Label>
          <Textarea
            id={id}
            rows={12}
            className="max-h-[50dvh] font-mono text-xs"
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={!!error}
            aria-describedby={error ? `${id}-error` : undefined}
            placeholder='{ "videoCreative": { "settings": { … }, "scenes": [ … ] } }'
          />
          {error ? (
            <Alert variant="destructive" id={`${id}-error`} role="alert">
              <AlertDescription>{error}</AlertDescription>
            </Alert>
          ) : null}
          <DialogFooter>
            <Button type="submit" disabled={!text.trim()}>
              Load into editor
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
