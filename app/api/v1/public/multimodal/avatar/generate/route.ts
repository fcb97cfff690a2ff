import { getDb } from "@/db/client";
import { requireApiKey } from "@/lib/api/ainative/auth";
import { CORS_HEADERS, preflight, readBody, route } from "@/lib/api/ainative/errors";
import { avatarStartedOut } from "@/lib/api/ainative/mappers";
import { avatarGenerateIn } from "@/lib/api/ainative/schemas";
import { otherMethods } from "@/lib/api/methods";
import { twinIdOf } from "@/lib/api/ainative/twin-ref";
import { createAvatarRender } from "@/lib/videos/avatar";

export const dynamic = "force-dynamic";

export const OPTIONS = preflight;

export const POST = route(async (req) => {
  const p = await requireApiKey(req);
  const input = avatarGenerateIn.parse(await readBody(req));
  const started = await createAvatarRender(getDb(), p, {
    characterId: await twinIdOf(input.twin_id, p.workspaceId, "twin_id"),
    avatarCharacterId: input.avatar_id ? await twinIdOf(input.avatar_id, p.workspaceId, "avatar_id") : null,
    script: input.script,
    voiceId: input.voice_id,
  });
  return Response.json(avatarStartedOut(started), { status: 202 });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST }, CORS_HEADERS);
