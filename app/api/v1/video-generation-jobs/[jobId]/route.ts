import { getDb } from "@/db/client";
import { route } from "@/lib/api/colossyan/errors";
import { jobOut } from "@/lib/api/colossyan/mappers";
import { otherMethods } from "@/lib/api/methods";
import { requirePrincipal } from "@/lib/auth/principal";
import { deleteVideoJob, getVideoJob } from "@/lib/videos/service";

export const dynamic = "force-dynamic";

export const GET = route<{ jobId: string }>(async (req, { jobId }) => {
  const p = await requirePrincipal(req);
  return Response.json(jobOut(await getVideoJob(getDb(), { workspaceId: p.workspaceId, jobId })));
});

export const DELETE = route<{ jobId: string }>(async (req, { jobId }) => {
  const p = await requirePrincipal(req);
  await deleteVideoJob(getDb(), { workspaceId: p.workspaceId, jobId });
  return new Response(null, { status: 204 });
});

export const { POST, PUT, PATCH, OPTIONS } = otherMethods({ GET, DELETE });
