import { getDb } from "@/db/client";
import { requireApiKey } from "@/lib/api/ainative/auth";
import { CORS_HEADERS, preflight, readBody, route } from "@/lib/api/ainative/errors";
import { twinOut } from "@/lib/api/ainative/mappers";
import { characterFieldsOf, twinPatchIn } from "@/lib/api/ainative/schemas";
import { otherMethods } from "@/lib/api/methods";
import { memoryNotesOf, replaceMemoryNotes } from "@/lib/characters/memory";
import { deleteCharacter, getCharacterByPublicId, updateCharacter } from "@/lib/characters/service";

export const dynamic = "force-dynamic";

export const OPTIONS = preflight;

type Params = { twinId: string };

export const GET = route<Params>(async (req, { twinId }) => {
  const p = await requireApiKey(req);
  const db = getDb();
  const row = await getCharacterByPublicId(db, { publicId: twinId, workspaceId: p.workspaceId });
  const notes = await memoryNotesOf(db, p.workspaceId, [row.id]);
  return Response.json(twinOut(req, row, notes.get(row.id) ?? []));
});

/** A partial update: fields left out keep their values. */
export const PATCH = route<Params>(async (req, { twinId }) => {
  const p = await requireApiKey(req);
  const db = getDb();
  const { id } = await getCharacterByPublicId(db, { publicId: twinId, workspaceId: p.workspaceId });
  const input = twinPatchIn.parse(await readBody(req));
  const row = await updateCharacter(db, { workspaceId: p.workspaceId, characterId: id, patch: characterFieldsOf(input) });
  if (input.memory_notes) await replaceMemoryNotes(db, { workspaceId: p.workspaceId, characterId: id, notes: input.memory_notes });
  const notes = await memoryNotesOf(db, p.workspaceId, [id]);
  return Response.json(twinOut(req, row, notes.get(id) ?? []));
});

/** A soft delete: 204, then the twin is a 404 everywhere. */
export const DELETE = route<Params>(async (req, { twinId }) => {
  const p = await requireApiKey(req);
  const db = getDb();
  const { id } = await getCharacterByPublicId(db, { publicId: twinId, workspaceId: p.workspaceId });
  await deleteCharacter(db, { workspaceId: p.workspaceId, characterId: id });
  return new Response(null, { status: 204 });
});

export const { POST, PUT } = otherMethods({ GET, PATCH, DELETE }, CORS_HEADERS);
