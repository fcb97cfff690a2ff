import { getDb } from "@/db/client";
import { absoluteUrl, readJson, route } from "@/lib/api/route";
import { requirePrincipal } from "@/lib/auth/principal";
import { createDraftFromSummary, knowledgeDraftIn } from "@/lib/projects/draft";

/** Experimental in the seed, so outside /v1 as there: a summary becomes a proposed draft project. */
export const POST = route(async (req) => {
  const p = await requirePrincipal(req);
  const input = knowledgeDraftIn.parse(await readJson(req));
  const project = await createDraftFromSummary(getDb(), p, input);
  return Response.json({ url: absoluteUrl(req, `/projects/${project.id}`), id: project.id, scenes: project.scenes.length });
});
