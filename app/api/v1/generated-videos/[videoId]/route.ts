import { getDb } from "@/db/client";
import { route } from "@/lib/api/colossyan/errors";
import { generatedVideoOut } from "@/lib/api/colossyan/mappers";
import { otherMethods } from "@/lib/api/methods";
import { requirePrincipal } from "@/lib/auth/principal";
import { deleteGeneratedVideo, getGeneratedVideo } from "@/lib/videos/service";

export const dynamic = "force-dynamic";

export const GET = route<{ videoId: string }>(async (req, { videoId }) => {
  const p = await requirePrincipal(req);
  return Response.json(generatedVideoOut(req, await getGeneratedVideo(getDb(), { workspaceId: p.workspaceId, videoId })));
});

export const DELETE = route<{ videoId: string }>(async (req, { videoId }) => {
  const p = await requirePrincipal(req);
  await deleteGeneratedVideo(getDb(), { workspaceId: p.workspaceId, videoId });
  return Response.json({ id: videoId, deleted: true });
});

export const { POST, PUT, PATCH, OPTIONS } = otherMethods({ GET, DELETE });
