import { getDb } from "@/db/client";
import { requireApiKey } from "@/lib/api/ainative/auth";
import { CORS_HEADERS, preflight, route } from "@/lib/api/ainative/errors";
import { avatarJobOut } from "@/lib/api/ainative/mappers";
import { otherMethods } from "@/lib/api/methods";
import { getAvatarRender } from "@/lib/videos/avatar";

export const dynamic = "force-dynamic";

export const OPTIONS = preflight;

/** An avatar render by the task_id its submission returned. */
export const GET = route<{ jobId: string }>(async (req, { jobId }) => {
  const p = await requireApiKey(req);
  const { task, video } = await getAvatarRender(getDb(), { workspaceId: p.workspaceId, taskId: jobId });
  return Response.json(avatarJobOut(req, task, video), { headers: { "Cache-Control": "no-store" } });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET }, CORS_HEADERS);
