import { getDb } from "@/db/client";
import { parseId, readJson, route } from "@/lib/api/route";
import { sceneUpdateIn } from "@/lib/api/twin-actor";
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
  return Response.json({
    id: row.id,
    scene_number: row.sceneNumber,
    description: row.description,
    image_prompt: row.imagePrompt,
    motion_prompt: row.motionPrompt,
    narration_text: row.narrationText,
    status: row.status,
  });
});

export const PUT = handler;
export const PATCH = handler;
