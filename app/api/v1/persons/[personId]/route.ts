import { getDb } from "@/db/client";
import { otherMethods } from "@/lib/api/methods";
import { parseId, MAX_PHOTO_JSON_BYTES, readJson } from "@/lib/api/route";
import { route } from "@/lib/api/twin-actor/errors";
import { personOut } from "@/lib/api/twin-actor/mappers";
import { decodePhotoBase64, personPatchIn } from "@/lib/api/twin-actor/schemas";
import { requirePrincipal } from "@/lib/auth/principal";
import { deleteCharacter, getCharacter, updateCharacter } from "@/lib/characters/service";

export const GET = route<{ personId: string }>(async (req, { personId }) => {
  const p = await requirePrincipal(req);
  const row = await getCharacter(getDb(), { characterId: parseId(personId, "Person"), workspaceId: p.workspaceId });
  return Response.json(personOut(req, row));
});

const update = route<{ personId: string }>(async (req, { personId }) => {
  const p = await requirePrincipal(req);
  const input = personPatchIn.parse(await readJson(req, MAX_PHOTO_JSON_BYTES));
  const row = await updateCharacter(getDb(), {
    workspaceId: p.workspaceId,
    characterId: parseId(personId, "Person"),
    patch: { name: input.name, description: input.description },
    photo: input.photo_base64 ? { buffer: decodePhotoBase64(input.photo_base64), field: "photo_base64" } : null,
  });
  return Response.json(personOut(req, row));
});

export const PUT = update;
export const PATCH = update;

export const DELETE = route<{ personId: string }>(async (req, { personId }) => {
  const p = await requirePrincipal(req);
  await deleteCharacter(getDb(), { workspaceId: p.workspaceId, characterId: parseId(personId, "Person") });
  return new Response(null, { status: 204 });
});

export const { POST, OPTIONS } = otherMethods({ GET, PUT, PATCH, DELETE });
