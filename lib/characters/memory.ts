import { and, asc, count, eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { characterMemories, characters } from "@/db/schema/characters";
import { withTransaction } from "@/db/transaction";
import { AppError, notFound } from "@/lib/errors";
import type { StoryCharacter } from "@/lib/providers/story/index";
import { MAX_MEMORY_NOTES } from "@/lib/validation/characters";
import { characterScope } from "./scope";

export type MemoryNoteRow = typeof characterMemories.$inferSelect;

/** How many of a character's notes the story writer reads: the newest, so the prompt stays bounded. */
export const STORY_MEMORY_NOTES = 20;

/** The character must be a live one of the workspace; locks it so concurrent note writes count right. */
async function liveCharacterId(tx: DbOrTx, workspaceId: string, characterId: number): Promise<number> {
  const [c] = await tx.select({ id: characters.id }).from(characters).where(characterScope(workspaceId, characterId)).for("update");
  if (!c) throw notFound("Character");
  return c.id;
}

/** A character's notes, oldest first. */
export async function listMemoryNotes(db: DbOrTx, args: { workspaceId: string; characterId: number }): Promise<MemoryNoteRow[]> {
  return db
    .select()
    .from(characterMemories)
    .where(and(eq(characterMemories.characterId, args.characterId), eq(characterMemories.workspaceId, args.workspaceId)))
    .orderBy(asc(characterMemories.createdAt), asc(characterMemories.id));
}

/** The notes of several characters at once (API lists), each list oldest first. */
export async function memoryNotesOf(db: DbOrTx, workspaceId: string, characterIds: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>(characterIds.map((id) => [id, []]));
  if (!characterIds.length) return out;
  const rows = await db
    .select({ characterId: characterMemories.characterId, note: characterMemories.note })
    .from(characterMemories)
    .where(and(eq(characterMemories.workspaceId, workspaceId), inArray(characterMemories.characterId, characterIds)))
    .orderBy(asc(characterMemories.createdAt), asc(characterMemories.id));
  for (const r of rows) out.get(r.characterId)?.push(r.note);
  return out;
}

const tooMany = () => new AppError("bad_request", `A character keeps at most ${MAX_MEMORY_NOTES} memory notes; remove one first`, "memoryNotes");

/** Adds one note to a character's memory. */
export async function addMemoryNote(db: Db, args: { workspaceId: string; characterId: number; note: string }): Promise<MemoryNoteRow> {
  return withTransaction(async ({ tx }) => {
    const characterId = await liveCharacterId(tx, args.workspaceId, args.characterId);
    const [{ n }] = await tx.select({ n: count() }).from(characterMemories).where(eq(characterMemories.characterId, characterId));
    if (n >= MAX_MEMORY_NOTES) throw tooMany();
    const [row] = await tx.insert(characterMemories).values({ workspaceId: args.workspaceId, characterId, note: args.note }).returning();
    return row;
  });
}

/** Removes one note; a note of another character or workspace is not found. */
export async function deleteMemoryNote(db: Db, args: { workspaceId: string; characterId: number; noteId: number }): Promise<void> {
  await withTransaction(async ({ tx }) => {
    const characterId = await liveCharacterId(tx, args.workspaceId, args.characterId);
    const gone = await tx
      .delete(characterMemories)
      .where(and(eq(characterMemories.id, args.noteId), eq(characterMemories.characterId, characterId)))
      .returning({ id: characterMemories.id });
    if (!gone.length) throw notFound("Memory note");
  });
}

/** Replaces a character's whole memory (the API's `memory_notes`), in the transaction `tx` when given. */
export async function replaceMemoryNotes(tx: DbOrTx, args: { workspaceId: string; characterId: number; notes: string[] }): Promise<void> {
  if (args.notes.length > MAX_MEMORY_NOTES) throw tooMany();
  const characterId = await liveCharacterId(tx, args.workspaceId, args.characterId);
  await tx.delete(characterMemories).where(eq(characterMemories.characterId, characterId));
  if (args.notes.length) {
    await tx.insert(characterMemories).values(args.notes.map((note) => ({ workspaceId: args.workspaceId, characterId, note })));
  }
}

/** Who the story writer writes for: the character's identity, persona and newest memory notes. */
export async function storyCharacterOf(
  db: DbOrTx,
  c: Pick<typeof characters.$inferSelect, "id" | "workspaceId" | "name" | "description" | "persona" | "styleTags">,
): Promise<StoryCharacter> {
  const notes = await listMemoryNotes(db, { workspaceId: c.workspaceId, characterId: c.id });
  return {
    name: c.name,
    description: c.description,
    persona: c.persona,
    styleTags: c.styleTags,
    memory: notes.slice(-STORY_MEMORY_NOTES).map((n) => n.note),
  };
}
