import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { GET as serveMediaRoute } from "@/app/api/media/[mediaId]/route";
import { closeDb, getDb } from "@/db/client";
import { projects, scenes } from "@/db/schema/projects";
import { generatedVideos } from "@/db/schema/videos";
import { providerJobs } from "@/db/schema/providers";
import { stopBoss } from "@/lib/jobs/boss";
import { runVendorCall } from "@/lib/providers/jobs";
import { storage } from "@/lib/storage/local";
import { saveMedia, signedMediaPath } from "@/lib/storage/media";
import { makeAccount, makeCharacter, makeStory } from "@/lib/test/factories";
import { estimateCost } from "./cost";
import { addScene, deleteProject, duplicateProject, removeScene, renameProject } from "./manage";
import { findProject, getProject } from "./queries";
import { approveProject } from "./service";

afterAll(async () => {
  await stopBoss();
  await closeDb();
});

const idea = "A baker's journey from a tiny village kitchen to opening her own bakery in Paris";

async function story(numScenes = 3) {
  const a = await makeAccount({ credits: 10_000 });
  const c = await makeCharacter(a);
  const p = await makeStory(a, c.id, { idea, numScenes });
  return { a, p, ws: a.workspaceId };
}

const fetchMedia = (mediaId: string) =>
  serveMediaRoute(new Request(`http://localhost:3000${signedMediaPath(mediaId)}`), { params: Promise.resolve({ mediaId }) });

describe("renaming a project", () => {
  it("trims the title and refuses an empty, too long or unsavable one, naming the title", async () => {
    const { p, ws } = await story(2);
    const row = await renameProject(getDb(), { workspaceId: ws, projectId: p.id, title: "  Paris or bust  " });
    expect(row.title).toBe("Paris or bust");
    for (const title of ["   ", "x".repeat(121), "nul\u0000byte", 42]) {
      await expect(renameProject(getDb(), { workspaceId: ws, projectId: p.id, title })).rejects.toMatchObject({ status: 400, field: "title" });
    }
    expect((await findProject(getDb(), { projectId: p.id, workspaceId: ws })).title).toBe("Paris or bust");
    const other = await makeAccount();
    await expect(renameProject(getDb(), { workspaceId: other.workspaceId, projectId: p.id, title: "Mine now" })).rejects.toMatchObject({ status: 404 });
  });
});

describe("duplicating a project", () => {
  it("copies the scenes and settings into a new draft that can be approved on its own", async () => {
    const { p, ws } = await story(3);
    await getDb().update(projects).set({ useAvatarLastScene: true }).where(eq(projects.id, p.id));
    await approveProject(getDb(), { workspaceId: ws, projectId: p.id, input: { confirmCredits: true } });

    const copy = await duplicateProject(getDb(), { workspaceId: ws, projectId: p.id });
    const full = await getProject(getDb(), { workspaceId: ws, projectId: copy.id });
    expect(full.id).not.toBe(p.id);
    expect(full.status).toBe("draft");
    expect(full.title).toBe(`${p.title} (copy)`);
    expect(full.useAvatarLastScene).toBe(true);
    expect(full.characterId).toBe(p.characterId);
    expect(full.scenes.map((s) => [s.sceneNumber, s.description, s.narrationText])).toEqual(
      p.scenes.map((s) => [s.sceneNumber, s.description, s.narrationText]),
    );
    expect(full.scenes.every((s) => s.status === "pending" && !s.imageMediaId)).toBe(true);

    const approved = await approveProject(getDb(), { workspaceId: ws, projectId: copy.id, input: { confirmCredits: true } });
    expect(approved.project.status).toBe("generating");
  });
});

describe("deleting a project", () => {
  it("removes the project, its scenes, its videos and their files, so their signed URLs answer 404", async () => {
    const { p, ws } = await story(2);
    const file = (kind: "image" | "video", mime: string) => saveMedia(getDb(), { workspaceId: ws, kind, mime, source: { buffer: Buffer.from(randomUUID()) } });
    const frame = await file("image", "image/png");
    const final = await file("video", "video/mp4");
    const thumb = await file("image", "image/jpeg");
    await getDb().update(scenes).set({ imageMediaId: frame.id }).where(eq(scenes.id, p.scenes[0].id));
    await getDb().update(projects).set({ status: "completed", finalVideoMediaId: final.id, thumbnailMediaId: thumb.id }).where(eq(projects.id, p.id));
    const videoId = randomUUID();
    await getDb().insert(generatedVideos).values({
      id: videoId,
      workspaceId: ws,
      projectId: p.id,
      name: p.title,
      mediaId: final.id,
      thumbnailMediaId: thumb.id,
      shareToken: randomUUID(),
      sizeBytes: 36,
      durationMs: 1000,
    });
    for (const m of [frame, final, thumb]) expect((await fetchMedia(m.id)).status).toBe(200);
    // A vendor's frame for the first scene, kept for retries.
    const vendorFrame = await runVendorCall(
      { db: getDb(), workspaceId: ws, subject: `scene:${p.scenes[0].id}:image` },
      {
        vendor: "fal",
        model: "fal-ai/flux/dev",
        request: { prompt: "x" },
        call: async () => ({ result: { storageKey: await storage().put(ws, "png", { buffer: Buffer.from("png") }) } }),
      },
    );

    const other = await makeAccount();
    await expect(deleteProject(getDb(), { workspaceId: other.workspaceId, projectId: p.id })).rejects.toMatchObject({ status: 404 });
    expect(await deleteProject(getDb(), { workspaceId: ws, projectId: p.id })).toEqual({ scenes: 2, videos: 1 });

    for (const m of [frame, final, thumb]) {
      expect((await fetchMedia(m.id)).status).toBe(404);
      expect(await storage().size(m.storageKey)).toBeNull();
    }
    expect(await storage().size(vendorFrame.storageKey)).toBeNull();
    expect(await getDb().select().from(providerJobs).where(eq(providerJobs.workspaceId, ws))).toEqual([]);
    expect(await findProject(getDb(), { projectId: p.id, workspaceId: ws })).toBeNull();
    expect(await getDb().select().from(scenes).where(eq(scenes.projectId, p.id))).toEqual([]);
    expect(await getDb().select().from(generatedVideos).where(eq(generatedVideos.id, videoId))).toEqual([]);
    await expect(deleteProject(getDb(), { workspaceId: ws, projectId: p.id })).rejects.toMatchObject({ status: 404 });
  });

  it("refuses while the project is generating", async () => {
    const { p, ws } = await story(2);
    await approveProject(getDb(), { workspaceId: ws, projectId: p.id, input: { confirmCredits: true } });
    await expect(deleteProject(getDb(), { workspaceId: ws, projectId: p.id })).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/generating/),
    });
  });
});

describe("adding and removing scenes", () => {
  it("writes a bridging scene at the chosen position, renumbers the rest and prices it", async () => {
    const { p, ws } = await story(3);
    const before = estimateCost(p.scenes).totalCredits;
    const { project, scene } = await addScene(getDb(), { workspaceId: ws, projectId: p.id, input: { position: 2 } });
    expect(scene.sceneNumber).toBe(2);
    expect(project.numScenes).toBe(4);
    expect(project.scenes.map((s) => s.id)).toEqual([p.scenes[0].id, scene.id, p.scenes[1].id, p.scenes[2].id]);
    expect(project.scenes.map((s) => s.sceneNumber)).toEqual([1, 2, 3, 4]);
    // Its own words: no sentence of either neighbour said again.
    const sentences = (t: string) => t.split(/(?<=[.!?])\s+/);
    for (const line of sentences(scene.narrationText)) {
      expect(sentences(p.scenes[0].narrationText)).not.toContain(line);
      expect(sentences(p.scenes[1].narrationText)).not.toContain(line);
    }
    expect(scene.description.length).toBeGreaterThan(10);
    expect(scene.imagePrompt.length).toBeGreaterThan(10);
    expect(estimateCost(project.scenes).totalCredits).toBeGreaterThan(before);

    const last = await addScene(getDb(), { workspaceId: ws, projectId: p.id, input: { position: 9 } });
    expect(last.scene.sceneNumber).toBe(5);
  });

  it("removes a scene, moves the later ones up and puts it back where it was", async () => {
    const { p, ws } = await story(4);
    const removed = await removeScene(getDb(), { workspaceId: ws, projectId: p.id, sceneId: p.scenes[1].id });
    expect(removed.position).toBe(2);
    let now = await getProject(getDb(), { workspaceId: ws, projectId: p.id });
    expect(now.scenes.map((s) => [s.id, s.sceneNumber])).toEqual([
      [p.scenes[0].id, 1],
      [p.scenes[2].id, 2],
      [p.scenes[3].id, 3],
    ]);
    expect(now.numScenes).toBe(3);

    const { scene } = await addScene(getDb(), { workspaceId: ws, projectId: p.id, input: removed });
    now = await getProject(getDb(), { workspaceId: ws, projectId: p.id });
    expect(now.scenes.map((s) => s.narrationText)).toEqual(p.scenes.map((s) => s.narrationText));
    expect(scene.sceneNumber).toBe(2);
  });

  it("keeps a story between 2 and 10 scenes, and refuses both once approved", async () => {
    const { p, ws } = await story(2);
    await expect(removeScene(getDb(), { workspaceId: ws, projectId: p.id, sceneId: p.scenes[0].id })).rejects.toMatchObject({
      status: 400,
      message: "A story has at least 2 scenes",
    });
    for (let i = 0; i < 8; i++) await addScene(getDb(), { workspaceId: ws, projectId: p.id, input: { position: 2 } });
    await expect(addScene(getDb(), { workspaceId: ws, projectId: p.id, input: { position: 2 } })).rejects.toMatchObject({ status: 400, field: "position" });
    const ten = await getProject(getDb(), { workspaceId: ws, projectId: p.id });
    expect(ten.scenes.map((s) => s.sceneNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

    await approveProject(getDb(), { workspaceId: ws, projectId: p.id, input: { confirmCredits: true } });
    await expect(removeScene(getDb(), { workspaceId: ws, projectId: p.id, sceneId: ten.scenes[3].id })).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/before approval/),
    });
    await expect(addScene(getDb(), { workspaceId: ws, projectId: p.id, input: { position: 1 } })).rejects.toMatchObject({ status: 400 });
    const other = await makeAccount();
    await expect(removeScene(getDb(), { workspaceId: other.workspaceId, projectId: p.id, sceneId: ten.scenes[3].id })).rejects.toMatchObject({ status: 404 });
  });
});
