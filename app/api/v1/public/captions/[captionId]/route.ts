import { getDb } from "@/db/client";
import { requireApiKey } from "@/lib/api/ainative/auth";
import { CORS_HEADERS, preflight, route } from "@/lib/api/ainative/errors";
import { captionOut } from "@/lib/api/ainative/mappers";
import { otherMethods } from "@/lib/api/methods";
import { getCaption } from "@/lib/captions/service";

export const dynamic = "force-dynamic";

export const OPTIONS = preflight;

/** A caption of the workspace: status, and once done its SRT, VTT and segments (seconds). */
export const GET = route<{ captionId: string }>(async (req, { captionId }) => {
  const p = await requireApiKey(req);
  const view = await getCaption(getDb(), { workspaceId: p.workspaceId, captionId });
  return Response.json(captionOut(req, view), { headers: { "Cache-Control": "no-store" } });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET }, CORS_HEADERS);
