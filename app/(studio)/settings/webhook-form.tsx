"use client";

import { Loader2, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { Field } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { webhookEvents } from "@/lib/validation/webhooks";
import { createWebhookEndpointAction } from "./actions";
import { SecretOnceDialog } from "./secret-once-dialog";

type WebhookEventName = (typeof webhookEvents)[number];
type Errors = Partial<Record<"url" | "events" | "description", string>>;

const eventHints: Record<WebhookEventName, string> = {
  "project.completed": "a story project’s video is ready",
  "project.failed": "a story project could not be generated",
  "scene.regenerated": "one scene was generated again",
  "upscale.completed": "an upscaled video is ready",
  "video.finished": "a timeline render finished",
  "video.failed": "a timeline render failed",
  "post.published": "a scheduled post went out on a platform",
  "post.failed": "a scheduled post could not be published on a platform",
};

export function WebhookForm() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<WebhookEventName[]>([]);
  const [description, setDescription] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const urlRef = useRef<HTMLInputElement>(null);
  const descriptionRef = useRef<HTMLInputElement>(null);

  function toggle(event: WebhookEventName, on: boolean) {
    setEvents((prev) => (on ? [...prev, event] : prev.filter((e) => e !== event)));
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    start(async () => {
      // Keep the checkbox order stable, whatever order they were ticked in.
      const chosen = webhookEvents.filter((ev) => events.includes(ev));
      const res = await createWebhookEndpointAction({ url, events: chosen, description: description || undefined });
      if (!res.ok) {
        const fe = res.fieldErrors ?? {};
        const next: Errors = { url: fe.url, events: Object.entries(fe).find(([k]) => k.startsWith("events"))?.[1], description: fe.description };
        if (!next.url && !next.events && !next.description) next.url = res.error;
        setErrors(next);
        // Keyboard users land on the field to fix.
        if (next.url) urlRef.current?.focus();
        else if (next.description) descriptionRef.current?.focus();
        return void toast.error(res.error);
      }
      setErrors({});
      setUrl("");
      setEvents([]);
      setDescription("");
      setCreated({ url: res.data.url, secret: res.data.secret });
      router.refresh();
    });
  }

  const describedBy = (id: string, error?: string) => (error ? `${id}-error ${id}-hint` : `${id}-hint`);

  return (
    <>
      <form onSubmit={onSubmit} noValidate aria-label="Add a webhook endpoint" className="grid gap-4">
        <div className="grid gap-1.5">
          <Label htmlFor="webhook-url">Endpoint URL</Label>
          <Input
            ref={urlRef}
            id="webhook-url"
            name="url"
            type="url"
            inputMode="url"
            placeholder="https://example.com/hooks/cinetwin"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            required
            aria-invalid={!!errors.url}
            aria-describedby={describedBy("webhook-url", errors.url)}
          />
          {errors.url ? (
            <p id="webhook-url-error" role="alert" className="text-sm text-destructive">
              {errors.url}
            </p>
          ) : null}
          <p id="webhook-url-hint" className="text-xs text-muted-foreground">
            We POST signed JSON here. Private and local addresses are refused unless the server’s <code className="font-mono">OUTBOUND_ALLOW_HOSTS</code> lists
            them.
          </p>
        </div>

        <fieldset className="grid gap-2" aria-describedby={describedBy("webhook-events", errors.events)}>
          <legend className="mb-2 text-sm font-medium">Events</legend>
          <div className="grid gap-2.5 sm:grid-cols-2 sm:gap-2 lg:grid-cols-3">
            <div className="flex items-start gap-2 sm:rounded-md sm:border sm:p-2.5">
              <Checkbox
                id="webhook-event-all"
                checked={events.length === 0}
                // Ticking "All events" clears the list; unticking it alone means nothing, so it stays ticked.
                onCheckedChange={(on) => on === true && setEvents([])}
              />
              <Label htmlFor="webhook-event-all" className="grid gap-1 leading-snug">
                All events
                <span className="hidden text-xs font-normal text-muted-foreground sm:block">including ones added later</span>
              </Label>
            </div>
            {webhookEvents.map((ev) => (
              <div key={ev} className="flex items-start gap-2 sm:rounded-md sm:border sm:p-2.5">
                <Checkbox id={`webhook-event-${ev}`} checked={events.includes(ev)} onCheckedChange={(on) => toggle(ev, on === true)} />
                <Label htmlFor={`webhook-event-${ev}`} className="grid gap-1 leading-snug">
                  <code className="font-mono text-[0.8125rem]">{ev}</code>
                  <span className="hidden text-xs font-normal text-muted-foreground sm:block">{eventHints[ev]}</span>
                </Label>
              </div>
            ))}
          </div>
          {errors.events ? (
            <p id="webhook-events-error" role="alert" className="text-sm text-destructive">
              {errors.events}
            </p>
          ) : null}
          <p id="webhook-events-hint" className="text-xs text-muted-foreground">
            Pick events to receive only those; with none picked the endpoint gets every event.
          </p>
        </fieldset>

        <Field id="webhook-description" label="Description (optional)" hint="What it is for, e.g. “Slack notifier”." error={errors.description}>
          <Input
            ref={descriptionRef}
            id="webhook-description"
            name="description"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            maxLength={200}
            autoComplete="off"
            aria-invalid={!!errors.description}
            aria-describedby={errors.description ? "webhook-description-error" : "webhook-description-hint"}
          />
        </Field>

        <div>
          <Button type="submit" disabled={pending} className="w-full sm:w-auto">
            {pending ? <Loader2 className="size-4 animate-spin" aria-hidden /> : <Plus className="size-4" aria-hidden />}
            Add endpoint
          </Button>
        </div>
      </form>

      <SecretOnceDialog
        secret={created?.secret ?? null}
        onClose={() => setCreated(null)}
        title="Endpoint added"
        description={
          <>
            Deliveries to <span className="font-mono">{created?.url}</span> are signed with this secret.
          </>
        }
        warningTitle="Copy the signing secret now"
        warning="It won’t be shown again. If you lose it, delete the endpoint and add it again."
        copyLabel="Copy signing secret"
        testId="webhook-secret"
      />
    </>
  );
}
