import { getDb } from "@/db/client";
import { otherMethods } from "@/lib/api/methods";
import { parseUuid, route } from "@/lib/api/route";
import { requirePrincipal } from "@/lib/auth/principal";
import { queueDelivery } from "@/lib/webhooks/send";
import { sendTestEvent } from "@/lib/webhooks/service";

/** Sends a signed `webhook.test` event to the endpoint. */
export const POST = route<{ endpointId: string }>(async (req, { endpointId }) => {
  const p = await requirePrincipal(req);
  const deliveryId = await sendTestEvent(getDb(), { workspaceId: p.workspaceId, endpointId: parseUuid(endpointId, "Webhook") }, queueDelivery);
  return Response.json({ delivery_id: deliveryId }, { status: 202 });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
