import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { characters } from "@/db/schema/characters";
import { media } from "@/db/schema/media";
import { personOut } from "@/lib/api/twin-actor/mappers";
import { handleVoiceClone, VOICE_CLONE_FAILED } from "@/lib/jobs/handlers/voice-clone";
import { startWorker, type RunningWorker } from "@/lib/jobs/worker";
import { approveProject, createStoryProject } from "@/lib/projects/service";
import { getProject } from "@/lib/projects/queries";
import { estimatePitch } from "@/lib/providers/voice-clone/analysis";
import { ANALYSIS_SAMPLE_RATE, decodeSample } from "@/lib/providers/voice-clone/local";
import { storage } from "@/lib/storage/local";
import { espeakWav, lavfiAudio, SAMPLE_TEXT } from "@/lib/test/audio";
import { makeAccount, makeCharacter } from "@/lib/test/factories";
import { waitForIdleJobs, waitForProject, waitUntil } from "@/lib/test/wait";
import { voiceCloneJob } from "@/lib/jobs/definitions";
import { getCharacter } from "./service";
import { retryVoiceClone, startVoiceClone } from "./voice";
import { inspectVoiceSample } from "./voice-sample";
import { narrationVoice } from "./voice-view";

let worker: RunningWorker;
let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "voice-clone-it-"));
  worker = await startWorker();
});
afterAll(async () => {
  await worker.stop();
  await closeDb();
  await fs.rm(dir, { recursive: true, force: true });
});

const row = async (id: number) => {
  const [c] = await getDb().select().from(characters).where(eq(characters.id, id));
  return getCharacter(getDb(), { characterId: id, workspaceId: c.workspaceId });
};

function waitForVoice(id: number, status: "ready" | "failed", timeoutMs = 60_000) {
  return waitUntil(
    `voice of ${id} to be ${status}`,
    () => row(id),
    (c) => {
      if (c.voiceStatus !== status && c.voiceStatus !== "processing") throw new Error(`voice became ${c.voiceStatus} (${c.voiceError}) instead of ${status}`);
      return c.voiceStatus === status;
    },
    timeoutMs,
  );
}

async function clone(account: { workspaceId: string }, characterId: number, file: string) {
  const sample = await inspectVoiceSample(file, (await fs.stat(file)).size);
  return startVoiceClone(getDb(), { workspaceId: account.workspaceId, characterId, sample: { ...sample, path: file }, requested: "elevenlabs" });
}

describe("voice cloning (real worker, Postgres, ffmpeg, espeak-ng)", () => {
  it("turns a sample into a ready voice profile that narration uses", async () => {
    const a = await makeAccount();
    const c = await makeCharacter(a);
    expect(personOut(new Request("http://test.local"), c)).toMatchObject({ has_voice: false, voice_status: "none" });
    const file = await espeakWav(path.join(dir, "high.wav"), SAMPLE_TEXT, ["-v", "en-us+f3", "-p", "60", "-s", "150"]);

    const started = await clone(a, c.id, file);
    // No ElevenLabs adapter is configured: the local profiler does the work and says so.
    expect(started).toEqual({ characterId: c.id, provider: "local", requestedProvider: "elevenlabs" });
    const processing = await row(c.id);
    expect(["processing", "ready"]).toContain(processing.voiceStatus);

    const ready = await waitForVoice(c.id, "ready");
    expect(ready.voiceProvider).toBe("local");
    expect(ready.voiceError).toBeNull();
    expect(ready.voice).toMatchObject({ engineVoice: "en-us+f3" });
    expect(ready.voice!.pitch).toBeGreaterThanOrEqual(0);
    expect(ready.voice!.pitch).toBeLessThanOrEqual(99);
    expect(Math.abs(ready.voice!.rate! - 150)).toBeLessThan(30);
    expect(ready.voice!.measured!.f0Hz).toBeGreaterThan(175);
    expect(narrationVoice(ready)).toEqual({ engineVoice: "en-us+f3", pitch: ready.voice!.pitch, rate: ready.voice!.rate });
    expect(personOut(new Request("http://test.local"), ready)).toMatchObject({ has_voice: true, voice_status: "ready", voice_error: null });

    const [sample] = await getDb().select().from(media).where(eq(media.id, ready.voiceSampleMediaId!));
    expect(sample).toMatchObject({ workspaceId: a.workspaceId, kind: "audio", mime: "audio/wav" });
    expect(Math.abs(sample.durationMs! - 11_500)).toBeLessThan(3_000);
    await fs.access(await storage().localPath(sample.storageKey));

    // Redelivery of the finished job changes nothing.
    await handleVoiceClone(getDb(), { characterId: c.id, workspaceId: a.workspaceId, sampleMediaId: sample.id, provider: "local" });
    expect((await row(c.id)).updatedAt).toEqual(ready.updatedAt);
  });

  it("fails at once, with the reason, when the sample holds no speech", async () => {
    const a = await makeAccount();
    const c = await makeCharacter(a);
    const file = await lavfiAudio(path.join(dir, "silence.wav"), "anullsrc=r=16000:cl=mono", ["-t", "5"]);
    await clone(a, c.id, file);
    const failed = await waitForVoice(c.id, "failed", 20_000);
    expect(failed.voiceError).toMatch(/No voice could be heard/);
    expect(failed.voice).toBeNull();
    expect(personOut(new Request("http://test.local"), failed)).toMatchObject({ has_voice: false, voice_status: "failed", voice_error: failed.voiceError });
    // Another workspace cannot even see it.
    await expect(retryVoiceClone(getDb(), { workspaceId: (await makeAccount()).workspaceId, characterId: c.id })).rejects.toThrow(/not found/);
  });

  it("marks a broken stored sample failed after the last attempt, and a retry succeeds once it is repaired", async () => {
    const a = await makeAccount();
    const c = await makeCharacter(a);
    const good = await espeakWav(path.join(dir, "low.wav"), SAMPLE_TEXT, ["-p", "20"]);
    const original = await fs.readFile(good);
    // The upload check passes; then the stored file is damaged before the job reads it.
    const sample = await inspectVoiceSample(good, original.length);
    await worker.stop();
    await startVoiceClone(getDb(), { workspaceId: a.workspaceId, characterId: c.id, sample: { ...sample, path: good }, requested: "local" });
    const queued = await row(c.id);
    const [stored] = await getDb().select().from(media).where(eq(media.id, queued.voiceSampleMediaId!));
    const storedPath = await storage().localPath(stored.storageKey);
    await fs.writeFile(storedPath, "not audio any more");
    worker = await startWorker();

    const failed = await waitForVoice(c.id, "failed", 60_000);
    expect(failed.voiceError).toBe(VOICE_CLONE_FAILED);
    expect(failed.voiceError).not.toMatch(/ffmpeg|exited|\//);

    await fs.writeFile(storedPath, original);
    await retryVoiceClone(getDb(), { workspaceId: a.workspaceId, characterId: c.id });
    await expect(retryVoiceClone(getDb(), { workspaceId: a.workspaceId, characterId: c.id })).rejects.toThrow(/already being cloned/);
    const ready = await waitForVoice(c.id, "ready");
    expect(ready.voice).toMatchObject({ engineVoice: "en-us" });
    expect(ready.voice!.pitch!).toBeLessThan(40);
  });

  it("a newer sample wins over one still queued", async () => {
    const a = await makeAccount();
    const c = await makeCharacter(a);
    const low = await espeakWav(path.join(dir, "first.wav"), SAMPLE_TEXT, ["-p", "10"]);
    const high = await espeakWav(path.join(dir, "second.wav"), SAMPLE_TEXT, ["-v", "en-us+f3", "-p", "80"]);
    await worker.stop();
    await clone(a, c.id, low);
    await clone(a, c.id, high);
    worker = await startWorker();
    const ready = await waitForVoice(c.id, "ready");
    expect(ready.voice!.engineVoice).toBe("en-us+f3");
    // Let the first job run too: it must not overwrite the newer voice.
    await waitForIdleJobs(voiceCloneJob.name);
    expect((await row(c.id)).voice).toEqual(ready.voice);
  });

  it("narrates a story in the ready voice, and in the default narrator's when the voice is not ready", async () => {
    const a = await makeAccount({ credits: 1000 });
    const cloned = await makeCharacter(a, false);
    await clone(a, cloned.id, await espeakWav(path.join(dir, "narrator.wav"), SAMPLE_TEXT, ["-v", "en-us+f3", "-p", "75"]));
    const ready = await waitForVoice(cloned.id, "ready");
    // A profile left from an earlier sample must not narrate while the voice is failed.
    const stale = await makeCharacter(a, false);
    await getDb().update(characters).set({ voice: ready.voice, voiceStatus: "failed" }).where(eq(characters.id, stale.id));

    const narrationF0 = async (characterId: number) => {
      const p = await createStoryProject(getDb(), a, {
        characterId,
        storyIdea: "A baker opens her shop before dawn and greets the street",
        numScenes: 2,
        useAvatarFirstScene: false,
        useAvatarLastScene: false,
      });
      await approveProject(getDb(), { workspaceId: a.workspaceId, projectId: p.id, input: { confirmCredits: true } });
      await waitForProject(p.id, "completed");
      const scene = (await getProject(getDb(), { projectId: p.id, workspaceId: a.workspaceId })).scenes[0];
      const [audio] = await getDb().select().from(media).where(eq(media.id, scene.audioMediaId!));
      const samples = await decodeSample(await storage().localPath(audio.storageKey), dir);
      return estimatePitch(samples, ANALYSIS_SAMPLE_RATE).medianHz!;
    };
    const sampleF0 = ready.voice!.measured!.f0Hz;
    const [withVoice, withDefault] = [await narrationF0(cloned.id), await narrationF0(stale.id)];
    expect(Math.abs(withVoice - sampleF0) / sampleF0).toBeLessThan(0.1);
    // espeak-ng's default en-us narrator sits near 100 Hz.
    expect(withDefault).toBeGreaterThan(85);
    expect(withDefault).toBeLessThan(125);
  }, 400_000);
});
