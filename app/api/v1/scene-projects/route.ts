import { getDb } from "@/db/client";
import { otherMethods } from "@/lib/api/methods";
import { route } from "@/lib/api/twin-actor/errors";
import { projectOut } from "@/lib/api/twin-actor/mappers";
import { projectListQuery } from "@/lib/api/twin-actor/schemas";
import { requirePrincipal } from "@/lib/auth/principal";
import { listProjects, scenesOf } from "@/lib/projects/queries";

export const GET = route(async (req) => {
  const p = await requirePrincipal(req);
  const q = projectListQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  const db = getDb();
  const rows = await listProjects(db, {
    workspaceId: p.workspaceId,
    characterId: q.person_id,
    status: q.status_filter,
    limit: q.limit,
    offset: q.offset,
  });
  const scenes = await scenesOf(
    db,
    rows.map((r) => r.project.id),
  );
  return Response.json(rows.map((r) => projectOut(req, { ...r.project, scenes: scenes.filter((s) => s.projectId === r.project.id) }, p.userId)));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
