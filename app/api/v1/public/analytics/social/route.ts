import { getDb } from "@/db/client";
import { analyticsFilterOf } from "@/lib/api/ainative/analytics-filter";
import { requireApiKey } from "@/lib/api/ainative/auth";
import { CORS_HEADERS, preflight, route } from "@/lib/api/ainative/errors";
import { analyticsRowsOut } from "@/lib/api/ainative/mappers";
import { otherMethods } from "@/lib/api/methods";
import { analyticsSeries } from "@/lib/social/analytics-report";

export const dynamic = "force-dynamic";

export const OPTIONS = preflight;

/** The seed's Recharts-ready rows: one per platform per day of the window, zero-filled, by date then platform. */
export const GET = route(async (req) => {
  const p = await requireApiKey(req);
  const filter = await analyticsFilterOf(req, p.workspaceId);
  const rows = await analyticsSeries(getDb(), p.workspaceId, filter);
  return Response.json(analyticsRowsOut(rows), { headers: { "Cache-Control": "no-store" } });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET }, CORS_HEADERS);
