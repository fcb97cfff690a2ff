import { z } from "zod";
import { getDb } from "@/db/client";
import { projectStatuses } from "@/db/schema/projects";
import { route } from "@/lib/api/route";
import { pageIn, projectOut } from "@/lib/api/twin-actor";
import { requirePrincipal } from "@/lib/auth/principal";
import { listProjects, scenesOf } from "@/lib/projects/queries";

const query = pageIn.extend({
  person_id: z.coerce.number().int().positive().optional(),
  status_filter: z.enum(projectStatuses, { error: `status_filter must be one of ${projectStatuses.join(", ")}` }).optional(),
});

export const GET = route(async (req) => {
  const p = await requirePrincipal(req);
  const q = query.parse(Object.fromEntries(new URL(req.url).searchParams));
  const db = getDb();
  const rows = await listProjects(db, {
    workspaceId: p.workspaceId,
    characterId: q.person_id,
    status: q.status_filter,
    limit: q.limit,
    offset: q.offset,
  });
  const scenes = await scenesOf(db, rows.map((r) => r.project.id));
  return Response.json(
    rows.map((r) => projectOut(req, { ...r.project, scenes: scenes.filter((s) => s.projectId === r.project.id) }, p.userId)),
  );
});
