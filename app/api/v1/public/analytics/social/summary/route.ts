import { getDb } from "@/db/client";
import { analyticsFilterOf } from "@/lib/api/ainative/analytics-filter";
import { requireApiKey } from "@/lib/api/ainative/auth";
import { CORS_HEADERS, preflight, route } from "@/lib/api/ainative/errors";
import { analyticsSummaryOut } from "@/lib/api/ainative/mappers";
import { otherMethods } from "@/lib/api/methods";
import { analyticsSummary } from "@/lib/social/analytics-report";

export const dynamic = "force-dynamic";

export const OPTIONS = preflight;

/** Totals of the window and deltas against the period of the same length before it, overall and per platform, with the top posts. */
export const GET = route(async (req) => {
  const p = await requireApiKey(req);
  const filter = await analyticsFilterOf(req, p.workspaceId);
  const summary = await analyticsSummary(getDb(), p.workspaceId, filter);
  return Response.json(analyticsSummaryOut(summary), { headers: { "Cache-Control": "no-store" } });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET }, CORS_HEADERS);
