import { getDb } from "@/db/client";
import { requireApiKey } from "@/lib/api/ainative/auth";
import { CORS_HEADERS, preflight, route } from "@/lib/api/ainative/errors";
import { bulkBatchOut } from "@/lib/api/ainative/mappers";
import { otherMethods } from "@/lib/api/methods";
import { getBulkBatch } from "@/lib/bulk/service";

export const dynamic = "force-dynamic";

export const OPTIONS = preflight;

/** A batch's status and progress, with each row's status, progress, result_url and error. */
export const GET = route<{ batchId: string }>(async (req, { batchId }) => {
  const p = await requireApiKey(req);
  const view = await getBulkBatch(getDb(), { workspaceId: p.workspaceId, batchId });
  return Response.json(bulkBatchOut(req, view), { headers: { "Cache-Control": "no-store" } });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET }, CORS_HEADERS);
