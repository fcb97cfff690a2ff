import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { characters } from "@/db/schema/characters";
import type { Principal } from "@/lib/auth/tokens";
import { notFound } from "@/lib/errors";
import { storage } from "@/lib/storage/local";
import { getMedia, saveMedia } from "@/lib/storage/media";
import type { CharacterInput, CharacterPatch } from "@/lib/validation/characters";
import { normalizePhoto } from "./photo";

export type CharacterRow = typeof characters.$inferSelect;

const scoped = (id: number, workspaceId: string) => and(eq(characters.id, id), eq(characters.workspaceId, workspaceId));

export async function listCharacters(db: Db, args: { workspaceId: string; limit?: number; offset?: number }) {
  return db
    .select()
    .from(characters)
    .where(eq(characters.workspaceId, args.workspaceId))
    .orderBy(desc(characters.createdAt), desc(characters.id))
    .limit(args.limit ?? 100)
    .offset(args.offset ?? 0);
}

export async function getCharacter(db: Db, args: { characterId: number; workspaceId: string }): Promise<CharacterRow> {
  const [row] = await db.select().from(characters).where(scoped(args.characterId, args.workspaceId));
  if (!row) throw notFound("Character");
  return row;
}

async function storePhoto(db: Db, workspaceId: string, photo: Buffer, field: string) {
  const normalized = await normalizePhoto(photo, field);
  const row = await saveMedia(db, {
    workspaceId,
    kind: "image",
    mime: "image/jpeg",
    source: { buffer: normalized.buffer },
    width: normalized.width,
    height: normalized.height,
  });
  return row.id;
}

/** The photo is validated before anything is written, so a bad upload creates nothing. */
export async function createCharacter(db: Db, p: Principal, input: CharacterInput, photo?: { buffer: Buffer; field?: string } | null) {
  const photoMediaId = photo ? await storePhoto(db, p.workspaceId, photo.buffer, photo.field ?? "photo") : null;
  const [row] = await db
    .insert(characters)
    .values({ workspaceId: p.workspaceId, ...input, photoMediaId })
    .returning();
  return row;
}

export async function updateCharacter(
  db: Db,
  args: { workspaceId: string; characterId: number; patch: CharacterPatch; photo?: { buffer: Buffer; field?: string } | null },
) {
  await getCharacter(db, args);
  const photoMediaId = args.photo ? await storePhoto(db, args.workspaceId, args.photo.buffer, args.photo.field ?? "photo") : undefined;
  const [row] = await db
    .update(characters)
    .set({ ...args.patch, ...(photoMediaId ? { photoMediaId } : {}), updatedAt: new Date() })
    .where(scoped(args.characterId, args.workspaceId))
    .returning();
  return row;
}

export async function deleteCharacter(db: Db, args: { workspaceId: string; characterId: number }) {
  const deleted = await db.delete(characters).where(scoped(args.characterId, args.workspaceId)).returning({ id: characters.id });
  if (!deleted.length) throw notFound("Character");
}

/** The local file of a character's photo, or null when there is no character or no photo. */
export async function characterPhotoPath(db: Db, args: { characterId: number | null; workspaceId: string }): Promise<string | null> {
  if (!args.characterId) return null;
  const [c] = await db.select({ photoMediaId: characters.photoMediaId }).from(characters).where(scoped(args.characterId, args.workspaceId));
  const photo = c?.photoMediaId ? await getMedia(db, { mediaId: c.photoMediaId, workspaceId: args.workspaceId }) : null;
  return photo ? storage().localPath(photo.storageKey) : null;
}
