import { getDb } from "@/db/client";
import { otherMethods } from "@/lib/api/methods";
import { parseId, route } from "@/lib/api/route";
import { requirePrincipal } from "@/lib/auth/principal";
import { characterName } from "@/lib/characters/service";
import { getProject } from "@/lib/projects/queries";
import { toProjectView } from "@/lib/projects/view";

export const dynamic = "force-dynamic";

/** The studio's project view, polled by the project page while it generates. */
export const GET = route<{ projectId: string }>(async (req, { projectId }) => {
  const p = await requirePrincipal(req);
  const db = getDb();
  const project = await getProject(db, { projectId: parseId(projectId, "Project"), workspaceId: p.workspaceId });
  return Response.json(toProjectView(project, await characterName(db, project)));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
