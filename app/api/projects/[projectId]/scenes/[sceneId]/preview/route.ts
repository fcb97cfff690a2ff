import fs from "node:fs/promises";
import { getDb } from "@/db/client";
import { otherMethods } from "@/lib/api/methods";
import { parseId, route } from "@/lib/api/route";
import { requirePrincipal } from "@/lib/auth/principal";
import { renderFramePreview } from "@/lib/projects/frame-preview";

export const dynamic = "force-dynamic";

/** A small PNG of what the scene's frame will look like, for the storyboard before approval. */
export const GET = route<{ projectId: string; sceneId: string }>(async (req, params) => {
  const p = await requirePrincipal(req);
  const file = await renderFramePreview(getDb(), {
    workspaceId: p.workspaceId,
    projectId: parseId(params.projectId, "Project"),
    sceneId: parseId(params.sceneId, "Scene"),
  });
  return new Response(new Uint8Array(await fs.readFile(file)), {
    headers: { "Content-Type": "image/png", "Cache-Control": "private, max-age=86400" },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
