import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { tasks } from "@/db/schema/jobs";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema/webhooks";
import { generatedVideos } from "@/db/schema/videos";
import { getBalance } from "@/lib/credits/ledger";
import { makeAccount, makeApprovedStory, makeCharacter, ledgerKinds } from "@/lib/test/factories";
import { useJobWorker } from "@/lib/test/worker";
import { waitForProject } from "@/lib/test/wait";
import { projectCaptionCues } from "./caption-cues";
import { recaptionProject } from "./captions";
import { getProject } from "./queries";

useJobWorker();

describe("editing a finished story's captions (real worker, real ffmpeg)", () => {
  it("re-burns only the edited scene's segment, replaces the video in place and costs nothing", async () => {
    const a = await makeAccount({ credits: 1000 });
    const c = await makeCharacter(a);
    await getDb().insert(webhookEndpoints).values({ workspaceId: a.workspaceId, url: "http://127.0.0.1:9/hooks", secret: "whsec_test" });
    const { project: p } = await makeApprovedStory(a, c.id, { idea: "A lighthouse keeper's last night before the lamp is automated" });
    const first = await waitForProject(p.id, "completed");
    const before = await getProject(getDb(), { projectId: p.id, workspaceId: a.workspaceId });
    const balance = await getBalance(getDb(), a.workspaceId);
    const ledger = await ledgerKinds(`project:${p.id}`);
    const cues = projectCaptionCues(before.scenes);
    const target = cues.find((q) => q.sceneNumber === 2)!;
    const workspaceId = a.workspaceId;

    // A cue that does not exist, or a bad wording, is refused and names the cue.
    await expect(
      recaptionProject(getDb(), { workspaceId, projectId: p.id, input: { edits: [{ sceneId: target.sceneId, cue: 99, text: "x" }] } }),
    ).rejects.toThrow(/no caption 100/);
    const n = cues.indexOf(target) + 1;
    await expect(
      recaptionProject(getDb(), { workspaceId, projectId: p.id, input: { edits: [{ sceneId: target.sceneId, cue: target.cue, text: "x".repeat(201) }] } }),
    ).rejects.toThrow(new RegExp(`Cue ${n} must be at most 200 characters`));
    // Unchanged wording starts nothing.
    expect(
      await recaptionProject(getDb(), { workspaceId, projectId: p.id, input: { edits: [{ sceneId: target.sceneId, cue: target.cue, text: target.text }] } }),
    ).toEqual({ sceneNumbers: [], taskId: null });

    const res = await recaptionProject(getDb(), {
      workspaceId,
      projectId: p.id,
      input: { edits: [{ sceneId: target.sceneId, cue: target.cue, text: "  The lamp keeps its own watch now.  " }] },
    });
    expect(res.sceneNumbers).toEqual([2]);
    const second = await waitForProject(p.id, "completed");

    const [recaption, run] = await getDb()
      .select()
      .from(tasks)
      .where(eq(tasks.subject, `project:${p.id}`))
      .orderBy(desc(tasks.createdAt))
      .limit(2);
    expect(recaption).toMatchObject({ kind: "project-recaption", status: "succeeded" });
    type Stats = { segments: Array<{ hash: string; cached: boolean }> };
    const [was, now] = [(run.result as Stats).segments, (recaption.result as Stats).segments];
    expect(now.map((s, i) => s.hash !== was[i].hash)).toEqual(was.map((_, i) => i === 1));
    expect(now.map((s) => s.cached)).toEqual(was.map((_, i) => i !== 1));

    const after = await getProject(getDb(), { projectId: p.id, workspaceId });
    expect(after.scenes[1].captionEdits).toEqual({ [String(target.cue)]: "The lamp keeps its own watch now." });
    expect(after.scenes[1].videoMediaId).not.toBe(before.scenes[1].videoMediaId);
    expect(after.scenes[0].videoMediaId).toBe(before.scenes[0].videoMediaId);
    expect(second.finalVideoMediaId).not.toBe(first.finalVideoMediaId);
    expect(second.captionsMediaId).not.toBe(first.captionsMediaId);
    const [video] = await getDb().select().from(generatedVideos).where(eq(generatedVideos.projectId, p.id));
    expect(video.mediaId).toBe(second.finalVideoMediaId);
    expect(video.narration?.map((q) => q.text)).toContain("The lamp keeps its own watch now.");

    // New captions on the same cut: the project completed once, as far as a webhook says.
    const events = await getDb()
      .select({ event: webhookDeliveries.event })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.workspaceId, workspaceId), eq(webhookDeliveries.subject, `project:${p.id}`)));
    expect(events.map((e) => e.event)).toEqual(["project.completed"]);

    // Free: the balance, the credits used and the ledger are as they were.
    expect(await getBalance(getDb(), workspaceId)).toBe(balance);
    expect(second.creditsUsed).toBe(first.creditsUsed);
    expect(await ledgerKinds(`project:${p.id}`)).toEqual(ledger);
  });
});
