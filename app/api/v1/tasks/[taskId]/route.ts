import { getDb } from "@/db/client";
import { requireApiKey } from "@/lib/api/ainative/auth";
import { CORS_HEADERS, preflight, route } from "@/lib/api/ainative/errors";
import { taskOut } from "@/lib/api/ainative/mappers";
import { otherMethods } from "@/lib/api/methods";
import { parseUuid } from "@/lib/api/route";
import { notFound } from "@/lib/errors";
import { getTask } from "@/lib/tasks/service";
import { generatedVideoOfTask } from "@/lib/videos/service";

export const dynamic = "force-dynamic";

export const OPTIONS = preflight;

/**
 * The content-workflow seed's one polling endpoint (its useTask hook), outside /public as there:
 * any task of the workspace (story runs, renders, voice clones) in its status words.
 */
export const GET = route<{ taskId: string }>(async (req, { taskId }) => {
  const p = await requireApiKey(req);
  const db = getDb();
  const task = await getTask(db, { taskId: parseUuid(taskId, "Task"), workspaceId: p.workspaceId });
  if (!task) throw notFound("Task");
  return Response.json(taskOut(req, task, await generatedVideoOfTask(db, task)), { headers: { "Cache-Control": "no-store" } });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET }, CORS_HEADERS);
