import fs from "node:fs/promises";
import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { characters } from "@/db/schema/characters";
import { tasks } from "@/db/schema/jobs";
import { media } from "@/db/schema/media";
import { scenes } from "@/db/schema/projects";
import { getBalance } from "@/lib/credits/ledger";
import { probe } from "@/lib/media/ffmpeg";
import { getProject } from "@/lib/projects/queries";
import { approveProject } from "@/lib/projects/service";
import { storage } from "@/lib/storage/local";
import { makeAccount, makeApprovedStory, makeCharacter, makeStory, ledgerKinds } from "@/lib/test/factories";
import { useJobWorker } from "@/lib/test/worker";
import { waitForProject } from "@/lib/test/wait";

useJobWorker();

const idea = "A street chef's night from the first customer to sunrise over the city";

describe("generation pipeline (real worker, real ffmpeg)", () => {
  it("turns an approved project into one captioned MP4 of its shape and captures the credits", async () => {
    const a = await makeAccount({ credits: 1000 });
    const c = await makeCharacter(a);
    const { project: p, cost } = await makeApprovedStory(a, c.id, { idea, aspectRatio: "9:16" });
    const done = await waitForProject(p.id, "completed");
    expect(done.progress).toBe(100);
    expect(done.creditsUsed).toBe(cost.totalCredits);
    expect(await getBalance(getDb(), a.workspaceId)).toBe(1000 - cost.totalCredits);

    const [video] = await getDb().select().from(media).where(eq(media.id, done.finalVideoMediaId!));
    const info = await probe(await storage().localPath(video.storageKey));
    const v = info.streams.find((s) => s.codecType === "video")!;
    const au = info.streams.find((s) => s.codecType === "audio")!;
    // Vertical: VIDEO_WIDTH x VIDEO_HEIGHT (320x180 in tests) turned on its side.
    expect(v).toMatchObject({ codecName: "h264", width: 180, height: 320, pixFmt: "yuv420p" });
    expect(au.codecName).toBe("aac");
    const full = await getProject(getDb(), { projectId: p.id, workspaceId: a.workspaceId });
    const expected = full.scenes.reduce((sum, s) => sum + (s.durationMs ?? 0), 0);
    // Each scene as long as its narration plus a breath: no 10-second floor of silence.
    expect(expected).toBeGreaterThanOrEqual(2 * 3_000);
    expect(Math.abs(info.durationMs - expected)).toBeLessThan(300);
    expect(info.sizeBytes).toBeGreaterThan(10_000);
    // faststart: the moov atom precedes the media data.
    const head = (await fs.readFile(await storage().localPath(video.storageKey))).subarray(0, 64 * 1024).toString("latin1");
    expect(head.indexOf("moov")).toBeGreaterThan(-1);
    expect(head.indexOf("moov")).toBeLessThan(head.indexOf("mdat") === -1 ? Infinity : head.indexOf("mdat"));
    expect(done.thumbnailMediaId).toBeTruthy();
    expect(full.scenes.every((s) => s.imageRuns === 1 && s.audioRuns === 1 && s.videoRuns === 1)).toBe(true);

    // Rendered once: each scene job rendered its segment, and the stitch found every one in the cache.
    const [task] = await getDb()
      .select()
      .from(tasks)
      .where(eq(tasks.subject, `project:${p.id}`))
      .orderBy(desc(tasks.createdAt))
      .limit(1);
    expect(task.result).toMatchObject({ segmentsRendered: 0, segmentsReused: full.scenes.length });
    // Each scene's video is its segment: the frame with its camera move, narration and captions, as long as the scene.
    for (const s of full.scenes) {
      expect(s.cameraMove).toMatch(/^(push-in|pull-out|pan-left|pan-right|tilt-up|tilt-down|static)$/);
      const clip = await probe(await storage().localPath((await getDb().select().from(media).where(eq(media.id, s.videoMediaId!)))[0].storageKey));
      expect(clip.streams.map((x) => x.codecType).sort()).toEqual(["audio", "video"]);
      expect(Math.abs(clip.durationMs - s.durationMs!)).toBeLessThan(100);
    }
  });

  it("refunds a failed run and completes on retry", async () => {
    const a = await makeAccount({ credits: 1000 });
    const c = await makeCharacter(a);
    const p = await makeStory(a, c.id, { idea });
    // Break the character photo on disk so that painting frames fails on every attempt.
    const [photo] = await getDb().select().from(media).where(eq(media.id, c.photoMediaId!));
    const photoPath = await storage().localPath(photo.storageKey);
    const original = await fs.readFile(photoPath);
    await fs.writeFile(photoPath, "this is not an image");

    await approveProject(getDb(), { workspaceId: a.workspaceId, projectId: p.id, input: { confirmCredits: true } });
    const failed = await waitForProject(p.id, "failed");
    expect(failed.errorMessage).toMatch(/failed/i);
    expect(await getBalance(getDb(), a.workspaceId)).toBe(1000);
    const kinds = await ledgerKinds(`project:${p.id}`);
    expect(kinds).toEqual(["reserve", "refund"]);

    await fs.writeFile(photoPath, original);
    const { cost } = await approveProject(getDb(), { workspaceId: a.workspaceId, projectId: p.id, input: { confirmCredits: true }, retry: true });
    await waitForProject(p.id, "completed");
    expect(await getBalance(getDb(), a.workspaceId)).toBe(1000 - cost.totalCredits);
    const rows = await getDb().select().from(scenes).where(eq(scenes.projectId, p.id));
    expect(rows.every((s) => s.status === "completed")).toBe(true);
    const [char] = await getDb().select().from(characters).where(eq(characters.id, c.id));
    expect(char.photoMediaId).toBe(photo.id);
  });
});
