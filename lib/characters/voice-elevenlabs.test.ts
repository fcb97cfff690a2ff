import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { characters } from "@/db/schema/characters";
import { stopBoss } from "@/lib/jobs/boss";
import { handleVoiceClone } from "@/lib/jobs/handlers/voice-clone";
import { fakeElevenLabsEnv, startFakeElevenLabs, type FakeElevenLabs } from "@/lib/providers/fakes/elevenlabs";
import { saveProviderSetting } from "@/lib/providers/settings-store";
import { latestTask, subjects } from "@/lib/tasks/service";
import { espeakWav, SAMPLE_TEXT } from "@/lib/test/audio";
import { makeAccount, makeCharacter } from "@/lib/test/factories";
import { providerSettingInput } from "@/lib/validation/provider-settings";
import { startVoiceClone } from "./voice";
import { inspectVoiceSample } from "./voice-sample";
import { narrationVoice } from "./voice-view";

let fake: FakeElevenLabs;
let dir: string;
const saved = { ...process.env };
beforeAll(async () => {
  fake = await startFakeElevenLabs({ apiKey: "xi-job" });
  Object.assign(process.env, fakeElevenLabsEnv(fake, "xi-job"));
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "voice-elevenlabs-"));
});
afterAll(async () => {
  process.env = saved;
  await stopBoss();
  await fake.close();
  await closeDb();
  await fs.rm(dir, { recursive: true, force: true });
});

describe("a voice clone asked of ElevenLabs, with its key set", () => {
  it("clones there in the job, and narration speaks the character's ElevenLabs voice from then on", async () => {
    const a = await makeAccount();
    const c = await makeCharacter(a);
    const file = await espeakWav(path.join(dir, "sample.wav"), SAMPLE_TEXT, ["-p", "45"]);
    const sample = await inspectVoiceSample(file, (await fs.stat(file)).size);
    const started = await startVoiceClone(getDb(), {
      workspaceId: a.workspaceId,
      characterId: c.id,
      sample: { ...sample, path: file },
      requested: "elevenlabs",
    });
    expect(started).toEqual({ characterId: c.id, provider: "elevenlabs", requestedProvider: "elevenlabs" });

    const [queued] = await getDb().select().from(characters).where(eq(characters.id, c.id));
    const job = { characterId: c.id, workspaceId: a.workspaceId, sampleMediaId: queued.voiceSampleMediaId!, provider: "elevenlabs" as const };
    await handleVoiceClone(getDb(), job);
    const [ready] = await getDb().select().from(characters).where(eq(characters.id, c.id));
    expect(ready).toMatchObject({ voiceStatus: "ready", voiceProvider: "elevenlabs", voice: { provider: "elevenlabs", voiceId: "clonedVoice00000001" } });
    expect(ready.voice?.measured?.f0Hz).toBeGreaterThan(0);
    expect(narrationVoice(ready)).toEqual({ provider: "elevenlabs", voiceId: "clonedVoice00000001" });
    expect(fake.requests.map((r) => [r.path, r.body.name])).toEqual([["/v1/voices/add", c.name]]);
    const task = await latestTask(getDb(), subjects.voice(c.id));
    expect(task).toMatchObject({ status: "succeeded", result: { engineVoice: null, voiceId: "clonedVoice00000001" } });

    // A redelivered job finds the voice settled and asks ElevenLabs nothing.
    await handleVoiceClone(getDb(), job);
    expect(fake.counts.adds).toBe(1);
  });

  it("makes the voice locally when ElevenLabs refuses the workspace's key and its fallback is on, and says so", async () => {
    const a = await makeAccount();
    const c = await makeCharacter(a);
    await saveProviderSetting(
      getDb(),
      a,
      providerSettingInput.parse({ capability: "voice-clone", providerId: "elevenlabs", apiKey: "xi-revoked", fallbackToOffline: true }),
    );
    const file = await espeakWav(path.join(dir, "sample-2.wav"), SAMPLE_TEXT, ["-p", "45"]);
    const sample = await inspectVoiceSample(file, (await fs.stat(file)).size);
    await startVoiceClone(getDb(), { workspaceId: a.workspaceId, characterId: c.id, sample: { ...sample, path: file }, requested: "elevenlabs" });
    const [queued] = await getDb().select().from(characters).where(eq(characters.id, c.id));
    await handleVoiceClone(getDb(), { characterId: c.id, workspaceId: a.workspaceId, sampleMediaId: queued.voiceSampleMediaId!, provider: "elevenlabs" });

    expect(fake.requests.at(-1)).toMatchObject({ path: "/v1/voices/add", key: "xi-revoked" });
    const [ready] = await getDb().select().from(characters).where(eq(characters.id, c.id));
    expect(ready).toMatchObject({ voiceStatus: "ready", voiceProvider: "local", voice: { engineVoice: "en-us" } });
    expect(ready.voice?.voiceId, "no ElevenLabs voice").toBeUndefined();
    const task = await latestTask(getDb(), subjects.voice(c.id));
    expect(task).toMatchObject({
      status: "succeeded",
      result: { offlineNote: "Voice made offline: elevenlabs failed: ElevenLabs voice clone: ElevenLabs refused the API key (Invalid API key)" },
    });
  });
});
