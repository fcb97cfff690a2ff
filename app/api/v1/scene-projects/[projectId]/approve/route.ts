import { getDb } from "@/db/client";
import { parseId, readJson, route } from "@/lib/api/route";
import { approveIn } from "@/lib/api/twin-actor";
import { requirePrincipal } from "@/lib/auth/principal";
import { approveProject } from "@/lib/projects/service";

export const POST = route<{ projectId: string }>(async (req, { projectId }) => {
  const p = await requirePrincipal(req);
  const id = parseId(projectId, "Project");
  const input = approveIn.parse(await readJson(req));
  const { project } = await approveProject(getDb(), {
    workspaceId: p.workspaceId,
    projectId: id,
    input: { confirmCredits: true, videoModel: input.video_model, imageModel: input.image_model },
  });
  return Response.json(
    {
      id: project.id,
      status: "generating",
      progress: 0,
      message: `Video generation started. Use GET /scene-projects/${project.id}/status to track progress.`,
    },
    { status: 202 },
  );
});
