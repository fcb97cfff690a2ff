import type { DbOrTx } from "@/db/client";
import { sendJob } from "@/lib/jobs/boss";
import { deliverWebhookJob } from "./job";
import { enqueueEvent, type EnqueueEventInput, type SendDelivery } from "./service";

/** Queues one recorded delivery on the deliver-webhook job. */
export const queueDelivery: SendDelivery = async (deliveryId) => {
  await sendJob(deliverWebhookJob, { deliveryId }, { singletonKey: `delivery:${deliveryId}` });
};

/** Records an event for the workspace's endpoints (and an optional callback URL) and queues each delivery. */
export function emitEvent(db: DbOrTx, event: EnqueueEventInput) {
  return enqueueEvent(db, event, queueDelivery);
}
