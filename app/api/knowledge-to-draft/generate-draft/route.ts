import { getDb } from "@/db/client";
import { route } from "@/lib/api/colossyan/errors";
import { knowledgeDraftIn } from "@/lib/api/colossyan/schemas";
import { otherMethods } from "@/lib/api/methods";
import { absoluteUrl, readJson } from "@/lib/api/route";
import { requirePrincipal } from "@/lib/auth/principal";
import { createDraftFromSummary } from "@/lib/projects/draft";

/** Experimental in the seed, so outside /v1 as there: a summary becomes a proposed draft project. */
export const POST = route(async (req) => {
  const p = await requirePrincipal(req);
  const input = knowledgeDraftIn.parse(await readJson(req));
  const project = await createDraftFromSummary(getDb(), p, input);
  return Response.json({ url: absoluteUrl(req, `/projects/${project.id}`), id: project.id, scenes: project.scenes.length });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
