import { getDb } from "@/db/client";
import { absoluteUrl, parseId, route } from "@/lib/api/route";
import { requirePrincipal } from "@/lib/auth/principal";
import { startUpscale } from "@/lib/projects/upscale";
import { signedMediaPath } from "@/lib/storage/media";

export const POST = route<{ projectId: string }>(async (req, params) => {
  const p = await requirePrincipal(req);
  const projectId = parseId(params.projectId, "Project");
  const { project } = await startUpscale(getDb(), { workspaceId: p.workspaceId, projectId });
  if (project.upscaleStatus === "completed" && project.upscaledVideoMediaId) {
    return Response.json({
      id: projectId,
      status: "completed",
      final_video_url_upscaled: absoluteUrl(req, signedMediaPath(project.upscaledVideoMediaId)),
      message: "This video is already upscaled.",
    });
  }
  return Response.json(
    {
      id: projectId,
      status: "upscaling",
      message: `Upscaling started. final_video_url_upscaled on GET /scene-projects/${projectId} is set when it is done.`,
    },
    { status: 202 },
  );
});
