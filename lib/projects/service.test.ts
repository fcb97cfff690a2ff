import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { projects, scenes } from "@/db/schema/projects";
import { tasks } from "@/db/schema/jobs";
import { getBalance } from "@/lib/credits/ledger";
import { stopBoss } from "@/lib/jobs/boss";
import { makeAccount, makeCharacter } from "@/lib/test/factories";
import { createStoryInput } from "@/lib/validation/projects";
import { estimateCost } from "./cost";
import { getProject } from "./queries";
import { approveProject, createStoryProject, reorderScenes, updateScene } from "./service";

beforeAll(async () => {
  // Generation jobs are enqueued but no worker runs in this file: approval is what is tested.
});
afterAll(async () => {
  await stopBoss();
  await closeDb();
});

const idea = "A startup founder's journey from idea to product launch";

describe("story projects", () => {
  it("proposes the requested number of scenes for the idea", async () => {
    const a = await makeAccount();
    const c = await makeCharacter(a);
    const p = await createStoryProject(getDb(), a, { characterId: c.id, storyIdea: idea, numScenes: 4, useAvatarFirstScene: false, useAvatarLastScene: false });
    expect(p.status).toBe("proposed");
    expect(p.scenes.map((s) => s.sceneNumber)).toEqual([1, 2, 3, 4]);
    for (const s of p.scenes) {
      expect(s.description.length).toBeGreaterThan(5);
      expect(s.narrationText.length).toBeGreaterThan(5);
      expect(s.status).toBe("pending");
    }
  });

  it("rejects a too-short idea and 11 scenes with messages in the domain's words (each dialect names its own fields)", () => {
    const short = createStoryInput.safeParse({ characterId: 1, storyIdea: "short" });
    expect(short.success).toBe(false);
    expect(short.error!.issues[0].message).toMatch(/story idea must be at least 10/);
    const empty = createStoryInput.safeParse({ characterId: 1, storyIdea: "   " });
    expect(empty.error!.issues[0].message).toMatch(/story idea/);
    const eleven = createStoryInput.safeParse({ characterId: 1, storyIdea: idea, numScenes: 11 });
    expect(eleven.error!.issues[0].message).toMatch(/at most 10 scenes/);
  });

  it("does not let one workspace touch another's character or project", async () => {
    const a = await makeAccount();
    const b = await makeAccount();
    const c = await makeCharacter(a);
    await expect(
      createStoryProject(getDb(), b, { characterId: c.id, storyIdea: idea, numScenes: 2, useAvatarFirstScene: false, useAvatarLastScene: false }),
    ).rejects.toMatchObject({ status: 404 });
    const p = await createStoryProject(getDb(), a, { characterId: c.id, storyIdea: idea, numScenes: 2, useAvatarFirstScene: false, useAvatarLastScene: false });
    await expect(getProject(getDb(), { projectId: p.id, workspaceId: b.workspaceId })).rejects.toMatchObject({ status: 404 });
    await expect(
      updateScene(getDb(), { workspaceId: b.workspaceId, projectId: p.id, sceneId: p.scenes[0].id, patch: { description: "x y z" } }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it("edits and reorders scenes before approval only", async () => {
    const a = await makeAccount();
    const c = await makeCharacter(a);
    const p = await createStoryProject(getDb(), a, { characterId: c.id, storyIdea: idea, numScenes: 3, useAvatarFirstScene: false, useAvatarLastScene: false });
    await updateScene(getDb(), { workspaceId: a.workspaceId, projectId: p.id, sceneId: p.scenes[1].id, patch: { narrationText: "A new line of narration." } });
    const [first, second, third] = p.scenes.map((s) => s.id);
    const reordered = await reorderScenes(getDb(), { workspaceId: a.workspaceId, projectId: p.id, sceneIds: [third, first, second] });
    expect(reordered.scenes.map((s) => s.id)).toEqual([third, first, second]);
    expect(reordered.scenes[2].narrationText).toBe("A new line of narration.");
    await expect(reorderScenes(getDb(), { workspaceId: a.workspaceId, projectId: p.id, sceneIds: [first, second] })).rejects.toMatchObject({ status: 400 });

    await approveProject(getDb(), { workspaceId: a.workspaceId, projectId: p.id, input: { confirmCredits: true } });
    await expect(
      updateScene(getDb(), { workspaceId: a.workspaceId, projectId: p.id, sceneId: first, patch: { description: "too late" } }),
    ).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/before approval/) });
  });
});

describe("approval", () => {
  async function proposed(credits: number, numScenes = 2) {
    const a = await makeAccount({ credits });
    const c = await makeCharacter(a);
    const p = await createStoryProject(getDb(), a, { characterId: c.id, storyIdea: idea, numScenes, useAvatarFirstScene: false, useAvatarLastScene: false });
    return { a, p, cost: estimateCost(p.scenes).totalCredits };
  }

  it("reserves the quoted cost, moves to generating and queues one task", async () => {
    const { a, p, cost } = await proposed(5000);
    // Two scenes of at least 3 s each, at 10 credits a second.
    expect(cost).toBeGreaterThanOrEqual(60);
    const res = await approveProject(getDb(), { workspaceId: a.workspaceId, projectId: p.id, input: { confirmCredits: true } });
    expect(res.cost.totalCredits).toBe(cost);
    expect(await getBalance(getDb(), a.workspaceId)).toBe(5000 - cost);
    const [row] = await getDb().select().from(projects).where(eq(projects.id, p.id));
    expect(row).toMatchObject({ status: "generating", generation: 1, creditsReserved: cost });
    const t = await getDb()
      .select()
      .from(tasks)
      .where(eq(tasks.subject, `project:${p.id}`));
    expect(t).toHaveLength(1);
  });

  it("charges once when approved twice at the same moment", async () => {
    const { a, p, cost } = await proposed(5000);
    const results = await Promise.allSettled(
      [1, 2].map(() => approveProject(getDb(), { workspaceId: a.workspaceId, projectId: p.id, input: { confirmCredits: true } })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ status: 400, message: expect.stringMatching(/not in proposed state/) });
    expect(await getBalance(getDb(), a.workspaceId)).toBe(5000 - cost);
    const t = await getDb()
      .select()
      .from(tasks)
      .where(eq(tasks.subject, `project:${p.id}`));
    expect(t).toHaveLength(1);
  });

  it("refuses with too few credits and changes nothing", async () => {
    const { a, p } = await proposed(50);
    await expect(approveProject(getDb(), { workspaceId: a.workspaceId, projectId: p.id, input: { confirmCredits: true } })).rejects.toMatchObject({
      status: 403,
      message: expect.stringMatching(/Insufficient credits/),
    });
    expect(await getBalance(getDb(), a.workspaceId)).toBe(50);
    const [row] = await getDb().select().from(projects).where(eq(projects.id, p.id));
    expect(row).toMatchObject({ status: "proposed", generation: 0 });
    expect(
      await getDb()
        .select()
        .from(tasks)
        .where(eq(tasks.subject, `project:${p.id}`)),
    ).toHaveLength(0);
    const sceneRows = await getDb().select().from(scenes).where(eq(scenes.projectId, p.id));
    expect(sceneRows.every((s) => s.status === "pending")).toBe(true);
  });

  it("prices a scene by its length (narration plus a breath, at least 3 s, or the creator's hold) at 100 credits per 10 s", () => {
    const short = estimateCost([{ sceneNumber: 1, narrationText: "Short line." }]);
    expect(short.totalCredits).toBe(30);
    expect(estimateCost([{ sceneNumber: 1, narrationText: "Short line.", holdMs: 10_000 }]).totalCredits).toBe(100);
    const long = estimateCost([{ sceneNumber: 1, narrationText: Array.from({ length: 60 }, () => "word").join(" ") + "." }]);
    expect(long.scenes[0].seconds).toBeGreaterThan(10);
    expect(long.totalCredits).toBe(long.scenes[0].seconds * 10);
  });
});
