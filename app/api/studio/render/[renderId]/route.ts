import { getDb } from "@/db/client";
import { requireApiKey } from "@/lib/api/holoworld/auth";
import { route } from "@/lib/api/holoworld/errors";
import { jobIdOfRender, renderOut } from "@/lib/api/holoworld/mappers";
import { otherMethods } from "@/lib/api/methods";
import { getStudioRender } from "@/lib/studio-render/service";

export const dynamic = "force-dynamic";

export const GET = route<{ renderId: string }>(async (req, { renderId }) => {
  const p = await requireApiKey(req);
  return Response.json(renderOut(req, await getStudioRender(getDb(), { workspaceId: p.workspaceId, renderId: jobIdOfRender(renderId) })));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
