import { getDb } from "@/db/client";
import { otherMethods } from "@/lib/api/methods";
import { parseId, route } from "@/lib/api/route";
import { requirePrincipal } from "@/lib/auth/principal";
import { getCharacter } from "@/lib/characters/service";
import { toVoiceView } from "@/lib/characters/voice-view";

export const dynamic = "force-dynamic";

/** The studio's view of a character's voice, polled by the character page while it is processing. */
export const GET = route<{ characterId: string }>(async (req, { characterId }) => {
  const p = await requirePrincipal(req);
  const c = await getCharacter(getDb(), { characterId: parseId(characterId, "Character"), workspaceId: p.workspaceId });
  return Response.json(toVoiceView(c), { headers: { "Cache-Control": "no-store" } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
