import { getDb } from "@/db/client";
import { otherMethods } from "@/lib/api/methods";
import { parseId, readJson } from "@/lib/api/route";
import { route } from "@/lib/api/twin-actor/errors";
import { approvedOut } from "@/lib/api/twin-actor/mappers";
import { approveIn } from "@/lib/api/twin-actor/schemas";
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
  return Response.json(approvedOut(project.id), { status: 202 });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
