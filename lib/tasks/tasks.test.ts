import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { creditLedger } from "@/db/schema/credits";
import { tasks } from "@/db/schema/jobs";
import { getBalance } from "@/lib/credits/ledger";
import { timelinePrice } from "@/lib/credits/prices";
import { reloadEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { makeAccount, makeApprovedStory, makeCharacter, makePhoto } from "@/lib/test/factories";
import { waitUntil } from "@/lib/test/wait";
import { useJobWorker } from "@/lib/test/worker";
import { createVideoJob, deleteVideoJob, getVideoJob } from "@/lib/videos/service";
import { listenLocal } from "@/lib/test/local-server";
import { latestTask, subjects, type TaskRow } from "./service";

// Progress is written at most every 100 ms here (500 by default), so a short stitch is sampled too.
process.env.TASK_PROGRESS_INTERVAL_MS = "100";
reloadEnv();
useJobWorker();

/** A text-only timeline of `scenes` scenes of `seconds` each; the nonce keeps the segment cache cold. */
function textTimeline(name: string, scenes: number, seconds: number) {
  const nonce = randomUUID().slice(0, 8);
  return {
    settings: { name, videoSize: { width: 320, height: 180 }, fps: 25 },
    scenes: Array.from({ length: scenes }, (_, i) => ({
      duration: seconds * 1000,
      tracks: [{ type: "text", text: `${name} ${i + 1} ${nonce}` }],
    })),
  };
}

/** Samples a task as fast as the database answers until it settles: what a polling page would see. */
async function observe(subject: string, timeoutMs = 120_000): Promise<TaskRow[]> {
  const seen: TaskRow[] = [];
  const start = Date.now();
  for (;;) {
    const t = await latestTask(getDb(), subject);
    if (t) seen.push(t);
    if (t && ["succeeded", "failed", "canceled"].includes(t.status)) return seen;
    if (Date.now() - start > timeoutMs) throw new Error(`${subject} did not settle`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("one task per long operation", () => {
  it("moves a timeline render's progress strictly between 1 and 99 while ffmpeg works, then succeeds at 100", async () => {
    const a = await makeAccount();
    const job = await createVideoJob(getDb(), a, { videoCreative: textTimeline("Progress", 6, 10) });
    expect(job).toMatchObject({ status: "queued", progress: 0 });
    const seen = await observe(subjects.videoJob(job.id));

    const during = seen.filter((t) => t.status === "running").map((t) => t.progress);
    expect(
      during.some((p) => p > 1 && p < 99),
      `progress seen while running: ${[...new Set(during)].join(", ")}`,
    ).toBe(true);
    expect(during).toEqual([...during].sort((x, y) => x - y));
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ status: "succeeded", progress: 100, attempts: 1, error: null });
    expect(last.startedAt).not.toBeNull();
    expect(last.finishedAt).not.toBeNull();
    expect(await getVideoJob(getDb(), { workspaceId: a.workspaceId, jobId: job.id })).toMatchObject({ status: "succeeded", progress: 100 });
  });

  it("moves a story's progress past the scenes' share during the stitch", async () => {
    const a = await makeAccount();
    const c = await makeCharacter(a);
    const { project } = await makeApprovedStory(a, c.id, { idea: "A lighthouse keeper finds a message in a bottle and sails to answer it", numScenes: 3 });
    const seen = await observe(subjects.project(project.id), 240_000);

    const stitching = seen.filter((t) => t.status === "running" && t.step === "stitching").map((t) => t.progress);
    expect(
      stitching.some((p) => p > 90 && p < 99),
      `progress seen while stitching: ${[...new Set(stitching)].join(", ")}`,
    ).toBe(true);
    expect(seen.at(-1)).toMatchObject({ status: "succeeded", progress: 100, step: "completed" });
  });

  it("refuses documented maximums at submission, naming the field, and queues nothing", async () => {
    const a = await makeAccount();
    const before = await getDb().select().from(tasks).where(eq(tasks.workspaceId, a.workspaceId));
    const cases: Array<[unknown, RegExp]> = [
      [
        { ...textTimeline("Long", 1, 1), scenes: [{ duration: 25 * 24 * 3600 * 1000, tracks: [{ type: "text", text: "x" }] }] },
        /scenes\[0\]\.duration: must be at most 600000 ms/,
      ],
      [textTimeline("Too long in all", 4, 500), /videoCreative\.scenes: the video lasts 2000 s; at most 30 minutes/],
      [{ ...textTimeline("Big", 1, 1), settings: { name: "Big", videoSize: { width: 7680, height: 4320 } } }, /settings\.videoSize\.width/],
      [{ ...textTimeline("Fast", 1, 1), settings: { name: "Fast", videoSize: { width: 320, height: 180 }, fps: 240 } }, /settings\.fps/],
      [
        { ...textTimeline("Many", 1, 1), scenes: Array.from({ length: 101 }, () => ({ duration: 1000, tracks: [{ type: "text", text: "x" }] })) },
        /scenes: .*100/,
      ],
    ];
    for (const [videoCreative, message] of cases) {
      const e = await createVideoJob(getDb(), a, { videoCreative }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).message).toMatch(message);
    }
    expect(await getDb().select().from(tasks).where(eq(tasks.workspaceId, a.workspaceId))).toEqual(before);
  });

  it("prices a render per started minute: reserved at submission, captured on success, refunded when deleted", async () => {
    const a = await makeAccount({ credits: 100 });
    const price = timelinePrice(61_000).credits;
    expect(price).toBe(2 * timelinePrice(1000).credits);
    const job = await createVideoJob(getDb(), a, { videoCreative: textTimeline("Priced", 1, 61) });
    expect(job.creditsReserved).toBe(price);
    expect(await getBalance(getDb(), a.workspaceId)).toBe(100 - price);
    await observe(subjects.videoJob(job.id));
    const ledger = await getDb()
      .select()
      .from(creditLedger)
      .where(and(eq(creditLedger.workspaceId, a.workspaceId), eq(creditLedger.reference, subjects.videoJob(job.id))));
    expect(ledger.map((r) => r.kind).sort()).toEqual(["capture", "reserve"]);

    const broke = await makeAccount({ credits: price - 1 });
    await expect(createVideoJob(getDb(), broke, { videoCreative: textTimeline("Unaffordable", 1, 61) })).rejects.toThrow(/Insufficient credits/);

    const deleted = await createVideoJob(getDb(), a, { videoCreative: textTimeline("Deleted", 1, 61) });
    await deleteVideoJob(getDb(), { workspaceId: a.workspaceId, jobId: deleted.id });
    expect(await latestTask(getDb(), subjects.videoJob(deleted.id))).toMatchObject({ status: "canceled" });
    expect(await getBalance(getDb(), a.workspaceId)).toBe(100 - price);
  });

  it("does not hold one workspace's short render behind another workspace's long one", async () => {
    // A's render is long because its image is served only once the test says so: no race with the machine's speed.
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const photo = await makePhoto(320, 180);
    const server = await listenLocal((req, res) => {
      if (req.method === "HEAD") return void res.writeHead(200, { "content-type": "image/png" }).end();
      void released.then(() => res.writeHead(200, { "content-type": "image/png" }).end(photo));
    });
    const host = new URL(server.url).host;
    process.env.OUTBOUND_ALLOW_HOSTS = host;
    try {
      const [a, b] = [await makeAccount(), await makeAccount()];
      const slow = {
        ...textTimeline("Long render", 1, 2),
        scenes: [{ duration: 2000, tracks: [{ type: "image", imageUrl: `http://${host}/slow-${randomUUID()}.png` }] }],
      };
      const long = await createVideoJob(getDb(), a, { videoCreative: slow });
      await waitUntil(
        "the long render to start",
        () => latestTask(getDb(), subjects.videoJob(long.id)),
        (t) => t?.status === "running",
        60_000,
      );
      const short = await createVideoJob(getDb(), b, { videoCreative: textTimeline("Short render", 1, 1) });
      // Well inside the 30 s A's image fetch may take: B never waited for A's attempt to end.
      const shortDone = (await observe(subjects.videoJob(short.id), 20_000)).at(-1)!;
      expect(shortDone.status).toBe("succeeded");
      const longNow = await latestTask(getDb(), subjects.videoJob(long.id));
      expect(longNow, "A's render was still on its first attempt when B's finished").toMatchObject({ status: "running", attempts: 1 });
      release();
      expect((await observe(subjects.videoJob(long.id))).at(-1)?.status).toBe("succeeded");
    } finally {
      release();
      delete process.env.OUTBOUND_ALLOW_HOSTS;
      await server.close();
    }
  });
});
