import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { GET as serveMediaRoute } from "@/app/api/media/[mediaId]/route";
import { closeDb, getDb } from "@/db/client";
import { characters } from "@/db/schema/characters";
import { makeAccount, makeCharacter } from "@/lib/test/factories";
import { storage } from "@/lib/storage/local";
import { getMediaUnscoped, saveMedia, signedMediaPath } from "@/lib/storage/media";
import { deleteCharacter, sceneFramePhotoPath } from "./service";

afterAll(() => closeDb());

const fetchMedia = (mediaId: string) =>
  serveMediaRoute(new Request(`http://localhost:3000${signedMediaPath(mediaId)}`), { params: Promise.resolve({ mediaId }) });

describe("deleting a character", () => {
  it("makes its photo's and voice sample's signed URLs a 404 at once, and removes their files", async () => {
    const a = await makeAccount();
    const c = await makeCharacter(a);
    const sample = await saveMedia(getDb(), { workspaceId: a.workspaceId, kind: "audio", mime: "audio/wav", source: { buffer: Buffer.from("RIFF....WAVE") } });
    await getDb().update(characters).set({ voiceSampleMediaId: sample.id }).where(eq(characters.id, c.id));
    const photo = (await getMediaUnscoped(getDb(), c.photoMediaId!))!;
    expect((await fetchMedia(photo.id)).status).toBe(200);
    expect((await fetchMedia(sample.id)).status).toBe(200);

    await deleteCharacter(getDb(), { workspaceId: a.workspaceId, characterId: c.id });

    expect((await fetchMedia(photo.id)).status).toBe(404);
    expect((await fetchMedia(sample.id)).status).toBe(404);
    expect(await storage().size(photo.storageKey)).toBeNull();
    expect(await storage().size(sample.storageKey)).toBeNull();
  });

  it("leaves other characters' media alone, and another workspace cannot delete it", async () => {
    const a = await makeAccount();
    const b = await makeAccount();
    const [gone, kept] = [await makeCharacter(a), await makeCharacter(a)];
    await expect(deleteCharacter(getDb(), { workspaceId: b.workspaceId, characterId: gone.id })).rejects.toMatchObject({ status: 404 });
    expect((await fetchMedia(gone.photoMediaId!)).status).toBe(200);
    await deleteCharacter(getDb(), { workspaceId: a.workspaceId, characterId: gone.id });
    expect((await fetchMedia(kept.photoMediaId!)).status).toBe(200);
    // A character without a photo deletes as before.
    const bare = await makeCharacter(a, false);
    await deleteCharacter(getDb(), { workspaceId: a.workspaceId, characterId: bare.id });
    await expect(deleteCharacter(getDb(), { workspaceId: a.workspaceId, characterId: bare.id })).rejects.toMatchObject({ status: 404 });
  });
});

describe("a talking-head scene's frame", () => {
  it("is painted without the character, who speaks over it: the character appears once", async () => {
    const a = await makeAccount();
    const c = await makeCharacter(a);
    const project = { characterId: c.id, workspaceId: a.workspaceId, useAvatarFirstScene: true, useAvatarLastScene: false, numScenes: 3 };
    expect(await sceneFramePhotoPath(getDb(), project, 1)).toBeNull();
    expect(await sceneFramePhotoPath(getDb(), project, 2)).toMatch(/\.(png|jpg|webp)$/);
    expect(await sceneFramePhotoPath(getDb(), { ...project, useAvatarLastScene: true }, 3)).toBeNull();
  });
});
