import { getDb } from "@/db/client";
import { parseUuid, route } from "@/lib/api/route";
import { deliveryOut } from "@/lib/api/webhooks";
import { requirePrincipal } from "@/lib/auth/principal";
import { listDeliveries } from "@/lib/webhooks/service";

/** The endpoint's delivery log, newest first: status, attempts, last response code. */
export const GET = route<{ endpointId: string }>(async (req, { endpointId }) => {
  const p = await requirePrincipal(req);
  const limit = Math.min(200, Math.max(1, Number(new URL(req.url).searchParams.get("limit") ?? 50) || 50));
  const rows = await listDeliveries(getDb(), { workspaceId: p.workspaceId, endpointId: parseUuid(endpointId, "Webhook"), limit });
  return Response.json(rows.map(deliveryOut));
});
