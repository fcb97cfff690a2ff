import { getDb } from "@/db/client";
import { otherMethods } from "@/lib/api/methods";
import { parseId } from "@/lib/api/route";
import { route } from "@/lib/api/twin-actor/errors";
import { upscaleOut } from "@/lib/api/twin-actor/mappers";
import { requirePrincipal } from "@/lib/auth/principal";
import { startUpscale } from "@/lib/projects/upscale";

export const POST = route<{ projectId: string }>(async (req, params) => {
  const p = await requirePrincipal(req);
  const projectId = parseId(params.projectId, "Project");
  const { project } = await startUpscale(getDb(), { workspaceId: p.workspaceId, projectId });
  const done = project.upscaleStatus === "completed" && project.upscaledVideoMediaId ? project.upscaledVideoMediaId : null;
  return Response.json(upscaleOut(req, projectId, done), { status: done ? 200 : 202 });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
