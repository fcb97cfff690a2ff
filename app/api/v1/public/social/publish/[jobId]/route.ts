import { getDb } from "@/db/client";
import { requireApiKey } from "@/lib/api/ainative/auth";
import { CORS_HEADERS, preflight, route } from "@/lib/api/ainative/errors";
import { publishJobOut } from "@/lib/api/ainative/mappers";
import { otherMethods } from "@/lib/api/methods";
import { parseUuid } from "@/lib/api/route";
import { notFound } from "@/lib/errors";
import { targetOfTask } from "@/lib/social/posts";
import { getTask } from "@/lib/tasks/service";

export const dynamic = "force-dynamic";

export const OPTIONS = preflight;

type Params = { jobId: string };

/** One platform's publish: the task's status and progress, and the post's id and URL once done. */
export const GET = route<Params>(async (req, { jobId }) => {
  const p = await requireApiKey(req);
  const db = getDb();
  const task = await getTask(db, { taskId: parseUuid(jobId, "Publish job"), workspaceId: p.workspaceId });
  const target = task && task.kind === "social-publish" ? await targetOfTask(db, p.workspaceId, task) : null;
  if (!task || !target) throw notFound("Publish job");
  return Response.json(publishJobOut(task, target));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET }, CORS_HEADERS);
