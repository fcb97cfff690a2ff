import fs from "node:fs/promises";
import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { creditLedger } from "@/db/schema/credits";
import { tasks } from "@/db/schema/jobs";
import { media } from "@/db/schema/media";
import { projects, scenes } from "@/db/schema/projects";
import { generatedVideos } from "@/db/schema/videos";
import { getBalance, getBalanceHundredths } from "@/lib/credits/ledger";
import { probe } from "@/lib/media/ffmpeg";
import { storage } from "@/lib/storage/local";
import { makeAccount, makeApprovedStory, makeCharacter, makeStory, ledgerKinds } from "@/lib/test/factories";
import { useJobWorker } from "@/lib/test/worker";
import { waitForProject, waitUntil } from "@/lib/test/wait";
import { estimateCost } from "./cost";
import { getProject } from "./queries";
import { regenerateScene } from "./regenerate";
import { approveProject } from "./service";
import { startUpscale } from "./upscale";

useJobWorker();

const projectRow = (id: number) =>
  getDb()
    .select()
    .from(projects)
    .where(eq(projects.id, id))
    .then((r) => r[0]);
const completed = (id: number) => waitForProject(id, "completed");
const mediaPath = async (id: string) => storage().localPath((await getDb().select().from(media).where(eq(media.id, id)))[0].storageKey);

const idea = "A lighthouse keeper's last night before the lamp is automated";

describe("regenerating a scene and upscaling (real worker, real ffmpeg)", () => {
  // A story, a regeneration and an upscale: three renders, given the time they take on a loaded 2-core machine.
  it("closes on a talking head, re-renders only the regenerated scene, charges it once, and upscales 2x", { timeout: 420_000 }, async () => {
    const a = await makeAccount({ credits: 1000 });
    const c = await makeCharacter(a);
    const { project: p, cost } = await makeApprovedStory(a, c.id, { idea, useAvatarLastScene: true });
    const first = await completed(p.id);
    const before = await getProject(getDb(), { projectId: p.id, workspaceId: a.workspaceId });
    expect(before.scenes.map((s) => s.cameraMove)).toEqual([expect.not.stringMatching(/talking-head/), "talking-head"]);

    // Bad requests change nothing: a talking head's clip cannot be remade without a new image.
    await expect(
      regenerateScene(getDb(), { workspaceId: a.workspaceId, projectId: p.id, sceneNumber: 2, input: { regenerateImage: false, regenerateVideo: true } }),
    ).rejects.toMatchObject({ status: 400, field: "regenerateImage" });
    await expect(
      regenerateScene(getDb(), { workspaceId: a.workspaceId, projectId: p.id, sceneNumber: 9, input: { regenerateImage: true, regenerateVideo: true } }),
    ).rejects.toThrow(/Scene not found/);
    const other = await makeAccount({ credits: 1000 });
    await expect(
      regenerateScene(getDb(), { workspaceId: other.workspaceId, projectId: p.id, sceneNumber: 1, input: { regenerateImage: true, regenerateVideo: true } }),
    ).rejects.toThrow(/Project not found/);

    const sceneCost = estimateCost([before.scenes[0]]).totalCredits;
    await regenerateScene(getDb(), {
      workspaceId: a.workspaceId,
      projectId: p.id,
      sceneNumber: 1,
      input: {
        regenerateImage: true,
        regenerateVideo: true,
        updatedImagePrompt: "A storm over the lighthouse, waves breaking on the rocks, dramatic lighting",
      },
    });
    // A second request while it runs is refused: the project is generating.
    await expect(
      regenerateScene(getDb(), { workspaceId: a.workspaceId, projectId: p.id, sceneNumber: 2, input: { regenerateImage: true, regenerateVideo: true } }),
    ).rejects.toThrow(/completed project/);
    const second = await completed(p.id);

    const after = await getProject(getDb(), { projectId: p.id, workspaceId: a.workspaceId });
    expect(after.scenes[0].imagePrompt).toMatch(/storm over the lighthouse/);
    expect(after.scenes[0]).toMatchObject({ imageRuns: 2, videoRuns: 2, audioRuns: 1, previousMedia: null });
    expect(after.scenes[0].imageMediaId).not.toBe(before.scenes[0].imageMediaId);
    expect(after.scenes[1]).toMatchObject({ imageRuns: 1, videoRuns: 1, audioRuns: 1, videoMediaId: before.scenes[1].videoMediaId });
    // The stitch re-rendered scene 1's segment and reused scene 2's from the segment cache.
    const [regen, run] = await getDb()
      .select()
      .from(tasks)
      .where(eq(tasks.subject, `project:${p.id}`))
      .orderBy(desc(tasks.createdAt))
      .limit(2);
    expect(regen).toMatchObject({ kind: "scene-regenerate", status: "succeeded" });
    type Stats = { segments: Array<{ hash: string; cached: boolean }> };
    const [was, now] = [(run.result as Stats).segments, (regen.result as Stats).segments];
    expect(now[0].hash).not.toBe(was[0].hash);
    expect(now[1]).toEqual({ hash: was[1].hash, cached: true });
    // The regenerated scene's job rendered its new segment; the stitch only joined.
    expect(now.every((s) => s.cached)).toBe(true);

    expect(second.finalVideoMediaId).not.toBe(first.finalVideoMediaId);
    const [oldBytes, newBytes] = await Promise.all([
      fs.readFile(await mediaPath(first.finalVideoMediaId!)),
      fs.readFile(await mediaPath(second.finalVideoMediaId!)),
    ]);
    expect(newBytes.equals(oldBytes)).toBe(false);
    expect(second.creditsUsed).toBe(cost.totalCredits + sceneCost);
    expect(await getBalance(getDb(), a.workspaceId)).toBe(1000 - cost.totalCredits - sceneCost);
    const videos = await getDb().select().from(generatedVideos).where(eq(generatedVideos.projectId, p.id));
    expect(videos).toHaveLength(1);
    expect(videos[0].mediaId).toBe(second.finalVideoMediaId);

    const { started } = await startUpscale(getDb(), { workspaceId: a.workspaceId, projectId: p.id });
    expect(started).toBe(true);
    expect((await startUpscale(getDb(), { workspaceId: a.workspaceId, projectId: p.id })).started).toBe(false);
    const up = await waitUntil(
      "upscale",
      () => projectRow(p.id),
      (r) => r.upscaleStatus === "completed" || r.upscaleStatus === "failed",
    );
    expect(up.upscaleStatus).toBe("completed");
    const original = await probe(await mediaPath(second.finalVideoMediaId!));
    const upscaled = await probe(await mediaPath(up.upscaledVideoMediaId!));
    const ov = original.streams.find((s) => s.codecType === "video")!;
    const uv = upscaled.streams.find((s) => s.codecType === "video")!;
    expect({ w: uv.width, h: uv.height }).toEqual({ w: ov.width! * 2, h: ov.height! * 2 });
    expect(Math.abs(upscaled.durationMs - original.durationMs)).toBeLessThan(200);
    expect(upscaled.streams.some((s) => s.codecType === "audio")).toBe(true);
    expect(up.finalVideoMediaId).toBe(second.finalVideoMediaId);
  });

  it("keeps the previous version and refunds when a regeneration fails", async () => {
    const a = await makeAccount({ credits: 1000 });
    const c = await makeCharacter(a);
    const p = await makeStory(a, c.id, { idea });
    await expect(
      regenerateScene(getDb(), { workspaceId: a.workspaceId, projectId: p.id, sceneNumber: 1, input: { regenerateImage: true, regenerateVideo: true } }),
    ).rejects.toThrow(/completed project.*\(project is proposed\)/);
    const { cost } = await approveProject(getDb(), { workspaceId: a.workspaceId, projectId: p.id, input: { confirmCredits: true } });
    const done = await completed(p.id);
    const before = await getProject(getDb(), { projectId: p.id, workspaceId: a.workspaceId });

    // Painting a frame needs the character's photo: break it so every attempt fails.
    const photoPath = await mediaPath(c.photoMediaId!);
    await fs.writeFile(photoPath, "this is not an image");
    await regenerateScene(getDb(), {
      workspaceId: a.workspaceId,
      projectId: p.id,
      sceneNumber: 2,
      input: { regenerateImage: true, regenerateVideo: true, updatedImagePrompt: "A different harbour at dawn" },
    });
    const sceneTwo = () =>
      getDb()
        .select()
        .from(scenes)
        .where(and(eq(scenes.projectId, p.id), eq(scenes.sceneNumber, 2)))
        .then((r) => r[0]);
    const restored = await waitUntil("the failed regeneration", sceneTwo, (s) => !!s.errorMessage);
    const project = await completed(p.id);

    expect(restored.errorMessage).toMatch(/Regeneration failed.*previous version was kept/);
    expect(restored).toMatchObject({
      status: "completed",
      imagePrompt: before.scenes[1].imagePrompt,
      imageMediaId: before.scenes[1].imageMediaId,
      videoMediaId: before.scenes[1].videoMediaId,
      previousMedia: null,
    });
    expect(project.finalVideoMediaId).toBe(done.finalVideoMediaId);
    expect(project.creditsUsed).toBe(cost.totalCredits);
    expect(await getBalance(getDb(), a.workspaceId)).toBe(1000 - cost.totalCredits);
    const kinds = await ledgerKinds(`project:${p.id}`);
    expect(kinds.sort()).toEqual(["capture", "refund", "reserve", "reserve"]);
  });

  it("refuses a regeneration the balance cannot cover and changes nothing", async () => {
    const a = await makeAccount({ credits: 1000 });
    const c = await makeCharacter(a);
    const { project: p } = await makeApprovedStory(a, c.id, { idea });
    const done = await completed(p.id);
    await getDb()
      .insert(creditLedger)
      .values({
        workspaceId: a.workspaceId,
        amountHundredths: -(await getBalanceHundredths(getDb(), a.workspaceId)),
        kind: "adjust",
        idempotencyKey: `test:drain:${p.id}`,
      });
    await expect(
      regenerateScene(getDb(), { workspaceId: a.workspaceId, projectId: p.id, sceneNumber: 1, input: { regenerateImage: false, regenerateVideo: true } }),
    ).rejects.toMatchObject({ status: 403 });
    const after = await projectRow(p.id);
    expect(after).toMatchObject({ status: "completed", generation: done.generation, finalVideoMediaId: done.finalVideoMediaId });
    await expect(startUpscale(getDb(), { workspaceId: c.workspaceId, projectId: 999_999 })).rejects.toThrow(/Project not found/);
  });
});
