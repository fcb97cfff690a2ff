import { getDb } from "@/db/client";
import { otherMethods } from "@/lib/api/methods";
import { pageIn, parseUuid, route } from "@/lib/api/route";
import { deliveryOut } from "@/lib/api/studio/webhooks";
import { requirePrincipal } from "@/lib/auth/principal";
import { getEndpoint, listDeliveries } from "@/lib/webhooks/service";

/** The endpoint's delivery log, newest first: status, attempts, last response code. Another workspace's endpoint is a 404. */
export const GET = route<{ endpointId: string }>(async (req, { endpointId }) => {
  const p = await requirePrincipal(req);
  const page = pageIn.parse(Object.fromEntries(new URL(req.url).searchParams));
  const endpoint = await getEndpoint(getDb(), { workspaceId: p.workspaceId, endpointId: parseUuid(endpointId, "Webhook") });
  const rows = await listDeliveries(getDb(), { workspaceId: p.workspaceId, endpointId: endpoint.id, ...page });
  return Response.json(rows.map(deliveryOut));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
