import { and, desc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { characters } from "@/db/schema/characters";
import { pageIn, route } from "@/lib/api/route";
import { requirePrincipal } from "@/lib/auth/principal";
import { narrationVoice } from "@/lib/characters/voice-view";
import { localVoices } from "@/lib/providers/speech/voices";
import { actorIdOf } from "@/lib/videos/engine";

/** What every voice here shares, in the assets/voices dialect's terms. */
const common = { ages: ["adult"], scenarios: ["narration"], style: "neutral", sample: null, features: { pitch: true, emphasize: false, pause: true, speed: true } };

/** The workspace's cloned character voices first (speakerId `character-<id>`), then the engine's catalogue. */
export const GET = route(async (req) => {
  const p = await requirePrincipal(req);
  const { limit, offset } = pageIn.parse(Object.fromEntries(new URL(req.url).searchParams));
  const cloned = await getDb()
    .select()
    .from(characters)
    .where(and(eq(characters.workspaceId, p.workspaceId), eq(characters.voiceStatus, "ready")))
    .orderBy(desc(characters.updatedAt), desc(characters.id));
  const voices = [
    ...cloned.flatMap((c) => {
      const voice = narrationVoice(c);
      if (!voice) return [];
      return [{
        name: actorIdOf(c.id),
        displayName: `${c.name} (cloned voice)`,
        languages: ["en-US"],
        genders: [voice.engineVoice?.includes("+f") ? "female" : "male"],
        ...common,
        characters: [actorIdOf(c.id)],
        isClonedVoice: true,
      }];
    }),
    ...localVoices().map((v) => ({
      name: v.name,
      displayName: v.displayName,
      languages: v.languages,
      genders: v.genders,
      ...common,
      characters: [],
      isClonedVoice: false,
    })),
  ];
  return Response.json(voices.slice(offset, offset + limit));
});
