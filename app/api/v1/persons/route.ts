import { getDb } from "@/db/client";
import { otherMethods } from "@/lib/api/methods";
import { wholeListIn, MAX_PHOTO_JSON_BYTES, readJson } from "@/lib/api/route";
import { route } from "@/lib/api/twin-actor/errors";
import { personOut } from "@/lib/api/twin-actor/mappers";
import { decodePhotoBase64, personIn } from "@/lib/api/twin-actor/schemas";
import { requirePrincipal } from "@/lib/auth/principal";
import { createCharacter, listCharacters } from "@/lib/characters/service";

export const POST = route(async (req) => {
  const p = await requirePrincipal(req);
  const input = personIn.parse(await readJson(req, MAX_PHOTO_JSON_BYTES));
  const photo = input.photo_base64 ? { buffer: decodePhotoBase64(input.photo_base64), field: "photo_base64" } : null;
  const row = await createCharacter(getDb(), p, { name: input.name, description: input.description, persona: "", styleTags: [] }, photo);
  return Response.json(personOut(req, row), { status: 201 });
});

export const GET = route(async (req) => {
  const p = await requirePrincipal(req);
  const page = wholeListIn.parse(Object.fromEntries(new URL(req.url).searchParams));
  const rows = await listCharacters(getDb(), { workspaceId: p.workspaceId, ...page });
  return Response.json(rows.map((r) => personOut(req, r)));
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
