import type { DbOrTx } from "@/db/client";
import type { TxContext } from "@/db/transaction";
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

/**
 * Queues deliveries on an open transaction's connection (db/transaction.ts), so a delivery row
 * and its job commit or roll back together.
 */
export function queueDeliveryOn(executeSql: TxContext["executeSql"]): SendDelivery {
  return async (deliveryId) => {
    await sendJob(deliverWebhookJob, { deliveryId }, { executeSql, singletonKey: `delivery:${deliveryId}` });
  };
}

/** emitEvent inside a withTransaction: the event is recorded and queued only if the state change it reports commits. */
export function emitEventInTx(ctx: TxContext, event: EnqueueEventInput) {
  return enqueueEvent(ctx.tx, event, queueDeliveryOn(ctx.executeSql));
}
