import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { tasks } from "@/db/schema/jobs";
import { route } from "@/lib/api/route";
import { requirePrincipal } from "@/lib/auth/principal";
import { notFound } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** One long-running task's state; any task of another workspace is not found. */
export const GET = route<{ taskId: string }>(async (req, { taskId }) => {
  const p = await requirePrincipal(req);
  if (!/^[0-9a-f-]{36}$/.test(taskId)) throw notFound("Task");
  const [task] = await getDb()
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, taskId), eq(tasks.workspaceId, p.workspaceId)));
  if (!task) throw notFound("Task");
  return Response.json(task);
});
