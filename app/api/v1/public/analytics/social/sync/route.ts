import { requireApiKey } from "@/lib/api/ainative/auth";
import { CORS_HEADERS, preflight, route } from "@/lib/api/ainative/errors";
import { analyticsTaskOut } from "@/lib/api/ainative/mappers";
import { otherMethods } from "@/lib/api/methods";
import { requestAnalyticsSync } from "@/lib/social/analytics-tasks";

export const dynamic = "force-dynamic";

export const OPTIONS = preflight;

/** Sync now (Cinetwin extension): queues the workspace's sync, or answers with the one already queued or running. */
export const POST = route(async (req) => {
  const p = await requireApiKey(req);
  const { task } = await requestAnalyticsSync(p.workspaceId);
  return Response.json(analyticsTaskOut(task), { status: 202 });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST }, CORS_HEADERS);
