"use client";

import { Coins, Loader2, RefreshCw } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import type { SceneView } from "@/lib/projects/view";

export interface RegenerateRequest {
  regenerateImage: boolean;
  regenerateVideo: boolean;
  updatedImagePrompt?: string;
  updatedMotionPrompt?: string;
}

/**
 * Regenerate one finished scene: a new image (and so a new clip) or only a new clip, with the
 * prompts editable first. The price is shown before anything is charged.
 */
export function RegenerateDialog({
  scene,
  credits,
  balance,
  disabled,
  onConfirm,
}: {
  scene: SceneView;
  credits: number;
  balance: number;
  disabled?: boolean;
  onConfirm: (req: RegenerateRequest) => Promise<boolean>;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [image, setImage] = useState(true);
  const [imagePrompt, setImagePrompt] = useState(scene.imagePrompt);
  const [motionPrompt, setMotionPrompt] = useState(scene.motionPrompt);
  const short = balance < credits;

  function reset(o: boolean) {
    setOpen(o);
    if (o) {
      setImage(true);
      setImagePrompt(scene.imagePrompt);
      setMotionPrompt(scene.motionPrompt);
    }
  }

  async function submit() {
    setBusy(true);
    const changed = (a: string, b: string) => (a.trim() && a.trim() !== b ? a.trim() : undefined);
    const ok = await onConfirm({
      regenerateImage: image,
      regenerateVideo: true,
      updatedImagePrompt: image ? changed(imagePrompt, scene.imagePrompt) : undefined,
      updatedMotionPrompt: changed(motionPrompt, scene.motionPrompt),
    });
    setBusy(false);
    if (ok) setOpen(false);
  }

  return (
    <Dialog open={open} onOpenChange={reset}>
      <DialogTrigger asChild>
        <Button size="sm" variant="outline" disabled={disabled} aria-label={`Regenerate scene ${scene.sceneNumber}`}>
          <RefreshCw className="size-4" /> Regenerate
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-lg">
        <DialogHeader>
          <DialogTitle>Regenerate scene {scene.sceneNumber}</DialogTitle>
          <DialogDescription>
            Only this scene is made again; the final video is re-stitched from it and the other scenes as they are. If it fails, the current version stays and
            the credits come back.
          </DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <fieldset className="grid gap-2">
            <legend className="mb-1 text-sm font-medium">What to make again</legend>
            <label className="flex items-start gap-2 text-sm">
              <input type="radio" name="what" checked={image} onChange={() => setImage(true)} className="mt-0.5 size-4 accent-primary" />
              <span>New image and clip</span>
            </label>
            {scene.isAvatar ? null : (
              <label className="flex items-start gap-2 text-sm">
                <input type="radio" name="what" checked={!image} onChange={() => setImage(false)} className="mt-0.5 size-4 accent-primary" />
                <span>New clip from the same image (a different camera move)</span>
              </label>
            )}
          </fieldset>
          {image ? (
            <div className="grid gap-1">
              <Label htmlFor={`regen-${scene.id}-image`}>Image prompt</Label>
              <Textarea id={`regen-${scene.id}-image`} rows={3} maxLength={1000} value={imagePrompt} onChange={(e) => setImagePrompt(e.target.value)} />
            </div>
          ) : null}
          {scene.isAvatar ? (
            <p className="text-xs text-muted-foreground">
              This scene is a talking head: its clip is the character speaking over the frame, so only a new image changes it.
            </p>
          ) : (
            <div className="grid gap-1">
              <Label htmlFor={`regen-${scene.id}-motion`}>Camera move</Label>
              <Textarea id={`regen-${scene.id}-motion`} rows={2} maxLength={1000} value={motionPrompt} onChange={(e) => setMotionPrompt(e.target.value)} />
            </div>
          )}
          <p className="flex items-center gap-2 rounded-md bg-muted px-3 py-2 text-sm" data-testid="regenerate-cost">
            <Coins className="size-4 text-primary" /> {credits} credits · you have {balance}
          </p>
          {short ? (
            <p role="alert" className="text-sm text-destructive">
              Not enough credits: this needs {credits}, you have {balance}.
            </p>
          ) : null}
          <DialogFooter>
            <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={busy || short}>
              {busy ? <Loader2 className="size-4 animate-spin" /> : <RefreshCw className="size-4" />} Regenerate for {credits} credits
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
