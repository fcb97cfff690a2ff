import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { media } from "@/db/schema/media";
import { providerJobs } from "@/db/schema/providers";
import { probe } from "@/lib/media/ffmpeg";
import { getProject } from "@/lib/projects/queries";
import { startUpscale } from "@/lib/projects/upscale";
import { storage } from "@/lib/storage/local";
import { makeAccount, makeApprovedStory, makeCharacter } from "@/lib/test/factories";
import { waitForProject, waitUntil } from "@/lib/test/wait";
import { useJobWorker } from "@/lib/test/worker";
import { fakeElevenLabsEnv, startFakeElevenLabs, type FakeElevenLabs } from "./fakes/elevenlabs";
import { fakeFalEnv, startFakeFal, type FakeFal } from "./fakes/fal";
import { fakeOpenAIEnv, startFakeOpenAI, type FakeOpenAI } from "./fakes/openai";
import { startFakeReplicate, type FakeReplicate } from "./fakes/replicate";

/**
 * One story made end to end with every capability at a vendor: the scenes written by a chat model
 * (the OpenAI-compatible fake), frames painted and animated on fal (FLUX, Kling), the narration
 * spoken by ElevenLabs, the finished video upscaled on Replicate; each through the real adapter,
 * the real worker and the real renderer, against fake servers that speak the vendors' APIs.
 */

useJobWorker();

let openai: FakeOpenAI;
let fal: FakeFal;
let eleven: FakeElevenLabs;
let replicate: FakeReplicate;
const saved: Record<string, string | undefined> = {};

function setEnv(vars: Record<string, string>) {
  for (const [k, v] of Object.entries(vars)) {
    if (!(k in saved)) saved[k] = process.env[k];
    process.env[k] = v;
  }
}

beforeAll(async () => {
  [openai, fal, eleven, replicate] = await Promise.all([
    startFakeOpenAI({ apiKey: "sk-test" }),
    startFakeFal({ key: "fal-test" }),
    startFakeElevenLabs({ apiKey: "xi-test" }),
    startFakeReplicate({ token: "r8-test" }),
  ]);
  setEnv({
    STORY_WRITER: "openai",
    IMAGE_PROVIDER: "fal",
    MOTION_PROVIDER: "fal",
    SPEECH_PROVIDER: "elevenlabs",
    UPSCALE_PROVIDER: "replicate",
    ...fakeOpenAIEnv(openai, "sk-test"),
    ...fakeFalEnv(fal, "fal-test"),
    ...fakeElevenLabsEnv(eleven, "xi-test"),
    REPLICATE_BASE_URL: replicate.url,
    REPLICATE_API_TOKEN: "r8-test",
    REPLICATE_POLL_MS: "5",
  });
});

afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await Promise.all([openai?.close(), fal?.close(), eleven?.close(), replicate?.close()]);
});

describe("a story with every capability at a vendor", () => {
  it("is written, painted, animated, narrated, stitched and upscaled by the vendors, each job recorded once", async () => {
    const a = await makeAccount({ credits: 1000 });
    const c = await makeCharacter(a);
    const idea = "A ferry crossing to Lisbon at golden hour, with a grandmother's old postcard";
    const { project } = await makeApprovedStory(a, c.id, { idea, numScenes: 2, aspectRatio: "16:9" });

    // The chat model wrote the scenes, with the character's persona in its prompt.
    const chat = openai.requests.filter((r) => r.path.endsWith("/chat/completions"));
    expect(chat).toHaveLength(1);
    expect(JSON.stringify(chat[0].body.messages)).toContain("Optimistic and direct");

    const done = await waitForProject(project.id, "completed");
    const full = await getProject(getDb(), { projectId: project.id, workspaceId: a.workspaceId });
    expect(full.scenes.some((s) => /Lisbon/.test(`${s.description} ${s.imagePrompt} ${s.narrationText}`))).toBe(true);

    // One FLUX frame and one Kling clip a scene on fal; the still sent to Kling was at least 300 px a side.
    expect(fal.inputs.map((i) => i.model).sort()).toEqual([
      "fal-ai/flux/dev",
      "fal-ai/flux/dev",
      "fal-ai/kling-video/v2.6/pro/image-to-video",
      "fal-ai/kling-video/v2.6/pro/image-to-video",
    ]);
    expect(fal.submits).toBe(4);
    expect(eleven.counts.speech).toBe(2);
    for (const s of full.scenes) {
      expect(s.cameraMove).toBe("kling-2.6-pro");
      expect(s.motionClipMediaId).toBeTruthy();
    }

    // Each vendor call is one provider job, succeeded, under its scene.
    const jobs = await getDb().select().from(providerJobs).where(eq(providerJobs.workspaceId, a.workspaceId));
    const bySubject = Object.fromEntries(jobs.map((j) => [`${j.subject}`, j]));
    for (const s of full.scenes) {
      for (const what of ["image", "motion", "narration"]) {
        expect(bySubject[`scene:${s.id}:${what}`], `scene ${s.sceneNumber} ${what}`).toMatchObject({ status: "succeeded", submits: 1 });
      }
    }
    expect(bySubject[`scene:${full.scenes[0].id}:image`].vendor).toMatch(/fal/i);

    // The final video: the vendors' clips and narration, rendered at the project's size.
    const [final] = await getDb().select().from(media).where(eq(media.id, done.finalVideoMediaId!));
    const info = await probe(await storage().localPath(final.storageKey));
    expect(info.streams.find((x) => x.codecType === "video")).toMatchObject({ width: 320, height: 180 });
    expect(info.streams.some((x) => x.codecType === "audio")).toBe(true);

    // Upscaled on Replicate: one prediction, the result twice the size.
    await startUpscale(getDb(), { workspaceId: a.workspaceId, projectId: project.id });
    const upscaled = await waitUntil(
      "the upscale",
      () => getProject(getDb(), { projectId: project.id, workspaceId: a.workspaceId }),
      (p) => p.upscaleStatus === "completed" || p.upscaleStatus === "failed",
    );
    expect(upscaled.upscaleStatus).toBe("completed");
    expect(replicate.state.submits).toBe(1);
    const [big] = await getDb()
      .select()
      .from(media)
      .where(and(eq(media.id, upscaled.upscaledVideoMediaId!), eq(media.workspaceId, a.workspaceId)));
    const bigInfo = await probe(await storage().localPath(big.storageKey));
    expect(bigInfo.streams.find((x) => x.codecType === "video")).toMatchObject({ width: 640, height: 360 });
  });
});
