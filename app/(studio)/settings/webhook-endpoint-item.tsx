"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Loader2, Send } from "lucide-react";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { ConfirmButton } from "@/components/studio/confirm-button";
import { DeliveryLog } from "@/components/webhooks/delivery-log";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import type { endpointOut } from "@/lib/api/studio/webhooks";
import { useEndpointDeliveries, webhookDeliveryKeys } from "@/lib/hooks/use-webhook-deliveries";
import { deleteWebhookEndpointAction, sendWebhookTestAction, setWebhookEndpointEnabledAction } from "./actions";

/** What the page hands to the client: never the secret. */
export type EndpointView = Omit<ReturnType<typeof endpointOut>, "secret">;

/**
 * `dates` are formatted by the server, like the rest of the page: formatting them here would
 * render the server's time zone and then hydrate with the browser's, a hydration mismatch.
 */
export function WebhookEndpointItem({ endpoint, dates }: { endpoint: EndpointView; dates: { created: string; lastDelivery: string | null } }) {
  const queryClient = useQueryClient();
  const deliveries = useEndpointDeliveries(endpoint.id);
  const [enabled, setEnabled] = useState(endpoint.enabled);
  const [toggling, startToggle] = useTransition();
  const [testing, startTest] = useTransition();
  const titleId = `webhook-${endpoint.id}-url`;
  const switchId = `webhook-${endpoint.id}-enabled`;

  function toggle(next: boolean) {
    setEnabled(next); // optimistic: the switch answers at once, and flips back if the save fails
    startToggle(async () => {
      const res = await setWebhookEndpointEnabledAction({ id: endpoint.id, enabled: next });
      if (!res.ok) {
        setEnabled(!next);
        return void toast.error(res.error);
      }
      toast.success(next ? "Endpoint turned on" : "Endpoint turned off: no events are sent to it");
    });
  }

  function sendTest() {
    startTest(async () => {
      const res = await sendWebhookTestAction({ id: endpoint.id });
      if (!res.ok) return void toast.error(res.error);
      toast.success("Test event queued");
      // The new pending row starts the log's polling until it settles.
      await queryClient.invalidateQueries({ queryKey: webhookDeliveryKeys.endpoint(endpoint.id) });
    });
  }

  return (
    <li aria-labelledby={titleId} data-testid="webhook-endpoint" className="grid gap-4 p-3 sm:p-4">
      <div className="flex flex-col gap-3 lg:flex-row lg:items-start lg:gap-4">
        <div className="grid min-w-0 flex-1 gap-1.5">
          <p id={titleId} className="font-mono text-sm font-medium break-all">
            {endpoint.url}
          </p>
          {endpoint.description ? <p className="text-sm text-muted-foreground">{endpoint.description}</p> : null}
          <ul aria-label="Events" className="flex flex-wrap gap-1">
            {endpoint.events.length === 0 ? (
              <li>
                <Badge variant="secondary">All events</Badge>
              </li>
            ) : (
              endpoint.events.map((ev) => (
                <li key={ev}>
                  <Badge variant="outline" className="font-mono">
                    {ev}
                  </Badge>
                </li>
              ))
            )}
          </ul>
          <p className="text-xs text-muted-foreground">
            Created <time dateTime={endpoint.created_at}>{dates.created}</time>
            {endpoint.last_delivery_at && dates.lastDelivery ? (
              <>
                {" · "}last delivered <time dateTime={endpoint.last_delivery_at}>{dates.lastDelivery}</time>
              </>
            ) : null}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2 lg:shrink-0">
          <div className="flex items-center gap-2">
            <Switch id={switchId} checked={enabled} onCheckedChange={toggle} disabled={toggling} aria-describedby={`${switchId}-state`} />
            <Label htmlFor={switchId}>Enabled</Label>
            <span id={`${switchId}-state`} className="sr-only">
              {enabled ? "Events are sent" : "No events are sent"}
            </span>
          </div>
          <Button
            type="button"
            variant="outline"
            size="sm"
            onClick={sendTest}
            disabled={testing || !enabled}
            title={enabled ? undefined : "Turn the endpoint on to send events"}
            aria-label={`Send test event to ${endpoint.url}`}
          >
            {testing ? <Loader2 className="size-4 animate-spin" aria-hidden /> : <Send className="size-4" aria-hidden />}
            Send test event
          </Button>
          <ConfirmButton
            trigger="Delete"
            triggerLabel={`Delete ${endpoint.url}`}
            title="Delete this endpoint?"
            description={
              <>
                <span className="font-mono break-all">{endpoint.url}</span> stops receiving events at once, and its delivery log is deleted. This cannot be
                undone.
              </>
            }
            confirmLabel="Delete endpoint"
            success="Endpoint deleted"
            action={() => deleteWebhookEndpointAction({ id: endpoint.id })}
          />
        </div>
      </div>
      <section aria-label={`Deliveries to ${endpoint.url}`} className="grid gap-2">
        <h3 className="text-sm font-medium">Recent deliveries</h3>
        <DeliveryLog
          query={deliveries}
          label={`Deliveries to ${endpoint.url}`}
          empty={enabled ? "No deliveries yet. Send a test event to try the endpoint." : "No deliveries yet. The endpoint is off."}
        />
      </section>
    </li>
  );
}
