import { getDb } from "@/db/client";
import { parseId, route } from "@/lib/api/route";
import { personOut } from "@/lib/api/twin-actor";
import { requirePrincipal } from "@/lib/auth/principal";
import { getCharacter } from "@/lib/characters/service";

export const GET = route<{ personId: string }>(async (req, { personId }) => {
  const p = await requirePrincipal(req);
  const row = await getCharacter(getDb(), { characterId: parseId(personId, "Person"), workspaceId: p.workspaceId });
  return Response.json(personOut(req, row));
});
