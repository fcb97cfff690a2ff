import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { AppError } from "@/lib/errors";
import { makeAccount, makeCharacter, makeStory } from "@/lib/test/factories";
import { MAX_MEMORY_NOTES } from "@/lib/validation/characters";
import { addMemoryNote, deleteMemoryNote, listMemoryNotes, replaceMemoryNotes } from "./memory";
import { createCharacter, deleteCharacter, updateCharacter } from "./service";

afterAll(() => closeDb());

const refusal = (p: Promise<unknown>) => p.then(() => null).catch((e: unknown) => e as AppError);

describe("a character's memory", () => {
  it("keeps notes in order, up to the limit, and the story writer reads them when it proposes scenes", async () => {
    const a = await makeAccount();
    const c = await makeCharacter(a, false);
    const db = getDb();
    const first = await addMemoryNote(db, { workspaceId: a.workspaceId, characterId: c.id, note: "Always wears a red scarf" });
    await addMemoryNote(db, { workspaceId: a.workspaceId, characterId: c.id, note: "Grew up in Lisbon" });
    expect((await listMemoryNotes(db, { workspaceId: a.workspaceId, characterId: c.id })).map((n) => n.note)).toEqual([
      "Always wears a red scarf",
      "Grew up in Lisbon",
    ]);

    const project = await makeStory(a, c.id, { idea: "A baker opens a shop by the sea and wins the town over", numScenes: 2 });
    for (const s of project.scenes) expect(s.imagePrompt).toContain("continuity: Always wears a red scarf; Grew up in Lisbon");

    await deleteMemoryNote(db, { workspaceId: a.workspaceId, characterId: c.id, noteId: first.id });
    expect(await refusal(deleteMemoryNote(db, { workspaceId: a.workspaceId, characterId: c.id, noteId: first.id }))).toMatchObject({ code: "not_found" });

    await replaceMemoryNotes(db, { workspaceId: a.workspaceId, characterId: c.id, notes: Array.from({ length: MAX_MEMORY_NOTES }, (_, i) => `n${i}`) });
    const full = await refusal(addMemoryNote(db, { workspaceId: a.workspaceId, characterId: c.id, note: "one more" }));
    expect(full).toMatchObject({ code: "bad_request", field: "memoryNotes" });
    expect(await listMemoryNotes(db, { workspaceId: a.workspaceId, characterId: c.id })).toHaveLength(MAX_MEMORY_NOTES);
  });

  it("belongs to its workspace: another one can neither read nor change it, and a deleted character's memory is closed", async () => {
    const [a, b] = [await makeAccount(), await makeAccount()];
    const c = await makeCharacter(a, false);
    const db = getDb();
    const note = await addMemoryNote(db, { workspaceId: a.workspaceId, characterId: c.id, note: "Private" });
    expect(await refusal(addMemoryNote(db, { workspaceId: b.workspaceId, characterId: c.id, note: "Intruder" }))).toMatchObject({ code: "not_found" });
    expect(await refusal(deleteMemoryNote(db, { workspaceId: b.workspaceId, characterId: c.id, noteId: note.id }))).toMatchObject({ code: "not_found" });
    expect(await listMemoryNotes(db, { workspaceId: b.workspaceId, characterId: c.id })).toEqual([]);

    await deleteCharacter(db, { workspaceId: a.workspaceId, characterId: c.id });
    expect(await refusal(addMemoryNote(db, { workspaceId: a.workspaceId, characterId: c.id, note: "After" }))).toMatchObject({ code: "not_found" });
  });
});

describe("a character's catalogue voice", () => {
  it("must exist: an unknown id is refused naming it and listing the catalogue, on create and update", async () => {
    const a = await makeAccount();
    const db = getDb();
    const base = { name: "V", description: "", persona: "", styleTags: [] };
    const unknown = await refusal(createCharacter(db, a, { ...base, voiceId: "robot-9000" }));
    expect(unknown).toMatchObject({ code: "bad_request", field: "voiceId" });
    expect(unknown?.message).toMatch(
      /^there is no voice "robot-9000"; available: local-en-us-slt, local-en-us, local-en-us-f3, .*local-nl-f4 \(or a locale id/,
    );
    const c = await createCharacter(db, a, { ...base, voiceId: "en-US-Neural2-A" });
    expect(c.voiceId).toBe("en-US-Neural2-A");
    expect(await refusal(updateCharacter(db, { workspaceId: a.workspaceId, characterId: c.id, patch: { voiceId: "xx" } }))).toMatchObject({ field: "voiceId" });
  });
});
