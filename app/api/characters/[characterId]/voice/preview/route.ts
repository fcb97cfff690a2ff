import { getDb } from "@/db/client";
import { otherMethods } from "@/lib/api/methods";
import { parseId, route } from "@/lib/api/route";
import { requirePrincipal } from "@/lib/auth/principal";
import { getCharacter } from "@/lib/characters/service";
import { limitPreviews, synthesizeVoicePreview } from "@/lib/characters/voice-preview";

export const dynamic = "force-dynamic";

/**
 * A short line in the character's current voice (or the default narrator) as WAV, for the
 * studio's "Preview voice" button. Synthesized per request and never stored.
 */
export const GET = route<{ characterId: string }>(async (req, { characterId }) => {
  const p = await requirePrincipal(req);
  const db = getDb();
  const c = await getCharacter(db, { characterId: parseId(characterId, "Character"), workspaceId: p.workspaceId });
  await limitPreviews(db, p.workspaceId);
  const wav = await synthesizeVoicePreview(c);
  return new Response(new Uint8Array(wav), {
    headers: { "Content-Type": "audio/wav", "Content-Length": String(wav.length), "Cache-Control": "private, max-age=300" },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
