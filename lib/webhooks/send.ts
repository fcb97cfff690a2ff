import type { DbOrTx } from "@/db/client";
import { sendJob } from "@/lib/jobs/boss";
import { deliverWebhookJob } from "./job";
import { enqueueEvent } from "./service";

/** Records an event for the workspace's endpoints (and an optional callback URL) and queues each delivery. */
export function emitEvent(
  db: DbOrTx,
  event: { workspaceId: string; event: string; subject: string; payload: Record<string, unknown>; callbackUrl?: string | null },
) {
  return enqueueEvent(db, event, async (deliveryId) => {
    await sendJob(deliverWebhookJob, { deliveryId }, { singletonKey: `delivery:${deliveryId}` });
  });
}
