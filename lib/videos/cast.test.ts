import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { characters } from "@/db/schema/characters";
import { videoJobs } from "@/db/schema/videos";
import { stopBoss } from "@/lib/jobs/boss";
import { makeAccount, makeCharacter } from "@/lib/test/factories";
import { createVideoJob } from "./service";

afterAll(async () => {
  await stopBoss();
  await closeDb();
});

const actorTrack = (actor: string, speakerId?: string) => ({ type: "actor", actor, text: "Hello there.", ...(speakerId ? { speakerId } : {}) });
const creative = (...tracks: object[]) => ({ settings: { name: "Cast", videoSize: { width: 320, height: 180 } }, scenes: [{ duration: 1000, tracks }] });
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: { status?: number; field?: string; message: string }) => e,
  );

describe("a job's actors and voices", () => {
  it("refuses an actor the workspace does not have, naming the field and listing its actors", async () => {
    const a = await makeAccount();
    const c = await makeCharacter(a, false);
    const e = await refusal(createVideoJob(getDb(), a, { videoCreative: creative({ type: "text", text: "Hi" }, actorTrack("karen")) }));
    expect(e).toMatchObject({ status: 400, field: "videoCreative.scenes[0].tracks[1].actor" });
    expect(e!.message).toContain(`character-${c.id} (${c.name})`);
    expect(e!.message).toContain('"karen"');
    expect(await getDb().select().from(videoJobs).where(eq(videoJobs.workspaceId, a.workspaceId))).toEqual([]);
  });

  it("refuses another workspace's character, and says when there are no actors at all", async () => {
    const a = await makeAccount();
    const b = await makeAccount();
    const theirs = await makeCharacter(b, false);
    const e = await refusal(createVideoJob(getDb(), a, { videoCreative: creative(actorTrack(`character-${theirs.id}`)) }));
    expect(e).toMatchObject({ status: 400, field: "videoCreative.scenes[0].tracks[0].actor" });
    expect(e!.message).toMatch(/no characters yet/);
  });

  it("refuses an unknown speakerId, listing cloned and engine voices; accepts engine voices, foreign ids of a known locale and ready clones", async () => {
    const a = await makeAccount();
    const c = await makeCharacter(a, false);
    const me = `character-${c.id}`;
    const e = await refusal(createVideoJob(getDb(), a, { videoCreative: creative(actorTrack(me, "aquXcfLbkxpW4BBI5qKm")) }));
    expect(e).toMatchObject({ status: 400, field: "videoCreative.scenes[0].tracks[0].speakerId" });
    expect(e!.message).toMatch(/local-en-us/);
    // A character whose voice is not cloned is not a speaker yet.
    expect(await refusal(createVideoJob(getDb(), a, { videoCreative: creative(actorTrack(me, me)) }))).toMatchObject({ status: 400 });

    for (const speakerId of ["local-en-gb", "en-GB-RyanNeural", undefined]) {
      const job = await createVideoJob(getDb(), a, { videoCreative: creative(actorTrack(me, speakerId)) });
      expect(job.status).toBe("queued");
    }
    await getDb()
      .update(characters)
      .set({ voiceStatus: "ready", voice: { engineVoice: "en-us", pitch: 50, rate: 170 } })
      .where(eq(characters.id, c.id));
    expect((await createVideoJob(getDb(), a, { videoCreative: creative(actorTrack(me, me)) })).status).toBe("queued");
  });
});
