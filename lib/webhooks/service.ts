import { and, desc, eq, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { webhookDeliveries, webhookEndpoints, type WebhookDelivery, type WebhookEndpoint } from "@/db/schema/webhooks";
import { AppError, notFound } from "@/lib/errors";
import { createEndpointInput, type CreateEndpointInput, type WebhookEvent } from "@/lib/validation/webhooks";
import { generateWebhookSecret } from "./sign";

/** Enqueues the deliver-webhook job for a delivery id (the caller binds pg-boss, maybe to a transaction). */
export type SendDelivery = (deliveryId: string) => Promise<void>;

/** Registers an endpoint with a fresh secret; the returned row carries the secret to show the user. */
export async function createEndpoint(db: DbOrTx, scope: { workspaceId: string }, input: CreateEndpointInput): Promise<WebhookEndpoint> {
  const parsed = createEndpointInput.safeParse(input);
  // The URL's scheme and literal host are checked here; its resolved addresses at each delivery.
  if (!parsed.success) throw new AppError("bad_request", parsed.error.issues[0]?.message ?? "Invalid webhook", String(parsed.error.issues[0]?.path[0] ?? ""));
  const [row] = await db
    .insert(webhookEndpoints)
    .values({
      workspaceId: scope.workspaceId,
      url: parsed.data.url,
      secret: generateWebhookSecret(),
      events: [...new Set(parsed.data.events)],
      description: parsed.data.description || null,
    })
    .returning();
  return row;
}

export async function listEndpoints(db: DbOrTx, scope: { workspaceId: string; limit?: number; offset?: number }): Promise<WebhookEndpoint[]> {
  return db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.workspaceId, scope.workspaceId))
    .orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id))
    .limit(scope.limit ?? 100)
    .offset(scope.offset ?? 0);
}

/** The endpoint if it belongs to the workspace; throws not_found otherwise. */
export async function getEndpoint(db: DbOrTx, scope: { workspaceId: string; endpointId: string }): Promise<WebhookEndpoint> {
  const [row] = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, scope.endpointId), eq(webhookEndpoints.workspaceId, scope.workspaceId)));
  if (!row) throw notFound("Webhook");
  return row;
}

/** Deletes an endpoint and its delivery log; throws not_found for another workspace's endpoint. */
export async function deleteEndpoint(db: DbOrTx, scope: { workspaceId: string; endpointId: string }): Promise<void> {
  const deleted = await db
    .delete(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, scope.endpointId), eq(webhookEndpoints.workspaceId, scope.workspaceId)))
    .returning({ id: webhookEndpoints.id });
  if (!deleted.length) throw notFound("Webhook");
}

/** Turns an endpoint on or off without losing its secret. */
export async function setEndpointEnabled(db: DbOrTx, scope: { workspaceId: string; endpointId: string }, enabled: boolean): Promise<void> {
  const updated = await db
    .update(webhookEndpoints)
    .set({ enabled })
    .where(and(eq(webhookEndpoints.id, scope.endpointId), eq(webhookEndpoints.workspaceId, scope.workspaceId)))
    .returning({ id: webhookEndpoints.id });
  if (!updated.length) throw notFound("Webhook");
}

/** The most recent deliveries of a workspace, newest first, optionally for one subject or endpoint. */
export async function listDeliveries(
  db: DbOrTx,
  q: { workspaceId: string; subject?: string; endpointId?: string; limit?: number; offset?: number },
): Promise<WebhookDelivery[]> {
  const where: SQL[] = [eq(webhookDeliveries.workspaceId, q.workspaceId)];
  if (q.subject) where.push(eq(webhookDeliveries.subject, q.subject));
  if (q.endpointId) where.push(eq(webhookDeliveries.endpointId, q.endpointId));
  const limit = Math.min(Math.max(Math.trunc(q.limit ?? 50), 1), 200);
  return db
    .select()
    .from(webhookDeliveries)
    .where(and(...where))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit)
    .offset(Math.max(0, Math.trunc(q.offset ?? 0)));
}

export interface EnqueueEventInput {
  workspaceId: string;
  event: WebhookEvent;
  subject: string;
  payload: Record<string, unknown>;
  /** A per-job callback URL (Colossyan `callback`); signed with the workspace signing secret. */
  callbackUrl?: string | null;
}

/**
 * Records one delivery per enabled endpoint subscribed to `event` (an empty event list means
 * all), plus one for `callbackUrl`, then hands each id to `send`. Pass a transaction and a
 * `send` bound to it to make the event commit together with the state change it reports.
 * Returns the delivery ids.
 */
export async function enqueueEvent(db: DbOrTx, input: EnqueueEventInput, send: SendDelivery): Promise<string[]> {
  const endpoints = await db
    .select({ id: webhookEndpoints.id, url: webhookEndpoints.url, events: webhookEndpoints.events })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.workspaceId, input.workspaceId), eq(webhookEndpoints.enabled, true)));
  const targets: { endpointId: string | null; url: string }[] = endpoints
    .filter((e) => e.events.length === 0 || e.events.includes(input.event))
    .map((e) => ({ endpointId: e.id, url: e.url }));
  if (input.callbackUrl) targets.push({ endpointId: null, url: input.callbackUrl });
  if (!targets.length) return [];
  const rows = await db
    .insert(webhookDeliveries)
    .values(
      targets.map((t) => ({
        workspaceId: input.workspaceId,
        endpointId: t.endpointId,
        url: t.url,
        event: input.event,
        subject: input.subject,
        payload: input.payload,
      })),
    )
    .returning({ id: webhookDeliveries.id });
  const ids = rows.map((r) => r.id);
  for (const id of ids) await send(id);
  return ids;
}

/** Sends `webhook.test` to one endpoint, whatever its event filter; returns the delivery id. */
export async function sendTestEvent(db: DbOrTx, scope: { workspaceId: string; endpointId: string }, send: SendDelivery): Promise<string> {
  const [endpoint] = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, scope.endpointId), eq(webhookEndpoints.workspaceId, scope.workspaceId)));
  if (!endpoint) throw notFound("Webhook");
  const [row] = await db
    .insert(webhookDeliveries)
    .values({
      workspaceId: scope.workspaceId,
      endpointId: endpoint.id,
      url: endpoint.url,
      event: "webhook.test",
      subject: `webhook-endpoint:${endpoint.id}`,
      payload: { event: "webhook.test", endpointId: endpoint.id, message: "Test event from Cinetwin", sentAt: new Date().toISOString() },
    })
    .returning({ id: webhookDeliveries.id });
  await send(row.id);
  return row.id;
}

/** Queues a settled delivery again from scratch (the "resend" button). */
export async function redeliver(db: DbOrTx, scope: { workspaceId: string; deliveryId: string }, send: SendDelivery): Promise<void> {
  const updated = await db
    .update(webhookDeliveries)
    .set({ status: "pending", attempts: 0, lastError: null, lastStatusCode: null, nextAttemptAt: new Date(), deliveredAt: null })
    .where(and(eq(webhookDeliveries.id, scope.deliveryId), eq(webhookDeliveries.workspaceId, scope.workspaceId)))
    .returning({ id: webhookDeliveries.id });
  if (!updated.length) throw notFound("Delivery");
  await send(scope.deliveryId);
}
