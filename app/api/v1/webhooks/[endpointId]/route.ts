import { getDb } from "@/db/client";
import { otherMethods } from "@/lib/api/methods";
import { parseUuid, route } from "@/lib/api/route";
import { requirePrincipal } from "@/lib/auth/principal";
import { deleteEndpoint } from "@/lib/webhooks/service";

export const DELETE = route<{ endpointId: string }>(async (req, { endpointId }) => {
  const p = await requirePrincipal(req);
  await deleteEndpoint(getDb(), { workspaceId: p.workspaceId, endpointId: parseUuid(endpointId, "Webhook") });
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods({ DELETE });
