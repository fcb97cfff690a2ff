import { getDb } from "@/db/client";
import { requireApiKey } from "@/lib/api/ainative/auth";
import { CORS_HEADERS, preflight, readBody, route } from "@/lib/api/ainative/errors";
import { twinOut } from "@/lib/api/ainative/mappers";
import { characterFieldsOf, twinIn } from "@/lib/api/ainative/schemas";
import { otherMethods } from "@/lib/api/methods";
import { wholeListIn } from "@/lib/api/route";
import { memoryNotesOf, replaceMemoryNotes } from "@/lib/characters/memory";
import { createCharacter, listCharacters } from "@/lib/characters/service";

export const dynamic = "force-dynamic";

export const OPTIONS = preflight;

export const POST = route(async (req) => {
  const p = await requireApiKey(req);
  const input = twinIn.parse(await readBody(req));
  const db = getDb();
  const row = await createCharacter(db, p, {
    ...characterFieldsOf(input),
    name: input.name,
    description: input.description,
    persona: input.persona_prompt,
    styleTags: input.style_tags,
  });
  if (input.memory_notes?.length) await replaceMemoryNotes(db, { workspaceId: p.workspaceId, characterId: row.id, notes: input.memory_notes });
  return Response.json(twinOut(req, row, input.memory_notes ?? []), { status: 201 });
});

export const GET = route(async (req) => {
  const p = await requireApiKey(req);
  const page = wholeListIn.parse(Object.fromEntries(new URL(req.url).searchParams));
  const db = getDb();
  const rows = await listCharacters(db, { workspaceId: p.workspaceId, ...page });
  const notes = await memoryNotesOf(
    db,
    p.workspaceId,
    rows.map((r) => r.id),
  );
  return Response.json(rows.map((r) => twinOut(req, r, notes.get(r.id) ?? [])));
});

export const { PUT, PATCH, DELETE } = otherMethods({ GET, POST }, CORS_HEADERS);
