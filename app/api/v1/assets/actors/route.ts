import { getDb } from "@/db/client";
import { route } from "@/lib/api/colossyan/errors";
import { actorOut } from "@/lib/api/colossyan/mappers";
import { createActorIn } from "@/lib/api/colossyan/schemas";
import { otherMethods } from "@/lib/api/methods";
import { absoluteUrl, wholeListIn, readJson } from "@/lib/api/route";
import { requirePrincipal } from "@/lib/auth/principal";
import { listCharacters } from "@/lib/characters/service";
import { signedMediaPath } from "@/lib/storage/media";
import { createActorFromUrl } from "@/lib/videos/actors";

/** The workspace's characters as actors (their `name` is what actor tracks use). */
export const GET = route(async (req) => {
  const p = await requirePrincipal(req);
  const page = wholeListIn.parse(Object.fromEntries(new URL(req.url).searchParams));
  const rows = await listCharacters(getDb(), { workspaceId: p.workspaceId, ...page });
  return Response.json(rows.map((c) => actorOut(c, c.photoMediaId ? absoluteUrl(req, signedMediaPath(c.photoMediaId)) : null)));
});

export const POST = route(async (req) => {
  const p = await requirePrincipal(req);
  const input = createActorIn.parse(await readJson(req));
  const row = await createActorFromUrl(getDb(), p, input);
  return Response.json({ name: actorOut(row, null).name }, { status: 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
