import { pageIn, route } from "@/lib/api/route";
import { requirePrincipal } from "@/lib/auth/principal";
import { localVoices } from "@/lib/providers/speech/voices";

export const GET = route(async (req) => {
  await requirePrincipal(req);
  const { limit, offset } = pageIn.parse(Object.fromEntries(new URL(req.url).searchParams));
  return Response.json(
    localVoices().slice(offset, offset + limit).map((v) => ({
      name: v.name,
      displayName: v.displayName,
      languages: v.languages,
      genders: v.genders,
      ages: ["adult"],
      characters: [],
      scenarios: ["narration"],
      style: "neutral",
      sample: null,
      features: { pitch: true, emphasize: false, pause: true, speed: true },
      isClonedVoice: false,
    })),
  );
});
