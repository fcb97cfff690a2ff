import { AppError, isAppError } from "@/lib/errors";
import { lastDays, type AnalyticsFilter } from "@/lib/social/analytics-report";
import { analyticsQuery } from "./schemas";
import { twinIdOf } from "./twin-ref";

/** A twin named to filter by: one the workspace does not have is a refused value (400 naming twin_id), not a missing resource. */
export async function twinFilterOf(twinId: string | undefined, workspaceId: string): Promise<number | null> {
  if (!twinId) return null;
  try {
    return await twinIdOf(twinId, workspaceId, "twin_id");
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") throw new AppError("bad_request", `twin_id: no twin ${twinId} in this workspace`, "twin_id");
    throw e;
  }
}

/** ?platform=&days=&twin_id= of the analytics endpoints as the domain's filter (the last `days` days, today included). */
export async function analyticsFilterOf(req: Request, workspaceId: string): Promise<AnalyticsFilter & { days: number }> {
  const q = analyticsQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  const days = q.days ?? 30;
  return { days, range: lastDays(days), platform: q.platform ?? null, characterId: await twinFilterOf(q.twin_id, workspaceId) };
}
