"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions/client";
import { addMemoryNote, deleteMemoryNote } from "@/lib/characters/memory";
import { createCharacter, deleteCharacter, updateCharacter } from "@/lib/characters/service";
import { retryVoiceClone } from "@/lib/characters/voice";
import { AppError, notFound } from "@/lib/errors";
import { addMemoryNoteInput, characterInput, deleteMemoryNoteInput, parseTags, PHOTO_TYPES, platformDefaultsInput } from "@/lib/validation/characters";
import { formText } from "@/lib/validation/form-data";
import { serialIdParamSchema, serialIdSchema } from "@/lib/validation/ids";
import { retryVoiceCloneInput } from "@/lib/validation/voice";

const formData = z.instanceof(FormData, { error: "Expected a form" });

async function readForm(form: FormData) {
  const parsed = characterInput.safeParse({
    name: form.get("name"),
    description: form.get("description") ?? "",
    persona: form.get("persona") ?? "",
    styleTags: parseTags(formText(form, "styleTags")),
    // The studio's form sends its picker's choice; absent, the character's voice is left as it is.
    voiceId: formText(form, "voiceId") || undefined,
  });
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new AppError("bad_request", i.message, String(i.path[0] ?? ""));
  }
  const file = form.get("photo");
  let photo: { buffer: Buffer } | null = null;
  if (file instanceof File && file.size > 0) {
    if (file.type && !(PHOTO_TYPES as readonly string[]).includes(file.type)) {
      throw new AppError("bad_request", "photo must be a JPG, PNG or WebP image", "photo");
    }
    photo = { buffer: Buffer.from(await file.arrayBuffer()) };
  }
  return { input: parsed.data, photo };
}

export const createCharacterAction = authedAction(formData, async (form, { principal, db }) => {
  const { input, photo } = await readForm(form);
  const row = await createCharacter(db, principal, input, photo);
  revalidatePath("/characters");
  return { id: row.id };
});

export const updateCharacterAction = authedAction(formData, async (form, { principal, db }) => {
  const parsedId = serialIdParamSchema("Character not found").safeParse(form.get("id"));
  if (!parsedId.success) throw notFound("Character");
  const id = parsedId.data;
  const { input, photo } = await readForm(form);
  const row = await updateCharacter(db, { workspaceId: principal.workspaceId, characterId: id, patch: input, photo });
  revalidatePath("/characters");
  revalidatePath(`/characters/${id}`);
  return { id: row.id };
});

export const deleteCharacterAction = authedAction(z.object({ id: serialIdSchema("Character not found") }), async ({ id }, { principal, db }) => {
  await deleteCharacter(db, { workspaceId: principal.workspaceId, characterId: id });
  revalidatePath("/characters");
  return { id };
});

/** Analyses the stored sample of a failed voice clone again. New samples go to POST /api/v1/voice-clone/clone. */
export const retryVoiceCloneAction = authedAction(retryVoiceCloneInput, async ({ characterId }, { principal, db }) => {
  await retryVoiceClone(db, { workspaceId: principal.workspaceId, characterId });
  return { characterId };
});

/** Saves the character's per-platform defaults (the whole map: a platform left empty has none). */
export const updatePlatformDefaultsAction = authedAction(platformDefaultsInput, async ({ characterId, platformDefaults }, { principal, db }) => {
  await updateCharacter(db, { workspaceId: principal.workspaceId, characterId, patch: { platformDefaults } });
  revalidatePath(`/characters/${characterId}`);
  return { characterId };
});

export const addMemoryNoteAction = authedAction(addMemoryNoteInput, async ({ characterId, note }, { principal, db }) => {
  const row = await addMemoryNote(db, { workspaceId: principal.workspaceId, characterId, note });
  revalidatePath(`/characters/${characterId}`);
  return { id: row.id, note: row.note };
});

export const deleteMemoryNoteAction = authedAction(deleteMemoryNoteInput, async ({ characterId, noteId }, { principal, db }) => {
  await deleteMemoryNote(db, { workspaceId: principal.workspaceId, characterId, noteId });
  revalidatePath(`/characters/${characterId}`);
  return { noteId };
});
