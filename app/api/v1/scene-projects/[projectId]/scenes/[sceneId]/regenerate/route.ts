import { getDb } from "@/db/client";
import { otherMethods } from "@/lib/api/methods";
import { parseId, readJson } from "@/lib/api/route";
import { route } from "@/lib/api/twin-actor/errors";
import { regenerateStartedOut } from "@/lib/api/twin-actor/mappers";
import { regenerateIn } from "@/lib/api/twin-actor/schemas";
import { requirePrincipal } from "@/lib/auth/principal";
import { regenerateScene } from "@/lib/projects/regenerate";
import { regenerateSceneInput } from "@/lib/validation/projects";

// The seed names this segment {scene_number}; it shares the folder of PUT .../scenes/{scene_id}.
export const POST = route<{ projectId: string; sceneId: string }>(async (req, params) => {
  const p = await requirePrincipal(req);
  const projectId = parseId(params.projectId, "Project");
  const sceneNumber = parseId(params.sceneId, "Scene");
  const body = regenerateIn.parse(await readJson(req));
  const input = regenerateSceneInput.parse({
    regenerateImage: body.regenerate_image,
    regenerateVideo: body.regenerate_video,
    updatedImagePrompt: body.updated_image_prompt,
    updatedMotionPrompt: body.updated_motion_prompt,
  });
  const { cost } = await regenerateScene(getDb(), { workspaceId: p.workspaceId, projectId, sceneNumber, input });
  return Response.json(regenerateStartedOut(projectId, sceneNumber, cost.totalCredits), { status: 202 });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
