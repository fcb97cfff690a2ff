import { getDb } from "@/db/client";
import { otherMethods } from "@/lib/api/methods";
import { route } from "@/lib/api/route";
import { requirePrincipal } from "@/lib/auth/principal";
import { getBulkBatch } from "@/lib/bulk/service";
import { toBulkView } from "@/lib/bulk/view";

export const dynamic = "force-dynamic";

/** A bulk batch with its rows, as the studio's bulk page polls it; another workspace's is not found. */
export const GET = route<{ batchId: string }>(async (req, { batchId }) => {
  const p = await requirePrincipal(req);
  const view = await getBulkBatch(getDb(), { workspaceId: p.workspaceId, batchId });
  return Response.json(toBulkView(view), { headers: { "Cache-Control": "no-store" } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
