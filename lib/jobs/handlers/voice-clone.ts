import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { characters } from "@/db/schema/characters";
import { liveCharacter } from "@/lib/characters/scope";
import { offlineNote, providerChoice } from "@/lib/providers/settings";
import { isProviderError } from "@/lib/providers/vendor";
import { getVoiceCloneProvider, VoiceSampleError } from "@/lib/providers/voice-clone/index";
import { storage } from "@/lib/storage/local";
import { getMedia } from "@/lib/storage/media";
import { withTransaction } from "@/db/transaction";
import { settleTask, startTask, subjects } from "@/lib/tasks/service";
import { voiceCloneJob, type JobPayload } from "../definitions";

type Payload = JobPayload<typeof voiceCloneJob>;

/** What a user reads when the sample failed for a reason that is ours, not theirs (logged in full). */
export const VOICE_CLONE_FAILED = "The voice sample could not be processed. Try again, or upload another recording.";

/** Only the job's own sample, and only while it is still being processed: never a newer one. */
const current = (data: Payload) =>
  and(
    eq(characters.id, data.characterId),
    eq(characters.workspaceId, data.workspaceId),
    eq(characters.voiceSampleMediaId, data.sampleMediaId),
    eq(characters.voiceStatus, "processing"),
    liveCharacter,
  );

/**
 * Derives a character's voice profile from its sample. Idempotent under redelivery: a job whose
 * character is gone, whose sample was replaced, or whose voice is already settled does nothing.
 * A sample without usable speech fails at once (retrying cannot help); other errors are thrown
 * for pg-boss to retry, and the worker calls failVoiceClone after the last attempt.
 */
export async function handleVoiceClone(db: Db, data: Payload, signal?: AbortSignal) {
  const [c] = await db.select({ id: characters.id, name: characters.name }).from(characters).where(current(data));
  if (!c) return;
  await startTask(db, subjects.voice(c.id), "analysing");
  const sample = await getMedia(db, { mediaId: data.sampleMediaId, workspaceId: data.workspaceId });
  if (!sample) throw new Error(`voice sample ${data.sampleMediaId} is missing`);

  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), `cinetwin-voice-${c.id}-`));
  try {
    let result;
    let madeOffline: string | null = null;
    try {
      const own = await providerChoice(db, data.workspaceId, "voice-clone");
      const request = {
        samplePath: await storage().localPath(sample.storageKey),
        workDir: tmp,
        signal,
        name: c.name,
        scope: { db, workspaceId: data.workspaceId, subject: `character:${c.id}:voice` },
      };
      const provider = getVoiceCloneProvider(data.provider, own.config);
      try {
        result = await provider.clone(request);
      } catch (e) {
        // With the workspace's offline fallback on, a vendor's refusal makes the voice locally, and the task says so.
        if (!isProviderError(e) || !own.fallbackToOffline || provider.id === "local") throw e;
        madeOffline = offlineNote("voice-clone", provider.id, e.message);
        result = await getVoiceCloneProvider("local").clone(request);
      }
    } catch (e) {
      if (e instanceof VoiceSampleError) return void (await markFailed(db, data, e.message));
      throw e;
    }
    const voice = { ...result.profile, ...(result.measured ? { measured: result.measured } : {}) };
    await withTransaction(async (ctx) => {
      const [ready] = await ctx.tx
        .update(characters)
        .set({ voice, voiceStatus: "ready", ...(madeOffline ? { voiceProvider: "local" } : {}), updatedAt: new Date() })
        .where(current(data))
        .returning({ id: characters.id });
      if (ready)
        await settleTask(ctx, subjects.voice(ready.id), {
          status: "succeeded",
          result: {
            engineVoice: voice.engineVoice ?? null,
            ...(voice.voiceId ? { voiceId: voice.voiceId } : {}),
            ...(madeOffline ? { offlineNote: madeOffline } : {}),
          },
        });
    });
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

/** After the last attempt: the character's voice is failed with a message fit for users. */
export async function failVoiceClone(db: Db, data: Payload) {
  await markFailed(db, data, VOICE_CLONE_FAILED);
}

async function markFailed(_db: Db, data: Payload, message: string) {
  await withTransaction(async (ctx) => {
    const [failed] = await ctx.tx
      .update(characters)
      .set({ voiceStatus: "failed", updatedAt: new Date() })
      .where(current(data))
      .returning({ id: characters.id });
    if (failed) await settleTask(ctx, subjects.voice(failed.id), { status: "failed", error: message });
  });
}
