import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema/webhooks";
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signPayload, TIMESTAMP_HEADER, workspaceSigningSecret } from "./sign";
import { OutboundError, postOutbound } from "@/lib/net/outbound";
import { scaledRetryDelay } from "@/lib/jobs/retry-scale";

/**
 * Shaped like the entries of lib/jobs/definitions.ts (`JobDefinition`) without importing
 * lib/jobs; register it there: `allJobs` and `worker.ts`.
 */
export const deliverWebhookJob = {
  name: "deliver-webhook",
  schema: z.object({ deliveryId: z.string().uuid() }),
  options: { retryLimit: 6, retryDelay: scaledRetryDelay(5), retryBackoff: true, expireInSeconds: 120 },
  concurrency: 2,
} as const;

export type DeliverWebhookPayload = z.infer<typeof deliverWebhookJob.schema>;

const TIMEOUT_MS = 10_000;
const USER_AGENT = "Cinetwin-Webhooks/1";
/** How much of the receiver's answer the delivery log keeps. */
const MAX_RESPONSE_BYTES = 4096;

/** A delivery attempt the receiver did not accept; thrown so pg-boss retries it. */
export class WebhookDeliveryError extends Error {
  constructor(
    message: string,
    readonly statusCode: number | null,
  ) {
    super(message);
    this.name = "WebhookDeliveryError";
  }
}

/**
 * Makes one attempt at a delivery. Idempotent: a delivery already succeeded or failed is left
 * alone. Throws after a failed attempt so pg-boss retries with backoff, except on the last
 * attempt (`opts.lastAttempt`, or when `attempts` reaches retryLimit + 1) where the delivery is
 * marked failed and the error is still thrown. A destination refused for good (lib/net/outbound:
 * a blocked address, a bad URL) is marked failed at once and does not throw: retrying cannot help.
 */
export async function handleDeliverWebhook(
  db: Db,
  data: DeliverWebhookPayload,
  signal: AbortSignal = new AbortController().signal,
  opts: { lastAttempt?: boolean } = {},
): Promise<void> {
  const { deliveryId } = deliverWebhookJob.schema.parse(data);
  // Claim the attempt atomically so two redeliveries racing don't both count as "the" attempt.
  const [delivery] = await db
    .update(webhookDeliveries)
    .set({ status: "delivering", attempts: sql`${webhookDeliveries.attempts} + 1` })
    .where(and(eq(webhookDeliveries.id, deliveryId), inArray(webhookDeliveries.status, ["pending", "delivering"])))
    .returning();
  if (!delivery) return; // gone (workspace/endpoint deleted) or already settled

  const lastAttempt = opts.lastAttempt ?? delivery.attempts >= deliverWebhookJob.options.retryLimit + 1;

  let secret: string;
  if (delivery.endpointId) {
    const [endpoint] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, delivery.endpointId));
    if (!endpoint || !endpoint.enabled) {
      await settleFailed(db, deliveryId, null, "endpoint disabled");
      return;
    }
    secret = endpoint.secret;
  } else {
    secret = workspaceSigningSecret(delivery.workspaceId);
  }

  const body = JSON.stringify(delivery.payload);
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = {
    "Content-Type": "application/json",
    "User-Agent": USER_AGENT,
    [EVENT_HEADER]: delivery.event,
    [DELIVERY_HEADER]: delivery.id,
    [TIMESTAMP_HEADER]: String(timestamp),
    [SIGNATURE_HEADER]: signPayload(secret, timestamp, body),
  };

  let statusCode: number | null = null;
  let error: string;
  try {
    const res = await postOutbound(delivery.url, { headers, body, keepBytes: MAX_RESPONSE_BYTES, timeoutMs: TIMEOUT_MS, signal });
    statusCode = res.status;
    if (res.status >= 200 && res.status < 300) {
      const now = new Date();
      await db
        .update(webhookDeliveries)
        .set({ status: "succeeded", lastStatusCode: res.status, lastError: null, deliveredAt: now, nextAttemptAt: null })
        .where(eq(webhookDeliveries.id, deliveryId));
      if (delivery.endpointId) await db.update(webhookEndpoints).set({ lastDeliveryAt: now }).where(eq(webhookEndpoints.id, delivery.endpointId));
      return;
    }
    error = `HTTP ${res.status}${res.body ? `: ${oneLine(res.body)}` : ""}`;
  } catch (e) {
    if (e instanceof OutboundError && !e.retryable) {
      await settleFailed(db, deliveryId, null, e.message);
      return;
    }
    error = describe(e, signal);
  }

  if (lastAttempt) {
    await settleFailed(db, deliveryId, statusCode, error);
  } else {
    await db
      .update(webhookDeliveries)
      .set({ status: "pending", lastStatusCode: statusCode, lastError: error, nextAttemptAt: estimateNextAttempt(delivery.attempts) })
      .where(eq(webhookDeliveries.id, deliveryId));
  }
  throw new WebhookDeliveryError(`webhook ${deliveryId} to ${safeHost(delivery.url)}: ${error}`, statusCode);
}

/**
 * The worker's final-failure hook (`register(deliverWebhookJob, handleDeliverWebhook, failWebhookDelivery)`):
 * settles a delivery left pending after pg-boss gave up, keeping the last recorded error.
 */
export async function failWebhookDelivery(db: Db, data: DeliverWebhookPayload, reason: string): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({ status: "failed", nextAttemptAt: null, lastError: sql`coalesce(${webhookDeliveries.lastError}, ${reason.slice(0, 500)})` })
    .where(and(eq(webhookDeliveries.id, data.deliveryId), inArray(webhookDeliveries.status, ["pending", "delivering"])));
}

async function settleFailed(db: Db, deliveryId: string, statusCode: number | null, error: string) {
  await db
    .update(webhookDeliveries)
    .set({ status: "failed", lastStatusCode: statusCode, lastError: error.slice(0, 500), nextAttemptAt: null })
    .where(eq(webhookDeliveries.id, deliveryId));
}

/** pg-boss 10 waits retryDelay * 2^n / 2 * (1 + random) seconds after the n-th attempt; show the midpoint. */
function estimateNextAttempt(attempts: number): Date {
  const { retryDelay } = deliverWebhookJob.options;
  const seconds = ((retryDelay * 2 ** Math.min(16, attempts)) / 2) * 1.5;
  return new Date(Date.now() + seconds * 1000);
}

/** What the delivery log says of a failed attempt: no socket error or address (lib/net/outbound logs those). */
function describe(e: unknown, jobSignal: AbortSignal): string {
  if (jobSignal.aborted) return "delivery interrupted (worker stopping)";
  if (e instanceof OutboundError) return e.message;
  console.error("[webhooks] delivery failed", e);
  return "delivery failed";
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim().slice(0, 300);
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "invalid-url";
  }
}
