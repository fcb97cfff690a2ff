import { getDb } from "@/db/client";
import { otherMethods } from "@/lib/api/methods";
import { route } from "@/lib/api/route";
import { requirePrincipal } from "@/lib/auth/principal";
import { notFound } from "@/lib/errors";
import { getTask } from "@/lib/tasks/service";
import { toTaskView } from "@/lib/tasks/view";

export const dynamic = "force-dynamic";

/** One long-running task's state (what useTask polls); a task of another workspace is not found. */
export const GET = route<{ taskId: string }>(async (req, { taskId }) => {
  const p = await requirePrincipal(req);
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(taskId)) throw notFound("Task");
  const task = await getTask(getDb(), { taskId, workspaceId: p.workspaceId });
  if (!task) throw notFound("Task");
  return Response.json(toTaskView(task), { headers: { "Cache-Control": "no-store" } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
