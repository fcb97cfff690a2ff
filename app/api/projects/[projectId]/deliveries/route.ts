import { getDb } from "@/db/client";
import { otherMethods } from "@/lib/api/methods";
import { parseId, route } from "@/lib/api/route";
import { deliveryOut } from "@/lib/api/studio/webhooks";
import { requirePrincipal } from "@/lib/auth/principal";
import { notFound } from "@/lib/errors";
import { findProject } from "@/lib/projects/queries";
import { listDeliveries } from "@/lib/webhooks/service";

export const dynamic = "force-dynamic";

/**
 * The webhook and callback deliveries about one project, newest first, polled by the studio.
 * Another workspace's project is a 404 rather than an empty list, so ids cannot be probed.
 */
export const GET = route<{ projectId: string }>(async (req, { projectId }) => {
  const p = await requirePrincipal(req);
  const db = getDb();
  const project = await findProject(db, { projectId: parseId(projectId, "Project"), workspaceId: p.workspaceId });
  if (!project) throw notFound("Project");
  const rows = await listDeliveries(db, { workspaceId: p.workspaceId, subject: `project:${project.id}`, limit: 50 });
  return Response.json(rows.map(deliveryOut));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
