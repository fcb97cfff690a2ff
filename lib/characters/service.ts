import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { characters } from "@/db/schema/characters";
import { media } from "@/db/schema/media";
import type { Principal } from "@/lib/auth/tokens";
import { notFound } from "@/lib/errors";
import { characterScope } from "./scope";
import { checkCatalogueVoice } from "./voices";
import { storage } from "@/lib/storage/local";
import { getMedia, saveMedia } from "@/lib/storage/media";
import { latestTasks, subjects } from "@/lib/tasks/service";
import type { CharacterInput, CharacterPatch } from "@/lib/validation/characters";
import { isAvatarScene } from "@/lib/composition/recipes/avatar-scene";
import { normalizePhoto } from "./photo";

/** A character with the reason its last voice clone failed (kept on the clone's task). */
export type CharacterRow = typeof characters.$inferSelect & { voiceError: string | null };

async function withVoiceErrors(db: DbOrTx, rows: Array<typeof characters.$inferSelect>): Promise<CharacterRow[]> {
  const failed = rows.filter((r) => r.voiceStatus === "failed");
  const found = await latestTasks(
    db,
    failed.map((r) => subjects.voice(r.id)),
  );
  return rows.map((r) => ({ ...r, voiceError: r.voiceStatus === "failed" ? (found.get(subjects.voice(r.id))?.error ?? null) : null }));
}

const scoped = (id: number, workspaceId: string) => characterScope(workspaceId, id);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function listCharacters(db: Db, args: { workspaceId: string; limit?: number; offset?: number }): Promise<CharacterRow[]> {
  const rows = await db
    .select()
    .from(characters)
    .where(characterScope(args.workspaceId))
    .orderBy(desc(characters.createdAt), desc(characters.id))
    .limit(args.limit ?? 100)
    .offset(args.offset ?? 0);
  return withVoiceErrors(db, rows);
}

export async function getCharacter(db: Db, args: { characterId: number; workspaceId: string }): Promise<CharacterRow> {
  const [row] = await db.select().from(characters).where(scoped(args.characterId, args.workspaceId));
  if (!row) throw notFound("Character");
  return (await withVoiceErrors(db, [row]))[0];
}

/** A character by the UUID the content-workflow dialect knows it by; a malformed id is simply not found. */
export async function getCharacterByPublicId(db: Db, args: { publicId: string; workspaceId: string }): Promise<CharacterRow> {
  if (!UUID.test(args.publicId)) throw notFound("Character");
  const [row] = await db
    .select()
    .from(characters)
    .where(and(eq(characters.publicId, args.publicId), characterScope(args.workspaceId)));
  if (!row) throw notFound("Character");
  return (await withVoiceErrors(db, [row]))[0];
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
  checkCatalogueVoice(input.voiceId);
  const photoMediaId = photo ? await storePhoto(db, p.workspaceId, photo.buffer, photo.field ?? "photo") : null;
  const [row] = await db
    .insert(characters)
    .values({ workspaceId: p.workspaceId, ...input, photoMediaId })
    .returning();
  return { ...row, voiceError: null };
}

export async function updateCharacter(
  db: Db,
  args: { workspaceId: string; characterId: number; patch: CharacterPatch; photo?: { buffer: Buffer; field?: string } | null },
) {
  await getCharacter(db, args);
  checkCatalogueVoice(args.patch.voiceId);
  const photoMediaId = args.photo ? await storePhoto(db, args.workspaceId, args.photo.buffer, args.photo.field ?? "photo") : undefined;
  const [row] = await db
    .update(characters)
    .set({ ...args.patch, ...(photoMediaId ? { photoMediaId } : {}), updatedAt: new Date() })
    .where(scoped(args.characterId, args.workspaceId))
    .returning();
  return (await withVoiceErrors(db, [row]))[0];
}

/**
 * Deletes a character softly: the row stays (its projects keep their history) but it is not found
 * anywhere again, as if it were gone; deleting it twice is a 404. Its photo and voice sample go for
 * good in the same transaction, so a signed URL handed out earlier is a 404 from then on rather than
 * until it expires, and then their files. Nothing else points at a character's own media.
 */
export async function deleteCharacter(db: Db, args: { workspaceId: string; characterId: number }) {
  const files = await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ photo: characters.photoMediaId, sample: characters.voiceSampleMediaId })
      .from(characters)
      .where(scoped(args.characterId, args.workspaceId))
      .for("update");
    if (!before) throw notFound("Character");
    await tx
      .update(characters)
      .set({ deletedAt: new Date(), updatedAt: new Date(), photoMediaId: null, voiceSampleMediaId: null })
      .where(scoped(args.characterId, args.workspaceId));
    const ids = [before.photo, before.sample].filter((id): id is string => !!id);
    if (!ids.length) return [];
    return tx
      .delete(media)
      .where(and(inArray(media.id, ids), eq(media.workspaceId, args.workspaceId)))
      .returning({ storageKey: media.storageKey });
  });
  // The rows are gone and nothing serves the files any more: a file left behind is litter, not an error to report.
  const removed = await Promise.allSettled(files.map((f) => storage().remove(f.storageKey)));
  for (const r of removed) if (r.status === "rejected") console.error("[characters] could not remove a deleted character's file", r.reason);
}

/**
 * The photo a story scene's frame is painted with: none in a talking-head scene, whose frame is the
 * background the character then speaks over (painted in as well, they would stand there twice).
 */
export async function sceneFramePhotoPath(
  db: Db,
  project: { characterId: number | null; workspaceId: string; useAvatarFirstScene: boolean; useAvatarLastScene: boolean; numScenes: number },
  sceneNumber: number,
): Promise<string | null> {
  if (isAvatarScene(project, sceneNumber, project.numScenes)) return null;
  return characterPhotoPath(db, { characterId: project.characterId, workspaceId: project.workspaceId });
}

/** A live character's name (a project shows who stars in it), or undefined. */
export async function characterName(db: DbOrTx, args: { characterId: number | null; workspaceId: string }): Promise<string | undefined> {
  if (!args.characterId) return undefined;
  const [c] = await db.select({ name: characters.name }).from(characters).where(scoped(args.characterId, args.workspaceId));
  return c?.name;
}

/** The local file of a character's photo, or null when there is no character or no photo. */
export async function characterPhotoPath(db: Db, args: { characterId: number | null; workspaceId: string }): Promise<string | null> {
  if (!args.characterId) return null;
  const [c] = await db.select({ photoMediaId: characters.photoMediaId }).from(characters).where(scoped(args.characterId, args.workspaceId));
  const photo = c?.photoMediaId ? await getMedia(db, { mediaId: c.photoMediaId, workspaceId: args.workspaceId }) : null;
  return photo ? storage().localPath(photo.storageKey) : null;
}
