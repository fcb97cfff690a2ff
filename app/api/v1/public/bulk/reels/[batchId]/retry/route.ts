import { getDb } from "@/db/client";
import { requireApiKey } from "@/lib/api/ainative/auth";
import { CORS_HEADERS, preflight, route } from "@/lib/api/ainative/errors";
import { bulkStartedOut } from "@/lib/api/ainative/mappers";
import { otherMethods } from "@/lib/api/methods";
import { retryFailedRows } from "@/lib/bulk/service";

export const dynamic = "force-dynamic";

export const OPTIONS = preflight;

/** Cinetwin extension: queues a finished batch's failed rows again, as a new run (task) of the batch. */
export const POST = route<{ batchId: string }>(async (req, { batchId }) => {
  const p = await requireApiKey(req);
  const started = await retryFailedRows(getDb(), p, { batchId });
  return Response.json(bulkStartedOut(started), { status: 202 });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST }, CORS_HEADERS);
