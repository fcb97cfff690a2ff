import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { projects } from "@/db/schema/projects";
import { posts } from "@/db/schema/social";
import { stopBoss } from "@/lib/jobs/boss";
import { makeAccount, makeFinishedVideo } from "@/lib/test/factories";
import { firstRunPath, loadFirstRunState, type FirstRunState } from "./path";
import { ensureSampleCharacter, paintSamplePortrait, SAMPLE_CHARACTER, startSampleStory } from "./sample";

afterAll(async () => {
  await stopBoss();
  await closeDb();
});

const empty: FirstRunState = { characters: 0, stories: 0, approved: 0, videos: 0, posts: 0, proposedProjectId: null, videoProjectId: null };

describe("firstRunPath", () => {
  it("starts at the character and links each step to where it is done", () => {
    const { steps, complete, next } = firstRunPath(empty);
    expect(steps.map((s) => [s.id, s.done, s.href])).toEqual([
      ["character", false, "/characters/new"],
      ["story", false, "/projects/new"],
      ["approve", false, "/projects"],
      ["video", false, "/videos"],
      ["schedule", false, "/calendar"],
    ]);
    expect(complete).toBe(false);
    expect(next).toBe("character");
  });

  it("points approve at the proposed story and video at the story that has one", () => {
    const { steps, next } = firstRunPath({ ...empty, characters: 1, stories: 1, proposedProjectId: 7 });
    expect(next).toBe("approve");
    expect(steps.find((s) => s.id === "approve")?.href).toBe("/projects/7");
    const later = firstRunPath({ ...empty, characters: 1, stories: 1, approved: 1, videos: 1, videoProjectId: 9 });
    expect(later.next).toBe("schedule");
    expect(later.steps.find((s) => s.id === "video")?.href).toBe("/projects/9");
  });

  it("is complete once every step is done", () => {
    expect(firstRunPath({ ...empty, characters: 2, stories: 1, approved: 1, videos: 3, posts: 1 })).toMatchObject({ complete: true, next: null });
  });
});

describe("the sample path, from a new workspace's rows", () => {
  it("paints a square portrait offline", async () => {
    const meta = await sharp(await paintSamplePortrait()).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 768, 768]);
  });

  it("makes the sample character once, with a photo and the offline voice, and a proposed story of the idea", async () => {
    const a = await makeAccount({ credits: 1000 });
    const db = getDb();
    expect(firstRunPath(await loadFirstRunState(db, a.workspaceId)).next).toBe("character");

    const project = await startSampleStory(db, a);
    const again = await ensureSampleCharacter(db, a);
    expect(again.id).toBe(project.characterId);
    expect(again).toMatchObject({ name: SAMPLE_CHARACTER.name, voiceId: "local-en-us-slt" });
    expect(again.photoMediaId).not.toBeNull();
    expect(project.status).toBe("proposed");

    let state = await loadFirstRunState(db, a.workspaceId);
    expect(state).toMatchObject({ characters: 1, stories: 1, approved: 0, proposedProjectId: project.id });
    expect(firstRunPath(state).next).toBe("approve");

    await db.update(projects).set({ status: "completed", approvedAt: new Date() }).where(eq(projects.id, project.id));
    const video = await makeFinishedVideo(a);
    state = await loadFirstRunState(db, a.workspaceId);
    expect(state).toMatchObject({ approved: 1, videos: 1, proposedProjectId: null });
    expect(firstRunPath(state).next).toBe("schedule");

    await db.insert(posts).values({ workspaceId: a.workspaceId, characterId: again.id, title: "First post", videoId: video.id, scheduledAt: new Date() });
    expect(firstRunPath(await loadFirstRunState(db, a.workspaceId)).complete).toBe(true);
  });

  it("counts nothing of another workspace", async () => {
    const b = await makeAccount();
    expect(await loadFirstRunState(getDb(), b.workspaceId)).toEqual(empty);
  });
});
