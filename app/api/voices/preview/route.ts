import { z } from "zod";
import { getDb } from "@/db/client";
import { otherMethods } from "@/lib/api/methods";
import { route } from "@/lib/api/route";
import { requirePrincipal } from "@/lib/auth/principal";
import { limitPreviews, synthesizeCatalogueVoicePreview } from "@/lib/characters/voice-preview";
import { checkCatalogueVoice } from "@/lib/characters/voices";
import { text } from "@/lib/validation/text";
import { voiceIdSchema } from "@/lib/validation/characters";

export const dynamic = "force-dynamic";

const previewQuery = z.object({ voiceId: voiceIdSchema, name: text({ label: "name", max: 80 }).default("") });

/**
 * A catalogue voice reading the preview line, as WAV: the character form's "Preview" beside its
 * voice picker, before the character exists. Synthesized per request and never stored.
 */
export const GET = route(async (req) => {
  const p = await requirePrincipal(req);
  const { voiceId, name } = previewQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  checkCatalogueVoice(voiceId);
  await limitPreviews(getDb(), p.workspaceId);
  const wav = await synthesizeCatalogueVoicePreview(voiceId, name);
  return new Response(new Uint8Array(wav), {
    headers: { "Content-Type": "audio/wav", "Content-Length": String(wav.length), "Cache-Control": "private, max-age=300" },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
