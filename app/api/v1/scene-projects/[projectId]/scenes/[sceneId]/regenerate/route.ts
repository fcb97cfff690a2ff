import { getDb } from "@/db/client";
import { parseId, readJson, route } from "@/lib/api/route";
import { regenerateIn } from "@/lib/api/twin-actor";
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
  return Response.json(
    {
      id: projectId,
      scene_number: sceneNumber,
      status: "generating",
      progress: 0,
      credits_reserved: cost.totalCredits,
      message: `Scene ${sceneNumber} is being regenerated; the final video will be re-stitched. Use GET /scene-projects/${projectId}/status to track progress.`,
    },
    { status: 202 },
  );
});
