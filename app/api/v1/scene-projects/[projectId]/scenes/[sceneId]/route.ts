import { getDb } from "@/db/client";
import { otherMethods } from "@/lib/api/methods";
import { parseId, readJson } from "@/lib/api/route";
import { route } from "@/lib/api/twin-actor/errors";
import { sceneUpdatedOut } from "@/lib/api/twin-actor/mappers";
import { sceneUpdateIn } from "@/lib/api/twin-actor/schemas";
import { requirePrincipal } from "@/lib/auth/principal";
import { updateScene } from "@/lib/projects/service";

const handler = route<{ projectId: string; sceneId: string }>(async (req, params) => {
  const p = await requirePrincipal(req);
  const input = sceneUpdateIn.parse(await readJson(req));
  const row = await updateScene(getDb(), {
    workspaceId: p.workspaceId,
    projectId: parseId(params.projectId, "Project"),
    sceneId: parseId(params.sceneId, "Scene"),
    patch: {
      description: input.description,
      imagePrompt: input.image_prompt,
      motionPrompt: input.motion_prompt,
      narrationText: input.narration_text,
    },
  });
  return Response.json(sceneUpdatedOut(row));
});

export const PUT = handler;
export const PATCH = handler;

export const { GET, POST, DELETE, OPTIONS } = otherMethods({ PUT, PATCH });
