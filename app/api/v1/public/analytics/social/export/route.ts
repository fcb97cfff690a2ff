import { twinFilterOf } from "@/lib/api/ainative/analytics-filter";
import { requireApiKey } from "@/lib/api/ainative/auth";
import { CORS_HEADERS, preflight, readBody, route } from "@/lib/api/ainative/errors";
import { analyticsTaskOut } from "@/lib/api/ainative/mappers";
import { analyticsExportIn } from "@/lib/api/ainative/schemas";
import { otherMethods } from "@/lib/api/methods";
import { requestOrigin } from "@/lib/api/route";
import { lastDays } from "@/lib/social/analytics-report";
import { startAnalyticsExport } from "@/lib/social/analytics-tasks";

export const dynamic = "force-dynamic";

export const OPTIONS = preflight;

/** Queues a CSV of the daily rows; poll GET /api/v1/tasks/{task_id}: result.download_url is a signed link valid one hour. */
export const POST = route(async (req) => {
  const p = await requireApiKey(req);
  const body = analyticsExportIn.parse(await readBody(req));
  const task = await startAnalyticsExport(p.workspaceId, {
    range: lastDays(body.days),
    platform: body.platform ?? null,
    characterId: await twinFilterOf(body.twin_id, p.workspaceId),
    origin: requestOrigin(req),
  });
  return Response.json(analyticsTaskOut(task), { status: 202 });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST }, CORS_HEADERS);
