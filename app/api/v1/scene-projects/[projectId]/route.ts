import { getDb } from "@/db/client";
import { otherMethods } from "@/lib/api/methods";
import { parseId } from "@/lib/api/route";
import { route } from "@/lib/api/twin-actor/errors";
import { projectOut } from "@/lib/api/twin-actor/mappers";
import { requirePrincipal } from "@/lib/auth/principal";
import { getProject } from "@/lib/projects/queries";

export const GET = route<{ projectId: string }>(async (req, { projectId }) => {
  const p = await requirePrincipal(req);
  const project = await getProject(getDb(), { projectId: parseId(projectId, "Project"), workspaceId: p.workspaceId });
  return Response.json(projectOut(req, project, p.userId));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
