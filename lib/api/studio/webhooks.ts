import type { WebhookDelivery, WebhookEndpoint } from "@/db/schema/webhooks";

/** An endpoint as the API shows it; the secret only when it was just created. */
export function endpointOut(e: WebhookEndpoint, opts: { withSecret?: boolean } = {}) {
  return {
    id: e.id,
    url: e.url,
    events: e.events,
    description: e.description,
    enabled: e.enabled,
    created_at: e.createdAt.toISOString(),
    last_delivery_at: e.lastDeliveryAt?.toISOString() ?? null,
    ...(opts.withSecret ? { secret: e.secret } : {}),
  };
}

/** A delivery as the API and the studio show it: no payload, no secret. */
export function deliveryOut(d: WebhookDelivery) {
  return {
    id: d.id,
    event: d.event,
    subject: d.subject,
    url: d.url,
    /** null for a per-job callback URL rather than a registered endpoint. */
    endpoint_id: d.endpointId,
    status: d.status,
    attempts: d.attempts,
    last_status_code: d.lastStatusCode,
    last_error: d.lastError,
    created_at: d.createdAt.toISOString(),
    delivered_at: d.deliveredAt?.toISOString() ?? null,
  };
}
