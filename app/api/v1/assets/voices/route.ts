import { getDb } from "@/db/client";
import { route } from "@/lib/api/colossyan/errors";
import { clonedVoiceOut, engineVoiceOut } from "@/lib/api/colossyan/mappers";
import { otherMethods } from "@/lib/api/methods";
import { wholeListIn } from "@/lib/api/route";
import { requirePrincipal } from "@/lib/auth/principal";
import { narrationVoice } from "@/lib/characters/voice-view";
import { localVoices } from "@/lib/providers/speech/voices";
import { listClonedVoiceCharacters } from "@/lib/videos/cast";

/** The workspace's cloned character voices first (speakerId `character-<id>`), then the engine's catalogue. */
export const GET = route(async (req) => {
  const p = await requirePrincipal(req);
  const { limit, offset } = wholeListIn.parse(Object.fromEntries(new URL(req.url).searchParams));
  const cloned = await listClonedVoiceCharacters(getDb(), { workspaceId: p.workspaceId });
  const voices = [
    ...cloned.flatMap((c) => {
      const voice = narrationVoice(c);
      return voice ? [clonedVoiceOut(c, voice.engineVoice?.includes("+f") ? "female" : "male")] : [];
    }),
    ...localVoices().map(engineVoiceOut),
  ];
  return Response.json(voices.slice(offset, offset + limit));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
