import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { providerJobs } from "@/db/schema/providers";
import { espeakWav, lavfiAudio, SAMPLE_TEXT } from "@/lib/test/audio";
import { makeAccount } from "@/lib/test/factories";
import { runFfmpeg } from "@/lib/media/ffmpeg";
import { VoiceSampleError } from "./profile";
import { fakeElevenLabsEnv, startFakeElevenLabs, type FakeElevenLabs } from "../fakes/elevenlabs";
import { ElevenLabsSpeechProvider } from "../speech/elevenlabs";
import { ElevenLabsVoiceCloneProvider } from "./elevenlabs";
import { getVoiceCloneProvider, resolveVoiceCloneProvider } from "./index";
import { failure } from "@/lib/test/failure";

let fake: FakeElevenLabs;
let dir: string;
let sample: string;
const saved = { ...process.env };
beforeAll(async () => {
  fake = await startFakeElevenLabs({ apiKey: "xi-clone" });
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "elevenlabs-clone-"));
  // An Ogg upload: the adapter sends ElevenLabs a plain WAV whatever the sample's format.
  const wav = await espeakWav(path.join(dir, "speech.wav"), SAMPLE_TEXT, ["-p", "40"]);
  sample = path.join(dir, "sample.ogg");
  await runFfmpeg(["-y", "-i", wav, "-t", "4", "-c:a", "libvorbis", sample]);
});
beforeEach(() => {
  Object.assign(process.env, fakeElevenLabsEnv(fake, "xi-clone"));
  fake.reset();
});
afterAll(async () => {
  process.env = saved;
  await fake.close();
  await fs.rm(dir, { recursive: true, force: true });
  await closeDb();
});
const request = (extra: Partial<Parameters<ElevenLabsVoiceCloneProvider["clone"]>[0]> = {}) => ({ samplePath: sample, workDir: dir, name: "Ana", ...extra });

describe("the ElevenLabs voice clone", () => {
  it("is chosen for provider=elevenlabs once a key is set, and local serves it otherwise", () => {
    expect(resolveVoiceCloneProvider("elevenlabs")).toEqual({ id: "elevenlabs", fallback: false });
    expect(getVoiceCloneProvider("elevenlabs")).toBeInstanceOf(ElevenLabsVoiceCloneProvider);
    delete process.env.ELEVENLABS_API_KEY;
    expect(resolveVoiceCloneProvider("elevenlabs")).toEqual({ id: "local", fallback: true });
  });

  it("adds the sample as an instant clone and names the voice provider-neutrally, which ElevenLabs speech then speaks", async () => {
    const result = await new ElevenLabsVoiceCloneProvider().clone(request());
    expect(result).toEqual({
      // The id the fake answered with: its counter has also served the file's other clones.
      profile: { provider: "elevenlabs", voiceId: expect.stringMatching(/^clonedVoice\d{8}$/) },
      measured: expect.objectContaining({ f0Hz: expect.any(Number) }),
    });
    expect(fake.requests).toHaveLength(1);
    const [add] = fake.requests;
    expect(add).toMatchObject({
      method: "POST",
      path: "/v1/voices/add",
      key: "xi-clone",
      body: { name: "Ana", files: [{ name: "sample.wav", type: "audio/wav" }] },
    });
    // 4 s of mono 16-bit at 22.05 kHz, plus the header.
    expect((add.body.files as Array<{ size: number }>)[0].size - 4 * 22_050 * 2).toBeGreaterThanOrEqual(44);
    expect((add.body.files as Array<{ size: number }>)[0].size - 4 * 22_050 * 2).toBeLessThan(200);

    await new ElevenLabsSpeechProvider().synthesize("Hello.", result.profile, path.join(dir, "hello.wav"));
    expect(fake.requests[1].path).toBe(`/v1/text-to-speech/${result.profile.voiceId}/with-timestamps`);
  });

  it("refuses a sample without speech before sending it anywhere", async () => {
    const silence = await lavfiAudio(path.join(dir, "silence.wav"), "anullsrc=r=16000:cl=mono", ["-t", "4"]);
    expect(await failure(new ElevenLabsVoiceCloneProvider().clone(request({ samplePath: silence })))).toBeInstanceOf(VoiceSampleError);
    expect(fake.requests).toHaveLength(0);
  });

  it("records the clone under the job's scope, so a redelivered job does not add the voice again", async () => {
    const a = await makeAccount();
    const scope = { db: getDb(), workspaceId: a.workspaceId, subject: "character:9:voice" };
    const first = await new ElevenLabsVoiceCloneProvider().clone(request({ scope }));
    const again = await new ElevenLabsVoiceCloneProvider().clone(request({ scope }));
    expect(again).toEqual(first);
    expect(fake.counts.adds).toBe(1);
    const [row] = await getDb().select().from(providerJobs).where(eq(providerJobs.subject, "character:9:voice"));
    expect(row).toMatchObject({ status: "succeeded", vendor: "ElevenLabs", result: { voiceId: first.profile.voiceId } });
  });

  it("waits out a 429, and types a refusal in ElevenLabs' words, nonsense and a hang", async () => {
    fake.knobs.rateLimitNext = 2;
    expect((await new ElevenLabsVoiceCloneProvider().clone(request())).profile.voiceId).toMatch(/^clonedVoice/);
    expect(fake.requests).toHaveLength(3);
    expect(fake.counts.adds).toBe(1);

    fake.knobs.voiceLimitReached = true;
    const refused = await failure(new ElevenLabsVoiceCloneProvider().clone(request()));
    expect(refused).toMatchObject({
      kind: "permanent",
      status: 400,
      message:
        "ElevenLabs voice clone: You have reached your maximum amount of custom voices (10 / 10). You can upgrade your subscription to increase your custom voice limit.",
    });
    fake.knobs.voiceLimitReached = false;

    fake.knobs.malformed = true;
    const odd = await failure(new ElevenLabsVoiceCloneProvider().clone(request()));
    expect(odd).toMatchObject({ kind: "permanent", message: expect.stringMatching(/shape it does not document \(no voice_id\)/) });
    fake.knobs.malformed = false;

    fake.knobs.hang = true;
    process.env.ELEVENLABS_TIMEOUT_MS = "300";
    expect(await failure(new ElevenLabsVoiceCloneProvider().clone(request()))).toMatchObject({ kind: "timeout" });
  });
});
