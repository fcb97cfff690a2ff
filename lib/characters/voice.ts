import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { characters } from "@/db/schema/characters";
import { withTransaction } from "@/db/transaction";
import { AppError, notFound } from "@/lib/errors";
import { sendJob } from "@/lib/jobs/boss";
import { voiceCloneJob } from "@/lib/jobs/definitions";
import { providerChoice } from "@/lib/providers/settings";
import { resolveVoiceCloneProvider } from "@/lib/providers/voice-clone/index";
import { saveMedia } from "@/lib/storage/media";
import { createTask, subjects } from "@/lib/tasks/service";
import { characterScope } from "./scope";
import { voiceCloneProviderIds, type VoiceCloneProviderId } from "@/lib/validation/voice";
import type { VoiceSampleInfo } from "./voice-sample";

const scoped = (id: number, workspaceId: string) => characterScope(workspaceId, id);

export interface VoiceCloneStarted {
  characterId: number;
  /** The provider doing the work; differs from the requested one when that is not configured. */
  provider: VoiceCloneProviderId;
  requestedProvider: VoiceCloneProviderId;
}

/**
 * Stores a validated sample and queues its analysis. The media row, the character's
 * "processing" state and the job commit together, so a crash can never leave a character
 * processing with no job (or a job for a sample that was rolled back). A new sample replaces the
 * previous voice at once: narration falls back to the default narrator until it is ready.
 */
export async function startVoiceClone(
  db: Db,
  args: { workspaceId: string; characterId: number; sample: VoiceSampleInfo & { path: string }; requested: VoiceCloneProviderId },
): Promise<VoiceCloneStarted> {
  // Another workspace's person fails the update below, which rolls the stored sample back.
  const { id: provider } = resolveVoiceCloneProvider(args.requested, (await providerChoice(db, args.workspaceId, "voice-clone")).config);
  await withTransaction(async ({ tx, executeSql }) => {
    const sample = await saveMedia(tx, {
      workspaceId: args.workspaceId,
      kind: "audio",
      mime: args.sample.mime,
      source: { path: args.sample.path },
      durationMs: args.sample.durationMs,
    });
    const [row] = await tx
      .update(characters)
      .set({ voice: null, voiceStatus: "processing", voiceProvider: provider, voiceSampleMediaId: sample.id, updatedAt: new Date() })
      .where(scoped(args.characterId, args.workspaceId))
      .returning({ id: characters.id });
    if (!row) throw notFound("Character");
    await createTask(tx, { workspaceId: args.workspaceId, kind: "voice-clone", subject: subjects.voice(row.id) });
    await sendJob(voiceCloneJob, { characterId: row.id, workspaceId: args.workspaceId, sampleMediaId: sample.id, provider }, { executeSql });
  });
  return { characterId: args.characterId, provider, requestedProvider: args.requested };
}

/** Analyses the stored sample of a failed clone again (after a transient failure, say). */
export async function retryVoiceClone(db: Db, args: { workspaceId: string; characterId: number }) {
  await withTransaction(async ({ tx, executeSql }) => {
    const [c] = await tx.select().from(characters).where(scoped(args.characterId, args.workspaceId));
    if (!c) throw notFound("Character");
    if (c.voiceStatus !== "failed" || !c.voiceSampleMediaId) {
      throw new AppError(
        "bad_request",
        c.voiceStatus === "processing" ? "The voice is already being cloned" : "There is no failed voice sample to retry; upload one",
      );
    }
    const known = voiceCloneProviderIds.find((id) => id === c.voiceProvider) ?? "local";
    const provider = resolveVoiceCloneProvider(known, (await providerChoice(tx, args.workspaceId, "voice-clone")).config).id;
    // Conditional on "failed", so a double click queues one job.
    const [row] = await tx
      .update(characters)
      .set({ voiceStatus: "processing", updatedAt: new Date() })
      .where(and(scoped(c.id, args.workspaceId), eq(characters.voiceStatus, "failed")))
      .returning({ id: characters.id });
    if (!row) throw new AppError("bad_request", "The voice is already being cloned");
    await createTask(tx, { workspaceId: args.workspaceId, kind: "voice-clone", subject: subjects.voice(c.id) });
    await sendJob(voiceCloneJob, { characterId: c.id, workspaceId: args.workspaceId, sampleMediaId: c.voiceSampleMediaId, provider }, { executeSql });
  });
}
